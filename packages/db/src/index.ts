/**
 * @module @junheng/db — the schema (SQL migrations), and one database interface over embedded
 * PGlite and PostgreSQL.
 */

// ── audit log (audit.ts) ──
export {
  type AuditBreak,
  type AuditChainCheck,
  type AuditEvent,
  type AuditEventInput,
  type AuditVerification,
  appendAudit,
  auditCanonicalText,
  auditHash,
  canonicalJson,
  checkAuditChain,
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
export {
  approveOnImport,
  type ImportedReportRow,
  lockImportedReports,
} from './reporting/importApprovalRecords.js';
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
// Evaluation runs' repository (evaluations.ts): runs stored, listed and read, publishing's rows,
// public reads, the trend's rows.
export {
  type CountyReportRow,
  datasetSha256,
  findRun,
  getPublishedRun,
  insertRun,
  type LockedReportRow,
  type LockedRun,
  listPublishedCounties,
  lockCountyReports,
  lockReports,
  lockRun,
  markPublished,
  type NewRun,
  newestRunId,
  type PublishedRun,
  publicationSchools,
  type RunDetail,
  type RunList,
  type RunPageQuery,
  type RunSummary,
  runPage,
  type StageJson,
  summariesByIds,
  type TrendRow,
  trendRows,
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
  type CreateUserInput,
  CURRENT_HASH_PREFIX,
  clearLoginThrottle,
  clearThrottle,
  findUserByUsername,
  getDummyHash,
  getUser,
  hashPassword,
  insertUser,
  type NewUserRow,
  pausedUntil,
  recordAccountFailure,
  recordThrottledFailure,
  resetAccountFailures,
  throttleKey,
  type User,
  type UserRole,
  type UserUpdate,
  updateUserRow,
  userFromRow,
  userWithHash,
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
// ── report repository (reportRecords.ts): one report, its steps, reminders, versions ──
export {
  insertEmptyReport,
  insertReminder,
  type ReportReminder,
  type ReportRow,
  type ReportStep,
  type ReportVersion,
  readReport,
  remindersOf,
  reportIdOf,
  reportPlaceOf,
  reportVersions,
  schoolForNewReport,
  writeReportStep,
} from './reporting/reportRecords.js';
// ── end report repository ──
export { ensureRegion, REGIONS_FILE, regionCatalogue } from './schools/regions.js';
export {
  lockedCountyAndStatus,
  lockedLatestReportYear,
  lockedRegisterEntry,
  lockSchools,
  type RegisterEntry,
  saveRegisterEntry,
} from './schools/registerRecords.js';

// ── end users and sessions ──

export {
  type AdminUserListQuery,
  type AdminUserRecord,
  findAdminUser,
  listAdminUsers,
} from './accounts/adminUsers.js';
// ── query modules A (schools, reportLists, countyInputs, userAdmin, auditLog): the HTTP API's reads and admin writes ──
export { type AuditLogEntry, listAuditEventRows } from './audit/auditLog.js';
export {
  type ActingUser,
  DEFAULT_PAGE_SIZE,
  inTransaction,
  MAX_PAGE_SIZE,
  type Page,
} from './platform/queryKit.js';
export {
  type CountyInputValue,
  lockCountyInputs,
  publishedRunOf,
  readCountyInputs,
  upsertCountyInputs,
} from './reporting/countyInputRecords.js';
export {
  countReportsByStatus,
  listReportRows,
  type ReportListFilter,
  type ReportListItem,
  type ReportSort,
  type ReportStatusCounts,
} from './reporting/reportListQueries.js';
export {
  expectedReportStages,
  findSchool,
  type ReportBadge,
  SCHOOL_STATUS_NAMES,
  type SchoolListQuery,
  type SchoolListRow,
  type SchoolReportSummary,
  type SchoolRow,
  type SchoolSort,
  type SchoolStatus,
  type SchoolStatusChange,
  type SchoolYearInfo,
  type SchoolYearRecords,
  schoolPage,
  schoolStages,
  schoolYearRecords,
} from './schools/schools.js';

// ── end query modules A ──

// ── 电脑派位 (lotteryDraws.ts): the draws' repositories (commands: server/src/admission/lottery) ──
export {
  type DrawDetail,
  type DrawInsert,
  type DrawResult,
  type DrawView,
  drawRanks,
  drawSchool,
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
// 指标到校 allocations as stored (the commands: server/src/admission/quota/commands.ts).
export {
  findQuota,
  insertQuota,
  type JuniorSchoolRow,
  juniorSchoolRows,
  listQuotaRows,
  type QuotaRow,
  type QuotaValues,
  registerSchools,
  updateQuotaRow,
} from './admission/quota/quotaRecords.js';

// ── end 均衡分班 and 指标到校 ──

// ── 招生申请 (roundRecords.ts, applicantRows.ts, …): rounds and applicants as stored; the commands are
// server/src/admission/rounds/commands ──
export {
  type ApplicantFilter,
  applicantList,
  applicantPage,
} from './admission/rounds/applicantQueries.js';
export {
  applicantByTicket,
  deleteApplicantRow,
  insertApplicants,
  lotteryEntryRows,
  roundIdNumbers,
  roundOfApplicant,
  roundSchoolIds,
  updateApplicantRow,
} from './admission/rounds/applicantRepository.js';
export { type ApplicantRow, readApplicantRow } from './admission/rounds/applicantRows.js';
export { sealPlainNotes } from './admission/rounds/applicantSealing.js';
export {
  type AdmissionApplicantRow,
  admissionApplicants,
  categoriesInUse,
  choicesOutside,
  openSchoolsOfTypes,
  type PlacedApplicantRow,
  placedApplicants,
  placeSchools,
  zoneSchoolsOutside,
} from './admission/rounds/roundQueries.js';
export {
  listRoundRows,
  type RoundFacts,
  type RoundListScope,
  type RoundRow,
  type RoundSchool,
  readRoundFacts,
  readRoundRow,
  readRoundSchools,
  type StoredResult,
  schoolInCounty,
} from './admission/rounds/roundRecords.js';
export {
  insertRound,
  markRoundAdmitted,
  markRoundCommitted,
  setRoundConfig,
  setRoundTitle,
  storePlacements,
  touchRound,
  writeRoundPlaces,
} from './admission/rounds/roundRepository.js';

// ── end 招生申请 ──

export { actorByUsername, countUsers, demoAccounts, findEnabledUser } from './accounts/userLookups.js';
// ── 划片 zoning (zoning.ts): residential areas, entry classes, county map, plans ──
export {
  type CountyZoningMap,
  findPublishedZoningPlan,
  findZoningCounty,
  findZoningPlan,
  insertZoningPlan,
  listPublishedZoningPlans,
  listZoningPlanRecords,
  lockPublishedZoningPlans,
  markZoningPlanPublished,
  readSchoolAddresses,
  readZoningAreas,
  readZoningCountySchools,
  readZoningMap,
  readZoningSchoolFacts,
  replaceZoningAreas,
  saveZoningMap,
  setSchoolCoordinates,
  updateZoningPlanContent,
  upsertEntryClasses,
  withdrawZoningPlan,
  type ZoningAreaRow,
  type ZoningPlanContent,
  type ZoningPlanRecord,
  type ZoningPlanSummaryRecord,
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
export {
  countyExists,
  lastSaveOf,
  previousYearWithData,
  reportStatusesOf,
} from './reporting/reportLookups.js';
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
