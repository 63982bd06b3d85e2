/**
 * @module @junheng/db — the schema (SQL migrations), and one database interface over embedded
 * PGlite and PostgreSQL.
 */

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
} from './audit/audit.js';
export {
  type AnchorCheck,
  AUDIT_CHECKPOINT_FILE,
  AUDIT_PUBLIC_KEY_FILE,
  AUDIT_SIGNING_KEY_FILE,
  type AuditCheckpoint,
  AuditKeyFileError,
  CHECKPOINT_INTERVAL_MS,
  type CheckpointSource,
  checkAuditAnchors,
  checkpointFileOf,
  checkpointText,
  loadSigningKey,
  loadVerifyKey,
  parseCheckpoints,
  startCheckpoints,
  writeCheckpoint,
} from './audit/auditCheckpoints.js';
export { AccessError, type AccessErrorCode, requireAllowed } from './platform/access.js';
// ── end audit log ──
export {
  BackupFileError,
  type BackupResult,
  backupPgliteFolder,
  restorePgliteFolder,
} from './platform/backup.js';
export {
  type Database,
  jsonb,
  type OpenOptions,
  openDatabase,
  type Queryable,
  type QueryResult,
  sqlState,
} from './platform/database.js';
export { DataFolderLockFileError, type LockHolder, lockFileOf } from './platform/dataFolder.js';
export { type ApprovedImport, approveImportedReports } from './reporting/importApproval.js';
// ── dataset repository (datasets.ts): a county's CountyDataset saved / loaded ──
export {
  DatasetError,
  type DatasetErrorCode,
  loadDataset,
  type SaveDatasetOptions,
  type SaveSummary,
  saveDataset,
} from './schools/datasets.js';
// ── end dataset repository ──

// ── query modules B ──
// Evaluation runs (evaluations.ts): run, list, read, publish (locks the approved reports), public
// reads, trend.
export {
  countyTrend,
  getPublishedRun,
  getRun,
  type ListRunsQuery,
  type LockedReport,
  listPublishedCounties,
  listRuns,
  type OutstandingReport,
  type PublishedRun,
  type PublishResult,
  publishRun,
  type RunDetail,
  type RunEvaluationInput,
  type RunFreshness,
  type RunList,
  type RunSummary,
  runEvaluation,
  runFreshness,
  staleRunIds,
  type TrendCoefficient,
  type TrendPoint,
} from './evaluation/evaluations.js';

// ── end query modules B ──

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
} from './accounts/sessions.js';
export {
  type AuthResult,
  authenticate,
  type CreateUserInput,
  changePassword,
  checkPasswordStrength,
  clearLoginThrottle,
  createUser,
  findUserByUsername,
  getUser,
  hashPassword,
  INVALID_LOGIN_MESSAGE,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
  normaliseUsername,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type User,
  UserError,
  type UserErrorCode,
  type UserRole,
  verifyPassword,
} from './accounts/users.js';
export { ERROR_CODES } from './platform/errors.js';
export {
  loadMigrations,
  MIGRATIONS_DIR,
  type MigrateResult,
  type Migration,
  migrate,
} from './platform/migrate.js';
export {
  checkPersonalKey,
  createPersonalCipher,
  type KeySource,
  loadPersonalKey,
  PERSONAL_KEY_FILE,
  type PersonalCipher,
  PersonalKeyFileError,
  parsePersonalKey,
  personalKeyInUse,
  TEST_PERSONAL_KEY,
} from './platform/personalData.js';
export { describeSchema, readSchemaFile, SCHEMA_FILE } from './platform/schema.js';
export { tableTypesSource } from './platform/tableTypes.js';
// ── report commands (reports.ts): read, save draft, workflow transitions, audited ──
export {
  getReport,
  previewTransition,
  REPORT_POLICY_ACTIONS,
  type Report,
  ReportError,
  type ReportErrorCode,
  type ReportKey,
  type ReportReminder,
  type SaveDraftInput,
  saveReportDraft,
  type TransitionInput,
  type TransitionPreview,
  transitionReport,
} from './reporting/reports.js';
// ── end report commands ──
export { ensureRegion, REGIONS_FILE, regionCatalogue } from './schools/regions.js';
export { type SchoolChange, updateSchool } from './schools/schoolAdmin.js';

// ── end users and sessions ──

export {
  type AdminUser,
  createUserAs,
  listUsers,
  type UserChanges,
  type UserListQuery,
  unlockUser,
  updateUser,
} from './accounts/userAdmin.js';
// ── query modules A (schools, reportLists, countyInputs, userAdmin, auditLog): the HTTP API's reads and admin writes ──
export { type AuditLogEntry, type AuditLogQuery, listAuditEvents } from './audit/auditLog.js';
export {
  type ActingUser,
  DEFAULT_PAGE_SIZE,
  inTransaction,
  MAX_PAGE_SIZE,
  type Page,
} from './platform/queryKit.js';
export {
  type CountyInputItem,
  type CountyInputsLock,
  type CountyInputValue,
  getCountyInputs,
  getCountyInputsLock,
  saveCountyInputs,
} from './reporting/countyInputs.js';
export {
  checkStartOnBehalf,
  createReport,
  type OnBehalf,
  remindUnstartedReport,
} from './reporting/reportCreation.js';
export {
  listReports,
  listReportVersions,
  type ReportListItem,
  type ReportListQuery,
  type ReportListStatus,
  type ReportSort,
  type ReportStatusCounts,
  type ReportVersion,
  reportStatusCounts,
} from './reporting/reportLists.js';
export {
  expectedReportStages,
  getSchool,
  listSchools,
  type ReportBadge,
  SCHOOL_STATUS_NAMES,
  type SchoolDetail,
  type SchoolListItem,
  type SchoolListQuery,
  type SchoolReportSummary,
  type SchoolSort,
  type SchoolStatus,
  type SchoolStatusChange,
  type SchoolYearInfo,
  schoolNotFoundMessage,
  schoolStages,
} from './schools/schools.js';

