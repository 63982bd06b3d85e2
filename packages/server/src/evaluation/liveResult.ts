/**
 * @module The county's figures "as they are now", computed once per state of the data: the live
 * evaluation (both standards, full detail) and the trend of evaluation runs, each kept in memory
 * with a fingerprint of the rows it was computed from, and recomputed only when the fingerprint
 * read now differs. A dashboard or school page read again without a change costs one small query
 * instead of reading every report and evaluating the county (or reading every run's result).
 *
 * Decisions:
 * - The fingerprint is read from the database on every request, never invalidated by this
 *   process's own writes: another server process, the CLI or an import may write too.
 * - It covers every row the answer is computed from (loadDataset's, countyTrend's), with a value
 *   that changes whenever a row is inserted, changed or deleted, also under concurrent writers:
 *   - school_report: count, sum of versions and highest id of the year's reports (every update
 *     raises a version by exactly one — the schema's trigger —, every insert takes a higher id);
 *   - the county's region chain, its schools, the year's whole-school figures and county items,
 *     the county's evaluation runs: each row's key with its `xmin`, the transaction that wrote the
 *     row's current version, so any committed change gives the row another value. (A timestamp
 *     such as updated_at would not do: a transaction that commits late stamps an earlier time.)
 *   Reports and whole-school figures are counted for the year in every county (no join to school:
 *   a change in another county only costs a recomputation).
 * - On a miss the fingerprint and the data are read in one REPEATABLE READ snapshot, so a stored
 *   answer always belongs to its fingerprint.
 * - One cache per database handle (tests run many servers in one process), a few entries each
 *   (least recently used dropped). Cached answers are shared: callers must not change them.
 * - Inside a caller's transaction (a Queryable, not the Database) nothing is cached: the answer is
 *   computed on that transaction's view.
 */
import { type EvaluationResult, evaluate, nationalStandards } from '@junheng/core';
import {
  type Database,
  inReadSnapshot,
  type LiveFingerprint,
  loadDataset,
  type Queryable,
  readLiveFingerprint,
} from '@junheng/db';
import type { CommandContext } from '../platform/commands.js';
import type { TrendPoint } from './present.js';
import { countyTrend } from './runQueries.js';

export type { LiveFingerprint };

/**
 * Reads the fingerprint of a county's live figures (one query; db liveFingerprint.ts says what it
 * covers).
 * @param db the database or a transaction handle
 */
export const liveFingerprint = readLiveFingerprint;

/** A few answers, each stored with its fingerprint; the least recently used is dropped. */
class FingerprintCache<T> {
  readonly #entries = new Map<string, { fingerprint: string; value: T }>();
  constructor(readonly size: number) {}

  get(key: string, fingerprint: string): T | undefined {
    const hit = this.#entries.get(key);
    if (!hit || hit.fingerprint !== fingerprint) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit.value;
  }

  set(key: string, fingerprint: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, { fingerprint, value });
    while (this.#entries.size > this.size) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

interface Caches {
  results: FingerprintCache<EvaluationResult>;
  trends: FingerprintCache<TrendPoint[]>;
}

// A full result of a 300-school county is about 1 MB in memory: a handful of counties and years.
const caches = new WeakMap<Database, Caches>();

function cachesOf(db: Database): Caches {
  let c = caches.get(db);
  if (!c) {
    c = { results: new FingerprintCache(8), trends: new FingerprintCache(32) };
    caches.set(db, c);
  }
  return c;
}

const isDatabase = (db: Database | Queryable): db is Database => 'transaction' in db;

const evaluateNow = (ds: Awaited<ReturnType<typeof loadDataset>>) =>
  evaluate(ds, { standards: nationalStandards(), standard: 'both', detail: 'full' });

/**
 * The county's evaluation now (both standards, full detail), from the cache when the data has not
 * changed since it was computed. The result is shared: do not change it.
 * @param db the database (or a caller's transaction: then computed, not cached)
 * @param fingerprint read by the caller just before (saves a query), else read here
 */
export async function liveCountyResult(
  db: Database | Queryable,
  countyCode: string,
  year: number,
  fingerprint?: LiveFingerprint,
): Promise<EvaluationResult> {
  if (!isDatabase(db)) return evaluateNow(await loadDataset(db, countyCode, year));
  const { results } = cachesOf(db);
  const key = `${countyCode}/${year}`;
  const now = fingerprint ?? (await liveFingerprint(db, countyCode, year));
  const hit = results.get(key, now.data);
  if (hit) return hit;
  const { fp, ds } = await inReadSnapshot(db, async (tx) => ({
    fp: await liveFingerprint(tx, countyCode, year),
    ds: await loadDataset(tx, countyCode, year),
  }));
  const result = evaluateNow(ds);
  results.set(key, fp.data, result);
  return result;
}

/**
 * countyTrend, from the cache when the county's runs have not changed. The answer depends on who
 * asks (some see published runs only), so it is kept per actor; countyTrend's access check runs
 * on every miss, and a hit needs an earlier answer to the same actor.
 * @param fingerprint read by the caller just before, else read here
 */
export async function liveCountyTrend(
  ctx: CommandContext,
  countyCode: string,
  fingerprint?: LiveFingerprint,
): Promise<TrendPoint[]> {
  const { db, actor } = ctx;
  if (!isDatabase(db)) return countyTrend(ctx, { countyCode });
  const { trends } = cachesOf(db);
  const key = JSON.stringify([countyCode, actor.id, actor.role, actor.regionCode, actor.schoolId]);
  // The year is not part of the runs' fingerprint; any year will do.
  const now = fingerprint ?? (await liveFingerprint(db, countyCode, 0));
  const hit = trends.get(key, now.runs);
  if (hit) return hit;
  const { fp, trend } = await inReadSnapshot(db, async (tx) => ({
    fp: await liveFingerprint(tx, countyCode, 0),
    trend: await countyTrend({ ...ctx, db: tx }, { countyCode }),
  }));
  trends.set(key, fp.runs, trend);
  return trend;
}
