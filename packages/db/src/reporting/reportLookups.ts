/**
 * @module Small reads of reports that the server's answers need: the statuses of a county's
 * reports before an import, the year a template is prefilled from, who last saved a report.
 * SQL only: the callers check what the user may see.
 */
import type { ReportStatus, Stage } from '@junheng/core';
import type { Queryable } from '../platform/database.js';
import type { ReportKey } from './reports.js';

/** The status of each report of these schools in a year, keyed `schoolId/stage`. */
export async function reportStatusesOf(
  db: Queryable,
  year: number,
  schoolIds: readonly string[],
): Promise<Map<string, ReportStatus>> {
  const { rows } = await db.query<{ school_id: string; stage: Stage; status: ReportStatus }>(
    `SELECT school_id, stage, status FROM school_report WHERE year = $1 AND school_id = ANY($2::text[])`,
    [year, schoolIds],
  );
  return new Map(rows.map((r) => [`${r.school_id}/${r.stage}`, r.status]));
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
  const { rows } = await db.query<{ year: number | null }>(
    `SELECT COALESCE(
        (SELECT max(e.year) FROM evaluation_run e
          WHERE e.county_code = $1 AND e.year < $2 AND e.published_at IS NOT NULL),
        (SELECT max(r.year) FROM school_report r JOIN school s ON s.id = r.school_id
          WHERE s.county_code = $1 AND r.year < $2)) AS year`,
    [countyCode, year],
  );
  return rows[0]?.year ?? null;
}

/** A report's current version, when it was saved and by whom (null when there is no report). */
export async function lastSaveOf(
  db: Queryable,
  key: ReportKey,
): Promise<{ version: number; updatedAt: Date; updatedByName: string | null } | null> {
  const { rows } = await db.query<{ version: number; updated_at: Date; display_name: string | null }>(
    `SELECT r.version, r.updated_at, u.display_name FROM school_report r LEFT JOIN app_user u ON u.id = r.updated_by
      WHERE r.school_id = $1 AND r.year = $2 AND r.stage = $3`,
    [key.schoolId, key.year, key.stage],
  );
  const r = rows[0];
  return r ? { version: r.version, updatedAt: r.updated_at, updatedByName: r.display_name } : null;
}
