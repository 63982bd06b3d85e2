/**
 * @module Fresh databases for tests ("medium" tests run on a real engine): in-memory PGlite always,
 * and PostgreSQL when JUNHENG_TEST_PG_URL is set, each run in its own throwaway database.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AuditRow, auditRowHash, GENESIS_HASH } from '../audit/audit.js';
import { type Database, openDatabase, openPglite, type Queryable } from './database.js';
import { migrate } from './migrate.js';
import { adminQuery, databaseUrl, PG_TEMPLATE_ENV, PGLITE_TEMPLATE_ENV } from './testTemplate.js';

export type Engine = 'pglite' | 'postgres';

/**
 * Engines the contract tests run on: PGlite, plus PostgreSQL when JUNHENG_TEST_PG_URL is set.
 * JUNHENG_TEST_ENGINES=postgres narrows a run to the listed engines (.ci/run's PostgreSQL pass,
 * which would otherwise repeat the PGlite tests of the first pass).
 */
export function testEngines(): Engine[] {
  const available: Engine[] = process.env.JUNHENG_TEST_PG_URL ? ['pglite', 'postgres'] : ['pglite'];
  const only = process.env.JUNHENG_TEST_ENGINES?.split(',').map((e) => e.trim());
  if (!only) return available;
  const unknown = only.filter((e) => !available.includes(e as Engine));
  if (unknown.length > 0) {
    throw new Error(
      `JUNHENG_TEST_ENGINES 含不可用的引擎 ${unknown.join(', ')}（postgres 需要 JUNHENG_TEST_PG_URL）`,
    );
  }
  return available.filter((e) => only.includes(e));
}

export interface TestDatabase {
  db: Database;
  /** Closes the handle and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
}

/**
 * Opens a database on the engine: empty, or — with `migrated` — at the latest schema, cloned from
 * the run's template (testTemplate.ts) when there is one, else migrated here. On PostgreSQL it is
 * `junheng_test_<random>` next to the database of JUNHENG_TEST_PG_URL, so parallel runs never share
 * tables.
 * @param engine which engine
 * @param opts.migrated start from the migrated schema instead of an empty database
 * @throws Error when engine is postgres and JUNHENG_TEST_PG_URL is not set
 */
export async function createTestDatabase(
  engine: Engine,
  opts: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const template = opts.migrated ? process.env[PGLITE_TEMPLATE_ENV] : undefined;
    const db = template
      ? await openPglite(undefined, { loadDataDir: new Blob([readFileSync(template)]) })
      : await openDatabase({});
    if (opts.migrated && !template) await migrate(db);
    return { db, dispose: () => db.close() };
  }
  const base = process.env.JUNHENG_TEST_PG_URL;
  if (!base) throw new Error('JUNHENG_TEST_PG_URL 未设置：无法在 PostgreSQL 上建测试库');
  const name = `junheng_test_${randomBytes(6).toString('hex')}`;
  const template = opts.migrated ? process.env[PG_TEMPLATE_ENV] : undefined;
  await adminQuery(
    base,
    template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`,
  );
  const db = await openDatabase({ url: databaseUrl(base, name), maxConnections: 4 });
  if (opts.migrated && !template) await migrate(db);
  return {
    db,
    async dispose() {
      await db.close();
      await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Runs `fn` with the audit table's no-update/no-delete triggers off, as a database administrator
 * could (tests of tamper detection).
 */
export async function asAuditAdministrator(
  db: Database,
  fn: (query: Queryable['query']) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_event DISABLE TRIGGER ALL');
    await fn(tx.query.bind(tx));
    await tx.query('ALTER TABLE audit_event ENABLE TRIGGER ALL');
  });
}

/**
 * Rewrites one audit event's `before` and recomputes its hash and every later one, as a forger
 * would: the chain verifies again; only a checkpoint or a written-down head shows it.
 */
export async function rewriteAuditEvent(db: Database, id: number, before: unknown): Promise<void> {
  await asAuditAdministrator(db, async (query) => {
    await query('UPDATE audit_event SET before = $2::jsonb WHERE id = $1', [id, JSON.stringify(before)]);
    const { rows } = await query<AuditRow>('SELECT * FROM audit_event ORDER BY id');
    let prevHash = GENESIS_HASH;
    for (const r of rows) {
      const hash = auditRowHash(prevHash, r);
      await query('UPDATE audit_event SET prev_hash = $2, hash = $3 WHERE id = $1', [r.id, prevHash, hash]);
      prevHash = hash;
    }
  });
}

export * from './testFixtures.js';
export { prepareTestTemplates } from './testTemplate.js';
