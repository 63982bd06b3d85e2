/**
 * @module Publishing (公示) an evaluation run, the rows (the server's publishRun command checks that
 * only the newest, unpublished run of fully approved and unchanged data is published): the run
 * locked, the newest run of its county, year and standard, the county's reports of the year locked,
 * the schools expected to report, the approved reports locked, and the run marked published.
 */
import type { ReportStatus, SchoolType, Stage, StandardKey } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { expectedInYear } from '../schools/schools.js';

/** The run being published, locked for the transaction; undefined when there is none. */
export async function lockRun(tx: Queryable, id: number) {
  const run = await sqlOf(tx)
    .selectFrom('evaluation_run')
    .select(['county_code', 'year', 'standard', 'inputs_sha256', 'published_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  // The schema's CHECK admits exactly core's standard keys.
  return run && { ...run, standard: run.standard as StandardKey };
}

/** A run as publishing locks it. */
export type LockedRun = NonNullable<Awaited<ReturnType<typeof lockRun>>>;

/** The id of the newest run of a county, year and standard. */
export async function newestRunId(
  tx: Queryable,
  run: Pick<LockedRun, 'county_code' | 'year' | 'standard'>,
): Promise<number | null> {
  const newest = await sqlOf(tx)
    .selectFrom('evaluation_run')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('county_code', '=', run.county_code)
    .where('year', '=', run.year)
    .where('standard', '=', run.standard)
    .executeTakeFirstOrThrow();
  return newest.id;
}

/** The county's reports of a year at the open schools, locked, in id order. */
export async function lockCountyReports(tx: Queryable, countyCode: string, year: number) {
  const rows = await sqlOf(tx)
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select(['r.id', 'r.school_id', 'r.stage', 'r.status', 'r.version', 's.region_code'])
    .where('s.county_code', '=', countyCode)
    .where('r.year', '=', year)
    .where('s.status', '=', 'open')
    .orderBy('r.id')
    .forUpdate('r')
    .execute();
  // The schema's CHECKs admit exactly core's STAGES and REPORT_STATUSES.
  return rows.map((r) => ({ ...r, stage: r.stage as Stage, status: r.status as ReportStatus }));
}

/** A report of the county's year, locked. */
export type CountyReportRow = Awaited<ReturnType<typeof lockCountyReports>>[number];

/**
 * The county's schools that are expected to report for the year, or are open with a report of it,
 * in the year's roster order (schools with nothing for the year last).
 */
export async function publicationSchools(
  tx: Queryable,
  countyCode: string,
  year: number,
): Promise<{ id: string; name: string; type: SchoolType }[]> {
  const rows = await sqlOf(tx)
    .selectFrom('school as s')
    .leftJoin('school_year_info as i', (join) =>
      join.onRef('i.school_id', '=', 's.id').on('i.year', '=', year),
    )
    .select(['s.id', 's.name', 's.type'])
    .where((eb) =>
      eb.or([
        eb.and([eb('s.county_code', '=', countyCode), expectedInYear(year)]),
        eb.and([
          eb('s.county_code', '=', countyCode),
          eb('s.status', '=', 'open'),
          eb.exists(
            eb
              .selectFrom('school_report as r')
              .select('r.id')
              .whereRef('r.school_id', '=', 's.id')
              .where('r.year', '=', year),
          ),
        ]),
      ]),
    )
    .orderBy('i.roster_position', (ob) => ob.asc().nullsLast())
    .orderBy('s.id')
    .execute();
  // The schema's CHECK admits exactly core's school types.
  return rows.map((r) => ({ ...r, type: r.type as SchoolType }));
}

/** Locks the approved reports among `ids` (status locked, version + 1); in id order. */
export async function lockReports(tx: Queryable, ids: readonly number[], byId: number) {
  if (ids.length === 0) return [];
  const rows = await sqlOf(tx)
    .updateTable('school_report')
    .set((eb) => ({
      status: 'locked',
      version: eb('version', '+', 1),
      updated_by: byId,
      updated_at: sql<Date>`now()`,
    }))
    .where((eb) => eb('id', '=', eb.fn.any(sql<number[]>`${ids}::bigint[]`)))
    .where('status', '=', 'approved')
    .returning(['id', 'school_id', 'stage', 'version'])
    .execute();
  // The schema's CHECK admits exactly core's STAGES.
  return rows.map((r) => ({ ...r, stage: r.stage as Stage })).sort((a, b) => a.id - b.id);
}

/** A report publishing locked, as the UPDATE returns it. */
export type LockedReportRow = Awaited<ReturnType<typeof lockReports>>[number];

/**
 * Marks a run published (published_at, published_by; the row is immutable from then on, by
 * trigger). @returns when
 */
export async function markPublished(tx: Queryable, id: number, byId: number): Promise<Date> {
  const published = await sqlOf(tx)
    .updateTable('evaluation_run')
    .set({ published_at: sql<Date>`now()`, published_by: byId })
    .where('id', '=', id)
    .returning('published_at')
    .$narrowType<{ published_at: Date }>()
    .executeTakeFirstOrThrow();
  return published.published_at;
}
