/**
 * @module The report commands (issue 11): `(ctx, props) → result`, each owning its transaction —
 * policy → validation (core reporting/) → repositories (@junheng/db reporting/) → audit — and
 * refusing with core's Refusal (`reporting.*` keys). The routes, the demo seeding and the tests
 * call these.
 */
export {
  type CountyInputsLock,
  type CountyYear,
  getCountyInputs,
  getCountyInputsLock,
  saveCountyInputs,
} from './countyInputs.js';
export { type ApprovedImport, approveImportedReports } from './importApproval.js';
export {
  type ApprovedOnImport,
  type ImportOutcome,
  importCountyWorkbook,
  importSchoolWorkbook,
  type Upload,
} from './imports.js';
export { type BatchAction, type BatchOutcome, type BatchRequest, batchReports } from './reportBatch.js';
export { checkStartOnBehalf, createReport, type OnBehalf, remindUnstartedReport } from './reportCreation.js';
export { type FormSave, type FormStep, runReportAction, saveReportForm } from './reportForm.js';
export {
  listReports,
  listReportVersions,
  type ReportListQuery,
  reportStatusCounts,
  reportVersionPair,
  type VersionPair,
} from './reportLists.js';
export { getReport, type Report, type ReportForm, readReportForm, toReport } from './reportRead.js';
export {
  previewTransition,
  type SaveDraftInput,
  saveReportDraft,
  type TransitionInput,
  type TransitionPreview,
  transitionReport,
} from './reportWrite.js';
export { countyWorkbookData, schoolWorkbookData } from './templates.js';
