/**
 * @module 审核 in bulk: approve, return (one reason for all) or chase (催报) many reports at once —
 * each report through the single action's command in its own transaction, with a per-report
 * outcome and a dry run for the confirmation; a report the school never started (version 0) can
 * only be chased, which creates it with the reminder.
 */
import {
  can,
  message,
  REPORT_ACTION_NAMES,
  Refusal,
  type ReportKey,
  type ReportStatus,
  reportResource,
  rolesFor,
  USER_ROLE_NAMES,
} from '@junheng/core';
import { schoolsByIds } from '@junheng/db';
import type { CommandContext } from '../../platform/commands.js';
import { checkStartOnBehalf, remindUnstartedReport } from './reportCreation.js';
import { previewTransition, transitionReport } from './reportWrite.js';

export type BatchAction = 'approve' | 'return' | 'remind';

export interface BatchRequest {
  year: number;
  action: BatchAction;
  /** version 0: a report the school has not started (未填报). */
  reports: { schoolId: string; stage: ReportKey['stage']; version: number }[];
  reason?: string;
  dryRun?: boolean;
}

/** One report's outcome: done (or, in a dry run, doable) from → to, or refused with why. */
export type BatchOutcome = ReportKey & { schoolName: string | null } & (
    | { ok: true; from: ReportStatus | 'missing'; to: ReportStatus; version: number }
    | { ok: false; code: string; message: string }
  );

/** The transition a batch asks of each report: a return's reason is its overall comment. */
function batchTransition(action: BatchAction, reason: string | undefined, count: number) {
  const text = reason?.trim() || undefined;
  if (action === 'return') return { reason: text, comments: text ? [{ field: '', text }] : [] };
  if (action === 'remind') return { reason: text };
  return { reason: text ?? message('reporting.batchApproveReason', { count }) };
}

/**
 * What refuses a batch as a whole: a role the workflow never lets do the action, a return or a
 * chase without its text (unless a dry run), the same report twice.
 */
function checkBatch(ctx: CommandContext, body: BatchRequest, dryRun: boolean): void {
  const { action, reports, reason } = body;
  const roles = rolesFor(action);
  if (!roles.includes(ctx.actor.role)) {
    throw new Refusal('notAllowed', 'reporting.batchRoles', {
      action: REPORT_ACTION_NAMES[action],
      roles: roles.map((r) => USER_ROLE_NAMES[r]).join('、'),
    });
  }
  if (action !== 'approve' && !reason?.trim() && !dryRun) {
    throw new Refusal(
      'reasonRequired',
      action === 'return' ? 'reporting.batchReturnNeedsReason' : 'reporting.batchRemindNeedsText',
    );
  }
  const keys = reports.map((r) => `${r.schoolId}/${r.stage}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new Refusal('invalidRequest', 'reporting.batchTwice', { report: twice });
}

/** School names of the reports the actor may see (none for the others: nothing leaks). */
async function visibleSchoolNames(ctx: CommandContext, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const s of await schoolsByIds(ctx.db, ids)) {
    if (can(ctx.actor, 'view', reportResource(s.regionCode, s.id))) names.set(s.id, s.name);
  }
  return names;
}

type Done = { from: ReportStatus | 'missing'; to: ReportStatus; version: number };
type Item = ReportKey & { action: BatchAction; dryRun: boolean };

/** One existing report of a batch: the single action's checks (dry run) or the action itself. */
async function batchExisting(
  ctx: CommandContext,
  item: Item & { version: number; extra: ReturnType<typeof batchTransition> },
): Promise<Done> {
  const { dryRun, version, extra, ...rest } = item;
  const input = { ...rest, expectedVersion: version, ...extra };
  const before = await previewTransition(ctx, input);
  const after = dryRun ? null : await transitionReport(ctx, input);
  return { from: before.from, to: after?.status ?? before.to, version: after?.version ?? before.version };
}

/**
 * One report of a batch that the school has not started (未填报, version 0): it can only be chased —
 * the chase creates the empty report with the reminder; there is nothing to approve or return.
 */
async function batchUnstarted(
  ctx: CommandContext,
  item: Item & { reason: string | undefined },
): Promise<Done> {
  const { action, dryRun, reason, ...key } = item;
  if (action !== 'remind') {
    throw new Refusal('wrongState', 'reporting.batchNotStarted', { action: REPORT_ACTION_NAMES[action] });
  }
  if (dryRun) {
    const { exists } = await checkStartOnBehalf(ctx, key, { action, reason: reason ?? '' });
    if (exists) throw new Refusal('conflict', 'reporting.batchStartedMeanwhile');
  } else {
    await remindUnstartedReport(ctx, { ...key, reason: reason ?? '' });
  }
  return { from: 'missing', to: 'draft', version: 1 };
}

/**
 * The code a refused report is listed with: the answer's code, as the batch has always listed it
 * (a request the report commands found invalid as invalidData).
 */
function listedCode(e: Refusal): string {
  return e.code === 'invalidRequest' ? 'invalidData' : e.code;
}

/**
 * Runs a batch: every report, one at a time, each in its own transaction; a refusal is that
 * report's outcome and leaves the others as done.
 * @throws Refusal notAllowed, reasonRequired or invalidRequest for the batch as a whole
 */
export async function batchReports(ctx: CommandContext, body: BatchRequest): Promise<BatchOutcome[]> {
  const dryRun = body.dryRun === true;
  checkBatch(ctx, body, dryRun);
  const { year, action, reports, reason } = body;
  const names = await visibleSchoolNames(
    ctx,
    reports.map((r) => r.schoolId),
  );
  // A dry run checks before the reason is written: a stand-in lets the checks run.
  const stand = dryRun && action !== 'approve' ? message('reporting.batchReasonPending') : reason;
  const extra = batchTransition(action, reason?.trim() || stand, reports.length);
  const outcomes: BatchOutcome[] = [];
  for (const r of reports) {
    const key = { schoolId: r.schoolId, year, stage: r.stage };
    const schoolName = names.get(r.schoolId) ?? null;
    try {
      const done =
        r.version === 0
          ? await batchUnstarted(ctx, { ...key, action, reason: extra.reason, dryRun })
          : await batchExisting(ctx, { ...key, action, extra, version: r.version, dryRun });
      outcomes.push({ ...key, schoolName, ok: true, ...done });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      outcomes.push({ ...key, schoolName, ok: false, code: listedCode(e), message: e.message });
    }
  }
  return outcomes;
}
