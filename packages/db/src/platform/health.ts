/** @module The database answers (the server's health check). */
import type { Queryable } from './database.js';

/** Runs one trivial query; throws when the database does not answer. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** Whether a table exists in the database (e.g. the audit log before `junheng migrate`). */
export async function tableExists(db: Queryable, table: string): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  return !!rows[0]?.t;
}
