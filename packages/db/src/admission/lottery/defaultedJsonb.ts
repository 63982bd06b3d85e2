/**
 * @module A JSON value for a jsonb column that has a DEFAULT (applicant.choices,
 * lottery_draw.witnesses). tables.ts types such a column `Generated<Json>`: a ColumnType inside a
 * ColumnType, which takes no JSON text on insert or update. This is the same parameter as
 * `jsonb(value)`, typed as the column. Kept here rather than in platform (shared); it goes once
 * platform/tableTypes.ts types these columns as `ColumnType<unknown, string | undefined, string>`.
 */
import { type RawBuilder, sql } from 'kysely';
import { jsonb } from '../../platform/database.js';
import type { Json } from '../../platform/tables.js';

/** `value` as JSON text for a jsonb column with a DEFAULT (one parameter, like jsonb()). */
export function defaultedJsonb(value: unknown): RawBuilder<Json> {
  return sql<Json>`${jsonb(value)}`;
}
