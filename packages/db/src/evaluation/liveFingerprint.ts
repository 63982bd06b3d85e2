/**
 * @module The fingerprint of a county's live figures: one value per state of the rows the live
 * evaluation (loadDataset) and the trend (countyTrend) are computed from, which changes whenever
 * one of those rows is inserted, changed or deleted, also under concurrent writers:
 * - school_report: count, sum of versions and highest id of the year's reports (every update
 *   raises a version by exactly one — the schema's trigger —, every insert takes a higher id);
 * - the county's region chain, its schools, the year's whole-school figures and county items, the
 *   county's evaluation runs: each row's key with its `xmin`, the transaction that wrote the row's
 *   current version, so any committed change gives the row another value. (A timestamp such as
 *   updated_at would not do: a transaction that commits late stamps an earlier time.)
 * Reports and whole-school figures are counted for the year in every county (no join to school: a
 * change in another county only costs a recomputation). The server's cache (liveResult.ts) keeps
 * answers by this value.
 */
import type { Database, Queryable } from '../platform/database.js';

/** What the live figures of a county and year are computed from, in two parts. */
export interface LiveFingerprint {
  /** The rows loadDataset reads. */
  data: string;
  /** The county's evaluation runs (countyTrend). */
  runs: string;
}

const FINGERPRINT_SQL = `
  WITH RECURSIVE chain AS (
    SELECT code, parent_code, xmin::text AS x, 0 AS depth FROM region WHERE code = $1
    UNION ALL
    SELECT r.code, r.parent_code, r.xmin::text, c.depth + 1
      FROM region r JOIN chain c ON r.code = c.parent_code WHERE c.depth < 3
  )
  SELECT concat_ws('|',
           (SELECT string_agg(code || ':' || x, ',' ORDER BY depth) FROM chain),
           (SELECT md5(string_agg(id || ':' || xmin, ',' ORDER BY id)) FROM school WHERE county_code = $1),
           (SELECT md5(string_agg(school_id || ':' || xmin, ',' ORDER BY school_id))
              FROM school_year_info WHERE year = $2),
           (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(id), 0)
              FROM school_report WHERE year = $2),
           (SELECT md5(string_agg(item_id || ':' || xmin, ',' ORDER BY item_id))
              FROM county_input WHERE county_code = $1 AND year = $2)) AS data,
         coalesce((SELECT md5(string_agg(id || ':' || xmin, ',' ORDER BY id))
                     FROM evaluation_run WHERE county_code = $1), '') AS runs`;

/**
 * Reads the fingerprint of a county's live figures (one query).
 * @param db the database or a transaction handle
 */
export async function readLiveFingerprint(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<LiveFingerprint> {
  const { rows } = await db.query<LiveFingerprint>(FINGERPRINT_SQL, [countyCode, year]);
  return rows[0]!;
}

/** Runs `fn` on one REPEATABLE READ, read-only snapshot. */
export function inReadSnapshot<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return fn(tx);
  });
}
