/**
 * @module The school register's writes (学校管理; the server's schools commands check who may change
 * what and how): a school's register entry locked for a change, the merge target and the latest
 * locked report the change is checked against, and the entry written with its status-history row.
 */
import type { Locality, SchoolStatus } from '@junheng/core';
import { type Selectable, sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import type { SchoolTable } from '../platform/tables.js';

/** The register columns a change touches, and the region and county they are checked against. */
const REGISTER_COLUMNS = [
  'id',
  'name',
  'address',
  'locality',
  'latitude',
  'longitude',
  'status',
  'merged_into',
  'first_year',
  'region_code',
  'county_code',
] as const satisfies readonly (keyof Selectable<SchoolTable>)[];

/** A school's register entry, with core's locality and status. */
export type RegisterEntry = Omit<
  Pick<Selectable<SchoolTable>, (typeof REGISTER_COLUMNS)[number]>,
  'locality' | 'status'
> & {
  locality: Locality;
  status: SchoolStatus;
};

/**
 * Locks schools (FOR UPDATE) in id order: a merge locks two schools, so two schools merged into
 * each other at the same moment wait for one another instead of deadlocking.
 */
export async function lockSchools(tx: Queryable, ids: readonly string[]): Promise<void> {
  await sqlOf(tx)
    .selectFrom('school')
    .select('id')
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** A school's register entry, locked for the change (FOR UPDATE); undefined when there is none. */
export async function lockedRegisterEntry(tx: Queryable, id: string): Promise<RegisterEntry | undefined> {
  const row = await sqlOf(tx)
    .selectFrom('school')
    .select(REGISTER_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  // The schema's CHECKs admit exactly core's localities and school statuses.
  return row && { ...row, locality: row.locality as Locality, status: row.status as SchoolStatus };
}

/** A school's county and status, locked (FOR UPDATE): a merge's target. */
export function lockedCountyAndStatus(tx: Queryable, id: string) {
  return sqlOf(tx)
    .selectFrom('school')
    .select(['county_code', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The year of a locked report of the school's latest year with reports (the published evaluation
 * counted it); undefined when that year has none.
 */
export async function lockedLatestReportYear(tx: Queryable, id: string): Promise<number | undefined> {
  const row = await sqlOf(tx)
    .selectFrom('school_report')
    .select('year')
    .where('school_id', '=', id)
    .where('status', '=', 'locked')
    .where('year', '>=', (eb) =>
      eb
        .selectFrom('school_report')
        .select((m) => m.fn.max('year').as('latest'))
        .where('school_id', '=', id),
    )
    .limit(1)
    .executeTakeFirst();
  return row?.year;
}

/** Writes a school's register entry, and its status history row when the status changed. */
export async function saveRegisterEntry(
  tx: Queryable,
  entry: RegisterEntry,
  statusChange: { effectiveOn: string; reason: string; by: number } | null,
): Promise<void> {
  const q = sqlOf(tx);
  await q
    .updateTable('school')
    .set({
      name: entry.name,
      address: entry.address,
      locality: entry.locality,
      latitude: entry.latitude,
      longitude: entry.longitude,
      status: entry.status,
      merged_into: entry.merged_into,
      first_year: entry.first_year,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', entry.id)
    .execute();
  if (statusChange) {
    await q
      .insertInto('school_status_history')
      .values({
        school_id: entry.id,
        status: entry.status,
        merged_into: entry.merged_into,
        effective_on: statusChange.effectiveOn,
        reason: statusChange.reason,
        changed_by: statusChange.by,
      })
      .execute();
  }
}
