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
  /** lottery_draw: a drawn draw never changes, a committed one only by being drawn, none is deleted. */
  lotteryDrawLocked: 'JH004',
  /**
   * 招生申请已冻结: once an admission round's lottery list is published (committed), its applicants,
   * categories and places cannot change (admission_round, admission_round_school, applicant).
   */
  admissionFrozen: 'JH009',
  /** zoning_plan: a published or withdrawn plan never changes; county, year and stage never change. */
  /** class_placement: a published placement changes only by linking its head-teacher draw, once. */
  classPlacementLocked: 'JH011',
  zoningPlanLocked: 'JH012',
  checkViolation: '23514',
  foreignKeyViolation: '23503',
  uniqueViolation: '23505',
  notNullViolation: '23502',
} as const;