// ── end query modules A ──

// ── 电脑派位 (lotteryDraws.ts): the draws' repositories (commands: server/src/admission/lottery) ──
// LEFTOVERS (legacyDraws.ts) for the rounds, until they call the server's lottery commands.
export {
  conductDraw,
  type DrawDetail,
  type DrawInsert,
  type DrawResult,
  type DrawView,
  drawRanks,
  drawSchool,
  getDraw,
  getPublicDraw,
  insertDraw,
  isDrawId,
  listCountyDraws,
  type PublicDraw,
  parseResultText,
  readDraw,
  readListText,
  readPublicDraw,
  recordDrawResult,
  roundForDraw,
  type StoredDraw,
} from './admission/lottery/lotteryDraws.js';
// ── end 电脑派位 ──

// ── 均衡分班 and 指标到校 (classPlacements.ts, quotaAllocations.ts) ──
export {
  insertPlacement,
  isPlacementId,
  listPlacementRows,
  type PlacementInsert,
  type PlacementRow,
  type PlacementStatus,
  placementSchool,
  publishedOfGrade,
  readPlacement,
  readSealedStudents,
  recordHeadTeacherDraw,
  recordPublished,
  recordRun,
} from './admission/classes/classPlacements.js';
export {
  createQuota,
  getQuota,
  listQuotas,
  previewQuota,
  type QuotaAllocationSummary,
  type QuotaAllocationView,
  type QuotaInput,
  type QuotaInputSchool,
  type QuotaParams,
  type QuotaSchoolInput,
  type QuotaSchoolRow,
  quotaSchools,
  updateQuota,
} from './admission/quota/quotaAllocations.js';
// ── end 均衡分班 and 指标到校 ──

// ── 招生申请 (admissionRounds.ts, applicants.ts, applicantDemo.ts): rounds, applicants, admission ──
export {
  type AdmissionStage,
  admitRound,
  commitRoundDraw,
  createRound,
  getRound,
  listRounds,
  type NewRound,
  ROUND_STATUS_NAMES,
  type RoundChanges,
  type RoundDetail,
  type RoundResults,
  type RoundSchool,
  type RoundStatus,
  type RoundSummary,
  roundResults,
  type SchoolResultRow,
  updateRound,
} from './admission/rounds/admissionRounds.js';
export {
  type ApplicantDetail,
  type ApplicantImportRow,
  type ApplicantListItem,
  type ApplicantListQuery,
  type ApplicantRowError,
  type ApplicantStatus,
  addApplicant,
  exportApplicants,
  getApplicant,
  importApplicants,
  listApplicants,
  removeApplicant,
  sealPlainNotes,
  updateApplicant,
} from './admission/rounds/applicants.js';

// ── end 招生申请 ──

export { actorByUsername, countUsers, demoAccounts, findEnabledUser } from './accounts/userLookups.js';
// ── 划片 zoning (zoning.ts): residential areas, entry classes, county map, plans ──
export {
  buildZoningProblem,
  type CountyZoningMap,
  createZoningPlan,
  type EntryClasses,
  type EntryClassesInput,
  getPublicZoning,
  getZoningMap,
  getZoningPlan,
  importZoningAreas,
  listPublicZoningPlans,
  listZoningAreas,
  listZoningPlans,
  MAX_ZONING_AREAS,
  type NewZoningPlan,
  type PublicZoning,
  type PublicZoningPlans,
  publishZoningPlan,
  saveEntryClasses,
  updateZoningPlan,
  ZONING_GRADES,
  type ZoningAreaInput,
  type ZoningAreaRow,
  type ZoningImportInput,
  type ZoningImportIssue,
  type ZoningImportSummary,
  type ZoningInputLocation,
  type ZoningPlanSource,
  type ZoningPlanStatus,
  type ZoningPlanSummary,
  type ZoningPlanView,
  type ZoningProblemFromDb,
  type ZoningSchoolInput,
  type ZoningSchoolRow,
  zoningSchools,
  zoningStagesOf,
} from './admission/zoning/zoning.js';
// ── end 划片 zoning ──
// The demo seeding's own reads and writes (server/src/demo seeds through the commands).
export {
  bulkApproveReports,
  bulkSubmitReports,
  countyHasRound,
  createDemoSubmitter,
  DEMO_SUBMITTER,
  type DemoPrimarySchool,
  demoActor,
  demoPrimarySchools,
  demoReportsOf,
  demoSchool,
  firstJuniorSchool,
  hasPublishedPlacement,
  lockedAndEmpty,
  roundVersion,
} from './demo/demoRecords.js';
export { inReadSnapshot, type LiveFingerprint, readLiveFingerprint } from './evaluation/liveFingerprint.js';
export { pingDatabase, tableExists } from './platform/health.js';
export { lastSaveOf, previousYearWithData, reportStatusesOf } from './reporting/reportLookups.js';
export {
  type CountyRef,
  countiesWithSchools,
  countyByCode,
  countyCodeOfSchool,
  countyOfUser,
  firstCountyWithSchools,
  knownSchoolYears,
  placeOfUser,
  regionName,
  schoolPlace,
  schoolsByIds,
} from './schools/countyLookups.js';
