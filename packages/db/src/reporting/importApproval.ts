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
import { type Actor, decideTransition, explain, type ReportStatus, type Stage } from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { AccessError } from '../platform/access.js';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

/** Why the bureau submitted and approved the imported reports (audit log, 教育局代报 mark). */
const IMPORT_REASON = '教育局导入全县数据时审核通过';

export interface ApprovedImport {
  id: number;
  schoolId: string;
  stage: Stage;
  version: number;
}

/**
 * Approves the county's draft reports of a year that an import just wrote.
 * @param tx the import's transaction
 * @param actor the bureau user (needs review on each report)
 * @param by username and id of the actor, for updated_by and the audit log
 * @param keys the reports the import wrote
 * @returns the reports approved, with their new versions
 * @throws AccessError notAllowed when the actor may not review one of them (nothing is written:
 *   the caller's transaction rolls back)
 */
export async function approveImportedReports(
  tx: Queryable,
  actor: Actor,
  by: { id: number; username: string },
  year: number,
  keys: readonly { schoolId: string; stage: Stage }[],
  ip?: string | null,
): Promise<ApprovedImport[]> {
  if (keys.length === 0) return [];
  const q = sqlOf(tx);
  const keyTable = sql<{
    school_id: string;
    stage: string;
  }>`unnest(${keys.map((k) => k.schoolId)}::text[], ${keys.map((k) => k.stage)}::text[])`.as<'k'>(
    sql`k (school_id, stage)`,
  );
  const locked = await q
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select(['r.id', 'r.school_id', 'r.stage', 'r.status', 'r.version', 's.region_code'])
    .where('r.year', '=', year)
    .where((eb) =>
      eb(
        eb.refTuple('r.school_id', 'r.stage'),
        'in',
        eb.selectFrom(keyTable).select(['k.school_id', 'k.stage']).$asTuple('school_id', 'stage'),
      ),
    )
    .orderBy('r.id')
    .forUpdate('r')
    .execute();
  // The schema's CHECK admits exactly core's REPORT_STATUSES.
  const rows = locked.map((r) => ({ ...r, status: r.status as ReportStatus }));
  for (const r of rows) {
    const d = explain(actor, 'review', {
      kind: 'schoolReport',
      regionCode: r.region_code,
      schoolId: r.school_id,
    });
    if (!d.allowed) throw new AccessError('notAllowed', d.reason, undefined, d.rule);
  }
  // Which reports the workflow table lets the bureau submit for the school and then approve.
  const drafts = rows.filter((r) => {
    const submit = decideTransition(
      { status: r.status, version: r.version },
      { action: 'proxySubmit', role: actor.role, expectedVersion: r.version, reason: IMPORT_REASON },
    );
    if (!submit.ok && submit.code === 'notAllowed') throw new AccessError('notAllowed', submit.message);
    if (!submit.ok) return false;
    const approve = decideTransition(
      { status: submit.to, version: submit.version },
      { action: 'approve', role: actor.role, expectedVersion: submit.version },
    );
    if (!approve.ok && approve.code === 'notAllowed') throw new AccessError('notAllowed', approve.message);
    return approve.ok;
  });
  const ids = drafts.map((r) => r.id);
  if (ids.length === 0) return [];
  // Two steps so school_report_version shows the submission and the approval separately.
  const now = sql<Date>`now()`;
  const anyId = sql<number[]>`${ids}::bigint[]`;
  await q
    .updateTable('school_report')
    .set((eb) => ({
      status: 'submitted',
      version: eb('version', '+', 1),
      updated_by: by.id,
      updated_at: now,
      submitted_by: by.id,
      submitted_at: now,
      proxy_by: by.id,
      proxy_at: now,
      proxy_reason: IMPORT_REASON,
    }))
    .where((eb) => eb('id', '=', eb.fn.any(anyId)))
    .execute();
  const approved = await q
    .updateTable('school_report')
    .set((eb) => ({
      status: 'approved',
      version: eb('version', '+', 1),
      updated_by: by.id,
      updated_at: now,
      reviewed_by: by.id,
      reviewed_at: now,
      review_comments: null,
    }))
    .where((eb) => eb('id', '=', eb.fn.any(anyId)))
    .returning(['id', 'school_id', 'stage', 'version'])
    .execute();
  const out = approved.sort((a, b) => a.id - b.id);
  for (const r of out) {
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'report.approveOnImport',
      entity: 'school_report',
      entityId: String(r.id),
      before: { status: drafts.find((d) => d.id === r.id)!.status, version: r.version - 2 },
      after: { status: 'approved', version: r.version },
      reason: IMPORT_REASON,
      ip: ip ?? null,
    });
  }
  return out.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    // The schema's CHECK admits exactly core's STAGES.
    stage: r.stage as Stage,
    version: r.version,
  }));
}
