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
import { type Expression, sql } from 'kysely';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

/** What the live figures of a county and year are computed from, in two parts. */
export interface LiveFingerprint {
  /** The rows loadDataset reads. */
  data: string;
  /** The county's evaluation runs (countyTrend). */
  runs: string;
}

/** A row's `xmin` (a system column): the transaction that wrote the row's current version. */
const xmin = (table?: string) => sql<string>`${sql.ref(table ? `${table}.xmin` : 'xmin')}`;

/** `key:version` of a row. */
const keyed = (key: string, version: Expression<unknown>) =>
  sql<string>`${sql.ref(key)} || ':' || ${version}`;

/** The aggregate: each row's `key:xmin` joined in key order, and hashed (null when no row). */
const rowsDigest = (key: string) =>
  sql<string | null>`md5(string_agg(${keyed(key, xmin())}, ',' ORDER BY ${sql.ref(key)}))`;

/**
 * Reads the fingerprint of a county's live figures (one query).
 * @param db the database or a transaction handle
 */
export async function readLiveFingerprint(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<LiveFingerprint> {
  return sqlOf(db)
    .withRecursive('chain(code, parent_code, x, depth)', (q) =>
      q
        .selectFrom('region')
        .select((eb) => ['code', 'parent_code', sql<string>`${xmin()}::text`.as('x'), eb.lit(0).as('depth')])
        .where('code', '=', countyCode)
        .unionAll((q) =>
          q
            .selectFrom('region as r')
            .innerJoin('chain as c', 'r.code', 'c.parent_code')
            .select((eb) => [
              'r.code',
              'r.parent_code',
              sql<string>`${xmin('r')}::text`.as('x'),
              eb('c.depth', '+', 1).as('depth'),
            ])
            .where('c.depth', '<', 3),
        ),
    )
    .selectNoFrom((eb) => [
      eb
        .fn<string>('concat_ws', [
          sql.lit('|'),
          eb
            .selectFrom('chain')
            .select(
              sql<string>`string_agg(${keyed('code', sql.ref('x'))}, ',' ORDER BY ${sql.ref('depth')})`.as(
                'v',
              ),
            )
            .$asScalar(),
          eb
            .selectFrom('school')
            .select(rowsDigest('id').as('v'))
            .where('county_code', '=', countyCode)
            .$asScalar(),
          eb
            .selectFrom('school_year_info')
            .select(rowsDigest('school_id').as('v'))
            .where('year', '=', year)
            .$asScalar(),
          eb
            .selectFrom('school_report')
            .select((eb) =>
              sql<string>`${eb.fn.countAll()} || '/' || ${eb.fn.coalesce(eb.fn.sum('version'), sql.lit(0))} || '/' || ${eb.fn.coalesce(eb.fn.max('id'), sql.lit(0))}`.as(
                'v',
              ),
            )
            .where('year', '=', year)
            .$asScalar(),
          eb
            .selectFrom('county_input')
            .select(rowsDigest('item_id').as('v'))
            .where('county_code', '=', countyCode)
            .where('year', '=', year)
            .$asScalar(),
        ])
        .as('data'),
      eb.fn
        .coalesce(
          eb
            .selectFrom('evaluation_run')
            .select(rowsDigest('id').as('v'))
            .where('county_code', '=', countyCode)
            .$asScalar(),
          sql.lit(''),
        )
        .as('runs'),
    ])
    .executeTakeFirstOrThrow();
}

/** Runs `fn` on one REPEATABLE READ, read-only snapshot. */
export function inReadSnapshot<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(sqlOf(tx));
    return fn(tx);
  });
}
