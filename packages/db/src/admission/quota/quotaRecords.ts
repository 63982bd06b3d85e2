/**
 * @module A saved 指标到校 allocation as stored and as answered: its row with the names of its
 * authors, loading one with the actor's right checked (FOR UPDATE inside a write), and the summary
 * and view built from it. Internal to quotaAllocations.ts.
 */
import type { Actor, QuotaAllocation } from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import type { QuotaAllocationSummary, QuotaAllocationView, QuotaInputSchool } from './quotaAllocations.js';

export function quotaNotFound(what: string): string {
  return `没有找到${what}，或您无权查看`;
}

/** Allocations (alias q) with the names of who created and last changed them; callers add the WHERE clause. */
export function quotaRows(db: Queryable) {
  return sqlOf(db)
    .selectFrom('quota_allocation as q')
    .leftJoin('app_user as cu', 'cu.id', 'q.created_by')
    .leftJoin('app_user as uu', 'uu.id', 'q.updated_by')
    .select([
      'q.id',
      'q.county_code',
      'q.year',
      'q.high_school_name',
      'q.places',
      'q.allocated_share',
      'q.rural_tilt',
      'q.minimum',
      'q.inputs',
      'q.result',
      'q.version',
      'q.created_at',
      'cu.display_name as created_by_name',
      'q.updated_at',
      'uu.display_name as updated_by_name',
    ]);
}

/** An allocation's row with its JSON in their shapes. */
export function typedRow(r: Awaited<ReturnType<ReturnType<typeof quotaRows>['execute']>>[number]) {
  return {
    ...r,
    // Written by createQuota / updateQuota: the register-resolved schools and core's allocation.
    inputs: r.inputs as QuotaInputSchool[],
    result: r.result as QuotaAllocation,
  };
}

type QuotaRowDb = ReturnType<typeof typedRow>;

export function summaryOf(r: QuotaRowDb): QuotaAllocationSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    year: r.year,
    highSchoolName: r.high_school_name,
    places: r.places,
    share: r.allocated_share,
    ruralTilt: r.rural_tilt,
    minimum: r.minimum,
    allocated: r.result.places,
    schools: r.inputs.length,
    version: r.version,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
  };
}

export function viewOf(r: QuotaRowDb): QuotaAllocationView {
  return { ...summaryOf(r), inputs: r.inputs, result: withCaps(r.result) };
}

/**
 * A result saved before schools were capped at their graduates has no `unplaced` or `heldAtCap`:
 * nothing was capped then, and any places beyond the graduates went to the schools.
 */
function withCaps(result: QuotaAllocation): QuotaAllocation {
  return {
    ...result,
    unplaced: result.unplaced ?? 0,
    rows: result.rows.map((row) => ({ ...row, heldAtCap: row.heldAtCap ?? false })),
  };
}

export async function loadRow(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit',
  lock = false,
) {
  const message = quotaNotFound(`指标到校方案 ${String(id)}`);
  if (!Number.isSafeInteger(id) || id < 1) throw new AccessError('notFound', message);
  const query = quotaRows(db).where('q.id', '=', id);
  const found = await (lock ? query.forUpdate('q') : query).executeTakeFirst();
  if (!found) throw new AccessError('notFound', message);
  const row = typedRow(found);
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: row.county_code }, message);
  return row;
}
