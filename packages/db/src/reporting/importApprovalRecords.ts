/**
 * @module 导入即审核's repository: the reports an import just wrote, locked, and the two steps that
 * mark the chosen ones 审核通过 — draft → submitted (代为提交, the bureau recorded as submitter and
 * 代报) → approved — as two versions, so the history shows who did it. SQL only: the server's import
 * command decides which reports may step (policy, core's decideTransition) and audits each.
 */
import type { ReportStatus, Stage } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

/** A report an import wrote, as the approval reads it (locked). */
export interface ImportedReportRow {
  id: number;
  schoolId: string;
  stage: Stage;
  status: ReportStatus;
  version: number;
  regionCode: string;
}

/**
 * The reports of a year with these keys, locked (FOR UPDATE), in id order.
 * @param tx the import's transaction
 */
export async function lockImportedReports(
  tx: Queryable,
  year: number,
  keys: readonly { schoolId: string; stage: Stage }[],
): Promise<ImportedReportRow[]> {
  if (keys.length === 0) return [];
  const keyTable = sql<{
    school_id: string;
    stage: string;
  }>`unnest(${keys.map((k) => k.schoolId)}::text[], ${keys.map((k) => k.stage)}::text[])`.as<'k'>(
    sql`k (school_id, stage)`,
  );
  const locked = await sqlOf(tx)
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
  return locked.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    // The schema's CHECKs admit exactly core's STAGES and REPORT_STATUSES.
    stage: r.stage as Stage,
    status: r.status as ReportStatus,
    version: r.version,
    regionCode: r.region_code,
  }));
}

/**
 * Submits (代为提交, with the reason) and approves these reports, as two versions each.
 * @param by the bureau user's id (updated_by, submitter, reviewer, 代报)
 * @returns the reports approved with their new versions, in id order
 */
export async function approveOnImport(
  tx: Queryable,
  ids: readonly number[],
  by: number,
  reason: string,
): Promise<{ id: number; schoolId: string; stage: Stage; version: number }[]> {
  if (ids.length === 0) return [];
  const q = sqlOf(tx);
  const now = sql<Date>`now()`;
  const anyId = sql<number[]>`${ids}::bigint[]`;
  await q
    .updateTable('school_report')
    .set((eb) => ({
      status: 'submitted',
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: now,
      submitted_by: by,
      submitted_at: now,
      proxy_by: by,
      proxy_at: now,
      proxy_reason: reason,
    }))
    .where((eb) => eb('id', '=', eb.fn.any(anyId)))
    .execute();
  const approved = await q
    .updateTable('school_report')
    .set((eb) => ({
      status: 'approved',
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: now,
      reviewed_by: by,
      reviewed_at: now,
      review_comments: null,
    }))
    .where((eb) => eb('id', '=', eb.fn.any(anyId)))
    .returning(['id', 'school_id', 'stage', 'version'])
    .execute();
  return approved
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      id: r.id,
      schoolId: r.school_id,
      // The schema's CHECK admits exactly core's STAGES.
      stage: r.stage as Stage,
      version: r.version,
    }));
}
