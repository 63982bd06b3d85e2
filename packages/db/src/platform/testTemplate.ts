/**
 * @module One migrated template database per test run, cloned by every test file that wants a
 * migrated database instead of creating and migrating its own (issue 11, test tiers). Starting an
 * empty PGlite runs initdb (seconds on a busy machine); loading the template's dump skips it and the
 * migrations. On PostgreSQL the template is a database that `CREATE DATABASE … TEMPLATE` copies.
 *
 * vitest's globalSetup of the medium tier (vitest.config.ts) calls {@link prepareTestTemplates}
 * before any worker starts and passes the places on in the environment; createTestDatabase reads
 * them. Without them (a test file run on its own by other means) it migrates a fresh database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, openPglite } from './database.js';
import { migrate } from './migrate.js';

/** The file holding the migrated PGlite dump. */
export const PGLITE_TEMPLATE_ENV = 'JUNHENG_TEST_PGLITE_TEMPLATE';
/** The name of the migrated PostgreSQL template database (next to JUNHENG_TEST_PG_URL's). */
export const PG_TEMPLATE_ENV = 'JUNHENG_TEST_PG_TEMPLATE';

/** The URL of a database next to the one of `base`. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the server of `base` (CREATE/DROP DATABASE) on a connection of its own. */
export async function adminQuery(base: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Builds the templates, sets their places in process.env (workers inherit it) and returns the
 * teardown that removes them.
 * @param engines which engines this run tests on
 */
export async function prepareTestTemplates(engines: readonly string[]): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
  if (engines.includes('pglite')) {
    const db = await openPglite(undefined, { dumpable: true });
    try {
      await migrate(db);
      const folder = mkdtempSync(join(tmpdir(), 'junheng-template-'));
      const file = join(folder, 'migrated.tar.gz');
      writeFileSync(file, await db.backup!());
      process.env[PGLITE_TEMPLATE_ENV] = file;
      cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
    } finally {
      await db.close();
    }
  }
  const base = process.env.JUNHENG_TEST_PG_URL;
  if (engines.includes('postgres') && base) {
    const name = `junheng_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(base, `CREATE DATABASE ${name}`);
    const db = await openDatabase({ url: databaseUrl(base, name), maxConnections: 1 });
    try {
      await migrate(db);
    } finally {
      // A template must have no connection while it is copied.
      await db.close();
    }
    process.env[PG_TEMPLATE_ENV] = name;
    cleanups.push(() => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  return async () => {
    for (const c of cleanups) await c().catch(() => {});
  };
}
