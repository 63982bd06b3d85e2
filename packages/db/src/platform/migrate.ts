/**
 * @module Forward-only SQL migrations: packages/db/migrations/NNNN-what-it-changes.sql, applied in
 * name order, each in its own transaction, recorded in schema_migrations with a checksum.
 */

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { message } from '@junheng/core';
import type { Database, Queryable } from './database.js';

/** The migrations shipped with this package (the same folder from src/ and from dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** A number (0001) or a timestamp (20261123T1030), then kebab-case saying what changes. */
const NAME = /^(\d{4}|\d{8}T\d{4})-[a-z0-9]+(-[a-z0-9]+)*\.sql$/;

// Any constant shared by every junheng process: they serialise on it while migrating.
const ADVISORY_LOCK_KEY = 7_205_113_002;

export interface Migration {
  /** File name without .sql, e.g. 0001-create-regions-and-schools. */
  name: string;
  sql: string;
  /** sha256 of the file, so an edited, already-applied migration is noticed. */
  checksum: string;
}

/**
 * Reads the migration files of a folder, in the order they apply.
 * @param dir folder of .sql files (default: this package's migrations)
 * @throws Error naming a file whose name does not follow the convention
 */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    if (!NAME.test(file)) {
      throw new Error(message('storage.migrationName', { file }));
    }
    const sql = await readFile(join(dir, file), 'utf8');
    out.push({ name: file.slice(0, -4), sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

export interface MigrateResult {
  /** Names applied by this call, in order (empty when the database was up to date). */
  applied: string[];
}

async function lock(tx: Queryable): Promise<void> {
  // Held until the transaction ends. Concurrent starters wait here, then see the work done.
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
}

/**
 * Applies the pending migrations in order. Idempotent; safe when several processes start at once
 * (each step holds a PostgreSQL advisory lock and re-checks what is applied under it).
 * @param db the database
 * @param migrations defaults to this package's migrations
 * @returns what was applied
 * @throws Error when an applied migration's file changed or is missing (migrations are forward-only)
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<MigrateResult> {
  const list = migrations ?? (await loadMigrations());
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const known = new Map(list.map((m) => [m.name, m]));
  const applied: string[] = [];
  for (const m of list) {
    const done = await db.transaction(async (tx) => {
      await lock(tx);
      const { rows } = await tx.query<{ name: string; checksum: string }>(
        'SELECT name, checksum FROM schema_migrations ORDER BY name',
      );
      for (const row of rows) {
        const file = known.get(row.name);
        if (!file) {
          throw new Error(message('storage.databaseNewer', { name: row.name }));
        }
        if (file.checksum !== row.checksum) {
          throw new Error(message('storage.migrationChanged', { name: row.name }));
        }
      }
      if (rows.some((r) => r.name === m.name)) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return { applied };
}
