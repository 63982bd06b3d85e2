/**
 * @module Who may see or change a round: the read guard (the whole round for the county's plan
 * readers, one school's part of an admitted round for a school user), the write lock with its
 * version and status checks, and the version raise every change makes. Used by the rounds and by
 * their applicants.
 */
import { type Actor, can, explain } from '@junheng/core';
import { sql } from 'kysely';
import { AccessError } from '../../platform/access.js';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { isId, plan, type RoundRow, readRoundRow, roundNotFoundMessage } from './roundRecords.js';

/** Whether a school user's school lies in the round's county. */
async function ownSchoolInCounty(db: Queryable, actor: Actor, county: string): Promise<boolean> {
  if (!actor.schoolId) return false;
  const row = await sqlOf(db)
    .selectFrom('school')
    .select('id')
    .where('id', '=', actor.schoolId)
    .where('county_code', '=', county)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * How the actor may see a round: 'plan' (bureau, inspectors, city: the whole round), 'school' (a
 * school user of the county, once the round is admitted: its own children and row), or refused.
 * @throws AccessError notFound
 */
export async function roundAccess(db: Queryable, actor: Actor, row: RoundRow | null, id: unknown) {
  if (!row) throw new AccessError('notFound', roundNotFoundMessage(id));
  if (can(actor, 'view', plan(row.county_code))) return 'plan' as const;
  if (
    row.status === 'admitted' &&
    actor.schoolId &&
    can(actor, 'view', { kind: 'applicant', regionCode: row.county_code, schoolId: actor.schoolId }) &&
    (await ownSchoolInCounty(db, actor, row.county_code))
  ) {
    return 'school' as const;
  }
  throw new AccessError('notFound', roundNotFoundMessage(id));
}

/** Locks a round for a write by the county's bureau and checks version and status. */
export async function lockRoundForEdit(
  tx: Queryable,
  actor: Actor,
  id: number,
  version: number | undefined,
  opts: { needOpen: boolean; kind?: 'admissionPlan' | 'applicant'; action?: 'edit' | 'import' } = {
    needOpen: true,
  },
): Promise<RoundRow> {
  if (!isId(id)) throw new AccessError('notFound', roundNotFoundMessage(id));
  const row = await readRoundRow(tx, id, true);
  if (!row) throw new AccessError('notFound', roundNotFoundMessage(id));
  const visible =
    can(actor, 'view', plan(row.county_code)) ||
    can(actor, 'view', { kind: 'applicant', regionCode: row.county_code });
  if (!visible) throw new AccessError('notFound', roundNotFoundMessage(id));
  const kind = opts.kind ?? 'admissionPlan';
  const d = explain(actor, opts.action ?? 'edit', { kind, regionCode: row.county_code });
  if (!d.allowed) throw new AccessError('notAllowed', d.reason, undefined, d.rule);
  if (version !== undefined && version !== row.version) {
    throw new AccessError(
      'conflict',
      `招生轮次“${row.title}”已被他人修改（当前第 ${row.version} 版，您看到的是第 ${version} 版）：请刷新后再改，您的改动未保存`,
    );
  }
  if (opts.needOpen && row.status !== 'open') {
    throw new AccessError(
      'wrongState',
      `招生轮次“${row.title}”已生成派位名单并公布承诺值，申请名单、招生类别和计划招生数已冻结，不能再修改`,
    );
  }
  return row;
}

/**
 * Raises the round's version: every change of the round or of its applicants does, so a commit
 * names the list the user reviewed (a stale version is a 409).
 */
export async function touchRound(tx: Queryable, id: number, by: number): Promise<void> {
  await sqlOf(tx)
    .updateTable('admission_round')
    .set((eb) => ({ version: eb('version', '+', 1), updated_by: by, updated_at: sql<Date>`now()` }))
    .where('id', '=', id)
    .execute();
}
