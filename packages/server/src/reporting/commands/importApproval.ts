/**
 * @module 导入即审核: when the bureau imports the county's workbook it has collected from the
 * schools itself (the Excel round many counties still run by e-mail), it may mark the imported
 * reports 审核通过 in the same transaction, instead of waiting for schools without accounts to
 * submit. Each report steps draft → submitted → approved (two versions, so history shows who did
 * it), the bureau recorded as submitter and reviewer, with one audit event per report.
 *
 * The two steps are the workflow table's 代为提交 (proxySubmit) and 审核通过 (approve), decided by
 * core's decideTransition like every other change of a report: the report is marked 教育局代报.
 */
import {
  decideTransition,
  explain,
  message,
  policyRefusal,
  Refusal,
  reportResource,
  type Stage,
} from '@junheng/core';
import {
  type ActingUser,
  approveOnImport,
  type ImportedReportRow,
  lockImportedReports,
  type Queryable,
} from '@junheng/db';
import { type CommandContext, recordChange } from '../../platform/commands.js';

export interface ApprovedImport {
  id: number;
  schoolId: string;
  stage: Stage;
  version: number;
}

/** Whether the workflow table lets the bureau submit the report for the school and then approve it. */
function approvable(ctx: CommandContext, r: ImportedReportRow, reason: string): boolean {
  const submit = decideTransition(
    { status: r.status, version: r.version },
    { action: 'proxySubmit', role: ctx.actor.role, expectedVersion: r.version, reason },
  );
  if (!submit.ok && submit.code === 'notAllowed') throw new Refusal('notAllowed', submit.key, submit.params);
  if (!submit.ok) return false;
  const approve = decideTransition(
    { status: submit.to, version: submit.version },
    { action: 'approve', role: ctx.actor.role, expectedVersion: submit.version },
  );
  if (!approve.ok && approve.code === 'notAllowed')
    throw new Refusal('notAllowed', approve.key, approve.params);
  return approve.ok;
}

/**
 * Approves the county's draft reports of a year that an import just wrote, in the import's
 * transaction.
 * @param by the acting bureau user (updated_by and the audit log)
 * @param keys the reports the import wrote
 * @returns the reports approved, with their new versions
 * @throws Refusal notAllowed when the actor may not review one of them (nothing is written: the
 *   caller's transaction rolls back)
 */
export async function approveImportedReports(
  tx: Queryable,
  ctx: CommandContext,
  by: ActingUser,
  year: number,
  keys: readonly { schoolId: string; stage: Stage }[],
): Promise<ApprovedImport[]> {
  if (keys.length === 0) return [];
  const rows = await lockImportedReports(tx, year, keys);
  for (const r of rows) {
    const d = explain(ctx.actor, 'review', reportResource(r.regionCode, r.schoolId));
    if (!d.allowed) throw policyRefusal(d);
  }
  const reason = message('reporting.importApprovalReason');
  const drafts = rows.filter((r) => approvable(ctx, r, reason));
  const approved = await approveOnImport(
    tx,
    drafts.map((r) => r.id),
    by.id,
    reason,
  );
  for (const r of approved) {
    await recordChange(
      tx,
      ctx,
      {
        action: 'report.approveOnImport',
        entity: 'school_report',
        entityId: r.id,
        before: { status: drafts.find((d) => d.id === r.id)!.status, version: r.version - 2 },
        after: { status: 'approved', version: r.version },
        reason,
      },
      by,
    );
  }
  return approved;
}
