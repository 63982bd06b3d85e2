/**
 * @module A normalised, engine-independent description of the public schema, read from the
 * catalogs. Two databases with the same tables, columns, constraints, indexes, triggers and
 * functions give the same text, whatever order the DDL ran in.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Queryable } from './database.js';

/** packages/db/schema.sql: the whole schema after all migrations, kept in git for review. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.sql', import.meta.url));

/** Reads schema.sql. */
export function readSchemaFile(): Promise<string> {
  return readFile(SCHEMA_FILE, 'utf8');
}

/** Bookkeeping of migrate(), not part of the schema that schema.sql describes. */
const IGNORED_TABLES = ['schema_migrations'];

/**
 * Describes the public schema as sorted lines, one per column, constraint, index, trigger,
 * function and sequence.
 * @param db the database to describe
 * @returns the lines, sorted
 */
export async function describeSchema(db: Queryable): Promise<string[]> {
  const ignored = IGNORED_TABLES;
  const lines: string[] = [];
  const columns = await db.query<{ line: string }>(
    `SELECT format('column %s.%s #%s %s%s%s%s', c.relname, a.attname,
              row_number() OVER (PARTITION BY c.relname ORDER BY a.attnum),
              format_type(a.atttypid, a.atttypmod),
              CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
              CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END,
              CASE WHEN d.adbin IS NULL THEN ''
                   WHEN a.attgenerated <> '' THEN ' generated ' || pg_get_expr(d.adbin, d.adrelid)
                   ELSE ' default ' || pg_get_expr(d.adbin, d.adrelid) END) AS line
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
        AND a.attnum > 0 AND NOT a.attisdropped AND NOT (c.relname::text = ANY($1::text[]))`,
    [ignored],
  );
  const constraints = await db.query<{ line: string }>(
    `SELECT format('constraint %s.%s %s', c.relname, k.conname, pg_get_constraintdef(k.oid)) AS line
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT (c.relname::text = ANY($1::text[]))`,
    [ignored],
  );
  const indexes = await db.query<{ line: string }>(
    `SELECT format('index %s', indexdef) AS line FROM pg_indexes
      WHERE schemaname = 'public' AND NOT (tablename::text = ANY($1::text[]))`,
    [ignored],
  );
  const triggers = await db.query<{ line: string }>(
    `SELECT format('trigger %s', pg_get_triggerdef(t.oid)) AS line
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  );
  const functions = await db.query<{ line: string }>(
    `SELECT format('function %s', pg_get_functiondef(p.oid)) AS line
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public'`,
  );
  const sequences = await db.query<{ line: string }>(
    `SELECT format('sequence %s %s %s..%s +%s', c.relname, format_type(s.seqtypid, NULL), s.seqmin, s.seqmax,
                   s.seqincrement) AS line
       FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public'`,
  );
  for (const r of [columns, constraints, indexes, triggers, functions, sequences]) {
    for (const row of r.rows) lines.push(row.line.replace(/\s+/g, ' ').trim());
  }
  return lines.sort();
}
