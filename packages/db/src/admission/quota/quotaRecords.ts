/**
 * @module 指标到校 allocations as stored: a saved allocation's row with the names of its authors
 * (read FOR UPDATE inside a write), the county's list of a year, the county's junior-stage schools
 * with the 初中在校生数 of their latest report, the register's name and 城乡类型 of the schools a
 * request names, and the insert and update of an allocation. SQL only: who may do what, the
 * checks and the audit are the server's commands (server/src/admission/quota/commands.ts).
 */
import type { QuotaAllocation, QuotaInputSchool } from '@junheng/core';
import { sql } from 'kysely';
import { jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { ensureSchoolYear } from '../../schools/schoolYears.js';

/** Allocations (alias q) with the names of who created and last changed them; callers add the WHERE clause. */
function quotaRows(db: Queryable) {
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

type StoredQuotaRow = Awaited<ReturnType<ReturnType<typeof quotaRows>['executeTakeFirstOrThrow']>>;

/** A saved allocation's row with its JSON in their shapes. */
export type QuotaRow = Omit<StoredQuotaRow, 'inputs' | 'result'> & {
  inputs: QuotaInputSchool[];
  result: QuotaAllocation;
};

function typedRow(r: StoredQuotaRow): QuotaRow {
  return {
    ...r,
    // Written by insertQuota / updateQuotaRow: the register-resolved schools and core's allocation.
    inputs: r.inputs as QuotaInputSchool[],
    result: r.result as QuotaAllocation,
  };
}

/** One saved allocation (FOR UPDATE of its row when `lock`), or null. */
export async function findQuota(db: Queryable, id: number, lock = false): Promise<QuotaRow | null> {
  const query = quotaRows(db).where('q.id', '=', id);
  const found = await (lock ? query.forUpdate('q') : query).executeTakeFirst();
  return found ? typedRow(found) : null;
}

/** The county's saved allocations of a year, the latest changed first. */
export async function listQuotaRows(db: Queryable, countyCode: string, year: number): Promise<QuotaRow[]> {
  const rows = await quotaRows(db)
    .where('q.county_code', '=', countyCode)
    .where('q.year', '=', year)
    .orderBy('q.updated_at', 'desc')
    .orderBy('q.id', 'desc')
    .execute();
  return rows.map(typedRow);
}

/** School types with a 初中 stage, whose graduates the quota counts. */
const JUNIOR_TYPES = ['junior', 'nineYear', 'twelveYear', 'completeMiddle'] as const;

/** A junior-stage school with the 初中在校生数 of its report of the year, else the latest earlier one. */
export interface JuniorSchoolRow {
  id: string;
  name: string;
  locality: string;
  /** null when the school has no such report. */
  students: number | null;
  report_year: number | null;
}

/** The county's open junior-stage schools, by id, with their latest 初中在校生数 up to `year`. */
export async function juniorSchoolRows(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<JuniorSchoolRow[]> {
  return sqlOf(db)
    .selectFrom('school as s')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('school_report as sr')
          .select(sql<number | null>`(${sql.ref('sr.data')}->>'students')::numeric::int`.as('students'))
          .select('sr.year')
          .whereRef('sr.school_id', '=', 's.id')
          .where('sr.stage', '=', 'junior')
          .where('sr.year', '<=', year)
          .orderBy('sr.year', 'desc')
          .limit(1)
          .as('r'),
      (join) => join.onTrue(),
    )
    .select(['s.id', 's.name', 's.locality', 'r.students', 'r.year as report_year'])
    .where('s.county_code', '=', countyCode)
    .where('s.status', '=', 'open')
    .where('s.type', 'in', JUNIOR_TYPES)
    .orderBy('s.id')
    .execute();
}

/** The county's schools among `ids` with their register name and 城乡类型 (school.locality). */
export async function registerSchools(
  db: Queryable,
  countyCode: string,
  ids: readonly string[],
): Promise<{ id: string; name: string; locality: string }[]> {
  if (ids.length === 0) return [];
  return sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'locality'])
    .where('county_code', '=', countyCode)
    .where('id', 'in', ids)
    .execute();
}

/** What an allocation is stored as. */
export interface QuotaValues {
  highSchoolName: string;
  places: number;
  share: number;
  ruralTilt: number;
  minimum: number;
  /** The register-resolved schools the allocation used. */
  inputs: QuotaInputSchool[];
  result: QuotaAllocation;
}

/** Saves a new allocation (its school year made known first), by the acting user. @returns its id */
export async function insertQuota(
  tx: Queryable,
  where: { countyCode: string; year: number },
  values: QuotaValues,
  by: number,
): Promise<number> {
  await ensureSchoolYear(tx, where.year);
  const { id } = await sqlOf(tx)
    .insertInto('quota_allocation')
    .values({
      county_code: where.countyCode,
      year: where.year,
      high_school_name: values.highSchoolName,
      places: values.places,
      allocated_share: values.share,
      rural_tilt: values.ruralTilt,
      minimum: values.minimum,
      inputs: jsonb(values.inputs),
      result: jsonb(values.result),
      created_by: by,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces an allocation's parameters and calculation, raising its version. */
export async function updateQuotaRow(
  tx: Queryable,
  id: number,
  values: QuotaValues,
  by: number,
): Promise<void> {
  await sqlOf(tx)
    .updateTable('quota_allocation')
    .set((eb) => ({
      high_school_name: values.highSchoolName,
      places: values.places,
      allocated_share: values.share,
      rural_tilt: values.ruralTilt,
      minimum: values.minimum,
      inputs: jsonb(values.inputs),
      result: jsonb(values.result),
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}
