/**
 * @module Reports that do not exist yet (未填报): creating one — by the school when it starts filling
 * in, or by the bureau when it chases a school that has not started (催报) or fills the report in
 * for it (代为填报, issue 10 #23).
 *
 * Decisions:
 * - The school creates its report with `edit`. The bureau creates one only on the way to a workflow
 *   action it may take (remind, proxySave: `review` on the school's reports); the new report is the
 *   same empty draft a school's first save makes, audited as `report.create` with the reason, and
 *   the action follows in the same transaction — a chase never leaves a report without its
 *   reminder, and a refusal leaves nothing behind.
 * - Creating is idempotent: an existing report comes back unchanged, unaudited.
 */
import {
  checkReportYear,
  isStage,
  type PolicyAction,
  REPORT_POLICY_ACTIONS,
  Refusal,
  type ReportKey,
  reportNotFound,
  reportResource,
  requireAllowed,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  type Stage,
} from '@junheng/core';
import {
  insertEmptyReport,
  inTransaction,
  type Queryable,
  reportIdOf,
  schoolForNewReport,
  schoolStages,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../platform/commands.js';
import { getReport, type Report } from './reportRead.js';
import { transitionReport } from './reportWrite.js';

/** Why the bureau creates a school's report: the workflow action it leads to, and its reason. */
export interface OnBehalf {
  action: 'remind' | 'proxySave';
  reason: string;
}

const stageLabel = (stage: string): string => STAGE_NAMES[stage as Stage] ?? String(stage);

/**
 * Every check of creating a report, without writing: the school exists and the actor may act on
 * it, the stage is the school's, the school is open. Locks the school row (FOR SHARE) so that it
 * cannot be closed or retyped while its report is being created.
 * @returns whether the report exists already (then nothing is to be created)
 */
async function checkNewReport(
  tx: Queryable,
  ctx: CommandContext,
  key: ReportKey,
  policyAction: PolicyAction,
): Promise<{ exists: boolean }> {
  const notFound = reportNotFound(key);
  const s = await schoolForNewReport(tx, key.schoolId);
  if (!s) throw notFound;
  requireAllowed(ctx.actor, policyAction, reportResource(s.region_code, key.schoolId), {
    key: notFound.key,
    params: notFound.params,
  });
  if ((await reportIdOf(tx, key)) !== undefined) return { exists: true };

  const named = { school: s.name, schoolId: key.schoolId };
  const stages = schoolStages(s.type);
  if (!stages.includes(key.stage)) {
    const params = { ...named, type: SCHOOL_TYPE_NAMES[s.type], stage: stageLabel(key.stage) };
    throw stages.length > 0
      ? new Refusal('invalidRequest', 'reporting.stageNotOfSchool', {
          ...params,
          stages: stages.map(stageLabel).join('、'),
        })
      : new Refusal('invalidRequest', 'reporting.schoolWithoutStages', params);
  }
  if (s.status !== 'open') {
    throw new Refusal(
      'wrongState',
      s.status === 'merged' ? 'reporting.schoolMerged' : 'reporting.schoolClosed',
      named,
    );
  }
  return { exists: false };
}

/** The key's shape and year, before any query (the same refusals for every caller). */
function checkKey(key: ReportKey): void {
  if (typeof key.schoolId !== 'string') throw reportNotFound(key);
  if (!isStage(key.stage))
    throw new Refusal('invalidRequest', 'reporting.stageUnknown', { stage: String(key.stage) });
  checkReportYear(key.year);
}

/** Creates the report in the caller's transaction (see createReport). */
async function createIn(
  tx: Queryable,
  ctx: CommandContext,
  key: ReportKey,
  onBehalf?: OnBehalf,
): Promise<Report> {
  const policyAction = onBehalf ? REPORT_POLICY_ACTIONS[onBehalf.action] : 'edit';
  const { exists } = await checkNewReport(tx, ctx, key, policyAction);
  const read = () => getReport({ ...ctx, db: tx }, key);
  if (exists) return read();
  const by = await actingUser(tx, ctx.actor);
  // A concurrent create of the same report wins quietly; this one returns it.
  const id = await insertEmptyReport(tx, key, by.id);
  if (id === undefined) return read();
  await recordChange(
    tx,
    ctx,
    {
      action: 'report.create',
      entity: 'school_report',
      entityId: id,
      after: { status: 'draft', version: 1, data: {} },
      reason: onBehalf?.reason ?? null,
    },
    by,
  );
  return read();
}

/**
 * Creates an empty draft report (data {}, version 1) so the school can start filling in; returns
 * the existing report unchanged when there is one (idempotent). Creates the school year if needed.
 * A new report is audited (`report.create`) in the same transaction.
 * @param onBehalf the bureau's reason for creating the school's report (recorded in the audit event)
 * @throws Refusal notFound (school missing or not visible), notAllowed (may view, not edit, or the
 *   account is disabled), invalidRequest (a stage the school does not have, a bad year) or
 *   wrongState (the school is merged or closed)
 */
export async function createReport(
  ctx: CommandContext,
  key: ReportKey,
  onBehalf?: OnBehalf,
): Promise<Report> {
  checkKey(key);
  const reportKey: ReportKey = { schoolId: key.schoolId, year: key.year, stage: key.stage };
  return inTransaction(ctx.db, (tx) => createIn(tx, ctx, reportKey, onBehalf));
}

/**
 * Whether the bureau's action could start a report the school has not created: every check of
 * createReport, nothing written (the batch's dry run).
 * @throws Refusal as createReport
 */
export async function checkStartOnBehalf(
  ctx: CommandContext,
  key: ReportKey,
  onBehalf: OnBehalf,
): Promise<{ exists: boolean }> {
  checkKey(key);
  return inTransaction(ctx.db, (tx) => checkNewReport(tx, ctx, key, REPORT_POLICY_ACTIONS[onBehalf.action]));
}

/**
 * 催报 of a report the school has not started: creates it (empty draft, audited with the message)
 * and records the reminder the school will see, in one transaction.
 * @returns the report with its reminder
 * @throws Refusal as createReport, and as the remind step (transitionReport)
 */
export function remindUnstartedReport(
  ctx: CommandContext,
  input: ReportKey & { reason: string },
): Promise<Report> {
  const { reason, ...key } = input;
  return inTransaction(ctx.db, async (tx) => {
    const inTx = { ...ctx, db: tx };
    const created = await createReport(inTx, key, { action: 'remind', reason });
    return transitionReport(inTx, { ...key, action: 'remind', expectedVersion: created.version, reason });
  });
}
