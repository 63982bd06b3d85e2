/**
 * @module Small reads of reports that the server's answers need: the statuses of a county's
 * reports before an import, the year a template is prefilled from, who last saved a report, whether
 * a county exists.
 * SQL only: the callers check what the user may see.
 */
import type { ReportKey, ReportStatus } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

/** The status of each report of these schools in a year, keyed `schoolId/stage`. */
export async function reportStatusesOf(
  db: Queryable,
  year: number,
  schoolIds: readonly string[],
): Promise<Map<string, ReportStatus>> {
  const rows = await sqlOf(db)
    .selectFrom('school_report')
    .select(['school_id', 'stage', 'status'])
    .where('year', '=', year)
    .where((eb) => eb('school_id', '=', eb.fn.any(sql<string[]>`${schoolIds}::text[]`)))
    .execute();
  // The schema's CHECK admits exactly core's REPORT_STATUSES.
  return new Map(rows.map((r) => [`${r.school_id}/${r.stage}`, r.status as ReportStatus]));
}

/**
 * The year before `year` a county's template is best prefilled from: the latest published year
 * (every report approved: a complete sheet), else the latest year with any report; null if none.
 */
export async function previousYearWithData(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<number | null> {
  const row = await sqlOf(db)
    .selectNoFrom((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('evaluation_run as e')
            .select((eb) => eb.fn.max<number | null>('e.year').as('year'))
            .where('e.county_code', '=', countyCode)
            .where('e.year', '<', year)
            .where('e.published_at', 'is not', null)
            .$asScalar(),
          eb
            .selectFrom('school_report as r')
            .innerJoin('school as s', 's.id', 'r.school_id')
            .select((eb) => eb.fn.max<number | null>('r.year').as('year'))
            .where('s.county_code', '=', countyCode)
            .where('r.year', '<', year)
            .$asScalar(),
        )
        .as('year'),
    )
    .executeTakeFirst();
  return row?.year ?? null;
}

/** A report's current version, when it was saved and by whom (null when there is no report). */
export async function lastSaveOf(
  db: Queryable,
  key: ReportKey,
): Promise<{ version: number; updatedAt: Date; updatedByName: string | null } | null> {
  const r = await sqlOf(db)
    .selectFrom('school_report as r')
    .leftJoin('app_user as u', 'u.id', 'r.updated_by')
    .select(['r.version', 'r.updated_at', 'u.display_name'])
    .where('r.school_id', '=', key.schoolId)
    .where('r.year', '=', key.year)
    .where('r.stage', '=', key.stage)
    .executeTakeFirst();
  return r ? { version: r.version, updatedAt: r.updated_at, updatedByName: r.display_name } : null;
}

/** Whether a county (a region of level county) exists. */
export async function countyExists(db: Queryable, countyCode: string): Promise<boolean> {
  const county = await sqlOf(db)
    .selectFrom('region')
    .select('code')
    .where('code', '=', countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  return county !== undefined;
}
