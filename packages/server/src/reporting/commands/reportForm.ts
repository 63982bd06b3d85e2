/**
 * @module What the form's two writes do, each one command: a save (the data checked, a report
 * nobody started created first when the version is 0 — the bureau's 代为填报 with its reason — then
 * the draft saved) and a workflow step (a submit's data checked, comments naming fields of the
 * form, then the step). The checks come in the order the API has always answered them.
 */
import {
  checkCommentFields,
  checkReportDataOrRefuse,
  type FieldComment,
  Refusal,
  type ReportAction,
  type ReportKey,
} from '@junheng/core';
import type { CommandContext } from '../../platform/commands.js';
import { createReport } from './reportCreation.js';
import { getReport, type Report } from './reportRead.js';
import { saveReportDraft, transitionReport } from './reportWrite.js';

export interface FormSave extends ReportKey {
  data: Record<string, unknown>;
  /** The version edited; 0 for a report nobody has started (it is created first). */
  version: number;
  proxyReason?: string;
}

/**
 * The version a save is based on. Version 0 is a report nobody started: it is created (audited, by
 * the bureau with the reason of its 代为填报), then saved into as an existing one.
 * @throws Refusal conflict when someone else created and saved it meanwhile
 */
async function baseVersion(ctx: CommandContext, input: FormSave): Promise<number> {
  if (input.version !== 0) return input.version;
  const proxyReason = input.proxyReason?.trim();
  const { schoolId, year, stage } = input;
  const created = await createReport(
    ctx,
    { schoolId, year, stage },
    proxyReason ? { action: 'proxySave', reason: proxyReason } : undefined,
  );
  if (created.version !== 1 || Object.keys(created.data).length > 0) {
    throw new Refusal(
      'conflict',
      'reporting.createdMeanwhile',
      {},
      { details: { currentVersion: created.version } },
    );
  }
  return created.version;
}

/**
 * Saves the form: the data checked (core checkReportData), the report created first when the
 * version is 0, then the draft saved.
 * @throws Refusal invalidRequest (the data's issues as details), and as createReport and
 *   saveReportDraft
 */
export async function saveReportForm(ctx: CommandContext, input: FormSave): Promise<Report> {
  checkReportDataOrRefuse(input.data, false);
  const expectedVersion = await baseVersion(ctx, input);
  const { version: _v, ...rest } = input;
  return saveReportDraft(ctx, { ...rest, expectedVersion });
}

export interface FormStep extends ReportKey {
  action: Exclude<ReportAction, 'save' | 'proxySave'>;
  version: number;
  reason?: string;
  comments?: FieldComment[];
}

/**
 * A workflow step of the form: a submit's data checked first (only the version being submitted; a
 * stale one ends in the step's conflict), the comments' fields, then the step.
 * @throws Refusal invalidRequest, and as transitionReport
 */
export async function runReportAction(ctx: CommandContext, input: FormStep): Promise<Report> {
  const { version, ...step } = input;
  if (step.action === 'submit' || step.action === 'proxySubmit') {
    const { schoolId, year, stage } = input;
    const current = await getReport(ctx, { schoolId, year, stage });
    if (current.version === version) checkReportDataOrRefuse(current.data, true);
  }
  checkCommentFields(step.comments);
  return transitionReport(ctx, { ...step, expectedVersion: version });
}
