/**
 * @module @junheng/db — the schema (SQL migrations), and one database interface over embedded
 * PGlite and PostgreSQL.
 */
export { AccessError, type AccessErrorCode, requireAllowed } from './access.js';
// ── audit log (audit.ts) ──
export {
  type AuditBreak,
  type AuditEvent,
  type AuditEventInput,
  type AuditVerification,
  appendAudit,
  auditCanonicalText,
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  verifyAuditChain,
} from './audit.js';
// ── end audit log ──
export {
  type Database,
  jsonb,
  type OpenOptions,
  openDatabase,
  type Queryable,
  type QueryResult,
  sqlState,
} from './database.js';
// ── dataset repository (datasets.ts): a county's CountyDataset saved / loaded ──
export {
  DatasetError,
  type DatasetErrorCode,
  loadDataset,
  type SaveSummary,
  saveDataset,
} from './datasets.js';
// ── end dataset repository ──
export { ERROR_CODES } from './errors.js';
export { loadMigrations, MIGRATIONS_DIR, type MigrateResult, type Migration, migrate } from './migrate.js';
// ── report commands (reports.ts): read, save draft, workflow transitions, audited ──
export {
  getReport,
  REPORT_POLICY_ACTIONS,
  type Report,
  ReportError,
  type ReportErrorCode,
  type ReportKey,
  type SaveDraftInput,
  saveReportDraft,
  type TransitionInput,
  transitionReport,
} from './reports.js';
// ── end report commands ──
export { describeSchema, readSchemaFile, SCHEMA_FILE } from './schema.js';
// ── users and sessions (users.ts, sessions.ts): passwords, login with lockout, server-side sessions ──
export {
  type CreateSessionOptions,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  type NewSession,
  type Session,
  sessionIdFromToken,
} from './sessions.js';
export {
  type AuthResult,
  authenticate,
  type CreateUserInput,
  changePassword,
  checkPasswordStrength,
  createUser,
  findUserByUsername,
  getUser,
  hashPassword,
  INVALID_LOGIN_MESSAGE,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type User,
  UserError,
  type UserErrorCode,
  type UserRole,
  verifyPassword,
} from './users.js';
// ── end users and sessions ──
