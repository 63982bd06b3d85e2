/**
 * @module @junheng/db — the schema (SQL migrations), and one database interface over embedded
 * PGlite and PostgreSQL.
 */
export {
  type Database,
  jsonb,
  type OpenOptions,
  openDatabase,
  type Queryable,
  type QueryResult,
  sqlState,
} from './database.js';
export { ERROR_CODES } from './errors.js';
export { loadMigrations, MIGRATIONS_DIR, type MigrateResult, type Migration, migrate } from './migrate.js';
export { describeSchema, readSchemaFile, SCHEMA_FILE } from './schema.js';
