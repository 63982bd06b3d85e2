/**
 * @module 导入即审核: when the bureau imports the county's workbook it has collected from the
 * schools itself (the Excel round many counties still run by e-mail), it may mark the imported
 * reports 审核通过 in the same transaction, instead of waiting for schools without accounts to
 * submit. Each report steps draft → submitted → approved (two versions, so history shows who did
 * it), the bureau recorded as submitter and reviewer, with one audit event per report.
 */
import { type Actor, explain, type Stage } from '@junheng/core';
import { AccessError } from './access.js';
import { appendAudit } from './audit.js';
import type { Queryable } from './database.js';

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
  const { rows } = await tx.query<{
    id: number;
    school_id: string;
    stage: Stage;
    status: string;
    region_code: string;
  }>(
    `SELECT r.id, r.school_id, r.stage, r.status, s.region_code
       FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE r.year = $1 AND (r.school_id, r.stage) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY r.id FOR UPDATE OF r`,
    [year, keys.map((k) => k.schoolId), keys.map((k) => k.stage)],
  );
  for (const r of rows) {
    const d = explain(actor, 'review', {
      kind: 'schoolReport',
      regionCode: r.region_code,
      schoolId: r.school_id,
    });
    if (!d.allowed) throw new AccessError('notAllowed', d.reason, undefined, d.rule);
  }
  const drafts = rows.filter((r) => r.status === 'draft' || r.status === 'returned');
  const ids = drafts.map((r) => r.id);
  if (ids.length === 0) return [];
  // Two steps so school_report_version shows the submission and the approval separately.
  await tx.query(
    `UPDATE school_report SET status = 'submitted', version = version + 1, updated_by = $2, updated_at = now(),
            submitted_by = $2, submitted_at = now()
      WHERE id = ANY($1::bigint[])`,
    [ids, by.id],
  );
  const approved = await tx.query<{ id: number; school_id: string; stage: Stage; version: number }>(
    `UPDATE school_report SET status = 'approved', version = version + 1, updated_by = $2, updated_at = now(),
            reviewed_by = $2, reviewed_at = now(), review_comments = NULL
      WHERE id = ANY($1::bigint[])
      RETURNING id, school_id, stage, version`,
    [ids, by.id],
  );
  const out = approved.rows.sort((a, b) => a.id - b.id);
  for (const r of out) {
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'report.approveOnImport',
      entity: 'school_report',
      entityId: String(r.id),
      before: { status: drafts.find((d) => d.id === r.id)!.status, version: r.version - 2 },
      after: { status: 'approved', version: r.version },
      reason: '教育局导入全县数据时审核通过',
      ip: ip ?? null,
    });
  }
  return out.map((r) => ({ id: r.id, schoolId: r.school_id, stage: r.stage, version: r.version }));
}
