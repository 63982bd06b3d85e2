/**
 * @module SQLSTATE codes raised by the schema's own triggers (class JH), and the standard ones the
 * server maps to user messages.
 */
export const ERROR_CODES = {
  /** Append-only table (audit_event, school_report_version): UPDATE/DELETE/TRUNCATE rejected. */
  appendOnly: 'JH001',
  /** evaluation_run already published: it cannot change or be deleted. */
  publishedRun: 'JH002',
  /** school_report version must rise by one on every change (optimistic concurrency). */
  reportVersion: 'JH003',
  checkViolation: '23514',
  foreignKeyViolation: '23503',
  uniqueViolation: '23505',
  notNullViolation: '23502',
} as const;
