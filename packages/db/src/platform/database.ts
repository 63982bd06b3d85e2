/**
 * @module One small database interface over two engines: embedded PGlite (default, one county on one
 * machine) and PostgreSQL through `pg` (when DATABASE_URL is set). Same SQL on both; the value
 * conversions that differ between the two drivers are fixed here, once.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import { acquireFolderLock, listenForRequests } from './dataFolder.js';

/** What a statement returned: the rows, and how many rows it returned or changed. */
export interface QueryResult<T> {
  rows: T[];
  /** Rows returned by a SELECT or changed by INSERT/UPDATE/DELETE (the command tag's count). */
  rowCount: number;
}

/** Runs SQL. A `Database` and the transaction handle passed to `transaction(fn)` both are one. */
export interface Queryable {
  /**
   * Runs one statement with `$1…$n` parameters.
   * Pass jsonb values through {@link jsonb}: `pg` would turn a JS array into a PostgreSQL array.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  /** Which engine is behind this handle. */
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `fn` in a transaction: COMMIT if it resolves, ROLLBACK if it throws (and rethrows).
   * Use only the `tx` handle inside `fn`; on PGlite, using the outer handle there would deadlock,
   * because PGlite has one connection and every top-level call waits for the running one.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the pool or the embedded database. */
  close(): Promise<void>;
  /**
   * PGlite on disk only: a consistent copy of the data folder (gzipped tar, PGlite's dumpDataDir),
   * taken between two statements. PostgreSQL is backed up with pg_dump (README "备份与恢复").
   */
  backup?(): Promise<Uint8Array>;
}

export interface OpenOptions {
  /** PostgreSQL connection string (DATABASE_URL). When set, `dataDir` is ignored. */
  url?: string;
  /** PGlite data directory, created on first use. Without it (and without url): in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL (default 10). */
  maxConnections?: number;
}

/** Serialises a value for a jsonb parameter (both drivers accept the JSON text). */
export function jsonb(value: unknown): string {
  return JSON.stringify(value);
}

// ── Value conversions shared by both engines ─────────────────────────────────────────────────
// int8 (bigint, count(*), identity ids) → number: pg gives strings, PGlite gives numbers or
// BigInt. Our int8 values are ids and counts, far below 2^53; anything beyond is an error, not a
// silently rounded number. numeric stays a string (money and exact decimals, see design.md);
// date stays 'YYYY-MM-DD' (a Date would shift with the process time zone).
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(
      `int8 值 ${text} 超出 JavaScript 安全整数范围，不能按数字读取；请在 SQL 中转换为 text`,
    );
  }
  return n;
}
const identity = (text: string): string => text;

const PARSERS: Record<number, (text: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: identity,
  [OID.date]: identity,
};

/**
 * Opens the database: PostgreSQL when `url` is given, otherwise PGlite on disk (`dataDir`) or in
 * memory. Does not migrate; call {@link migrate} after opening.
 * @param opts where the data lives
 * @returns a handle; close it when done
 */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.maxConnections ?? 10);
  return openPglite(opts.dataDir);
}

// ── PGlite ───────────────────────────────────────────────────────────────────────────────────

/** A FIFO lock: PGlite is one connection, so a transaction must not interleave with other calls. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number; rowCount?: number }>;
  exec(sql: string): Promise<unknown>;
}

function pgliteQueryable(conn: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await conn.query<T>(sql, [...params]);
      return { rows: r.rows, rowCount: r.rowCount ?? r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
  };
}

/** Where a new PGlite folder's contents come from: a backup (junheng restore), a test template. */
export interface PgliteOpenOptions {
  loadDataDir?: Blob;
  /** Offer `backup` in memory too (the tests' template database is dumped once and loaded many times). */
  dumpable?: boolean;
}

/**
 * PGlite in memory, or on disk in `dataDir` held by this process alone (dataFolder.ts: a second
 * process opening the same folder is refused, issue 10 #11).
 * @throws DataFolderLockFileError when another live process holds the folder
 */
export async function openPglite(
  dataDir: string | undefined,
  extra: PgliteOpenOptions = {},
): Promise<Database> {
  let dir: string | undefined;
  if (dataDir) {
    dir = resolve(dataDir);
    // PGlite.create fails with ENOENT when the parent directory is missing.
    await mkdir(dirname(dir), { recursive: true });
  }
  const folderLock = dir ? acquireFolderLock(dir) : undefined;
  const parsers = { ...PARSERS, [pgliteTypes.INT8]: parseInt8 };
  let db: PGlite;
  try {
    db = await PGlite.create(dir, { parsers, loadDataDir: extra.loadDataDir });
  } catch (err) {
    folderLock?.release();
    throw err;
  }
  const lock = new Lock();
  const direct = pgliteQueryable(db);
  let closed = false;
  // Between two statements (the FIFO lock), after a checkpoint: the copy a restart would see.
  const backup = () =>
    lock.run(async () => {
      await db.query('CHECKPOINT');
      const dump = await db.dumpDataDir('gzip');
      return new Uint8Array(await dump.arrayBuffer());
    });
  const control = folderLock
    ? await listenForRequests(folderLock, (request) => {
        if (request !== 'backup') return Promise.reject(new Error(`未知请求 ${request}`));
        return backup();
      })
    : undefined;
  return {
    engine: 'pglite',
    query: (sql, params) => lock.run(() => direct.query(sql, params)),
    exec: (sql) => lock.run(() => direct.exec(sql)),
    transaction: (fn) => lock.run(() => db.transaction((tx) => fn(pgliteQueryable(tx)))),
    ...(dir || extra.dumpable ? { backup } : {}),
    async close() {
      if (closed) return;
      closed = true;
      control?.close();
      try {
        await lock.run(() => db.close());
      } finally {
        folderLock?.release();
      }
    },
  };
}

// ── PostgreSQL ───────────────────────────────────────────────────────────────────────────────

function pgQueryable(conn: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await conn.query(sql, [...params]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which runs several statements.
      await conn.query(sql);
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const typeParsers = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      const own = PARSERS[oid];
      if (own && format !== 'binary') return own;
      return format === 'binary'
        ? pg.types.getTypeParser(oid, 'binary')
        : pg.types.getTypeParser(oid, 'text');
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max, types: typeParsers });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const direct = pgQueryable(pool);
  let closed = false;
  return {
    engine: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgQueryable(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch (rollbackError) {
          // The connection is unusable: destroy it rather than return it to the pool.
          client.release(rollbackError as Error);
        }
        throw err;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The SQLSTATE of a database error (`23514` check violation, …), or undefined. */
export function sqlState(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code;
  return undefined;
}
