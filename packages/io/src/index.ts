/**
 * @module @junheng/io — file formats: import and validation of county data, the Excel template,
 * and report writers.
 */

// ── Data input: workbook layout, template, import ──────────────────────────────────────────
export {
  COUNTY_INFO_FIELDS,
  COUNTY_ITEM_COLUMNS,
  type ColumnSpec,
  type ColumnTarget,
  type ColumnType,
  EXAMPLE_MARKER,
  SCHOOL_COLUMNS,
  SHEETS,
} from './platform/columns.js';
export { fractionToPercent, percentToFraction } from './platform/percent.js';
export * from './reporting/import/index.js';
export { type TemplateOptions, writeDatasetWorkbook, writeTemplate } from './reporting/template.js';

// ── end of data input ──────────────────────────────────────────────────────────────────────

export {
  type AdmissionPlanImport,
  type AdmissionPlanSchool,
  applicantWorkbookSchoolValues,
  type PlacementListRow,
  type PlacementSchoolRow,
  readAdmissionPlanBuffer,
  writePlacementWorkbook,
} from './admission/rounds/admissionBatch.js';
// ── 招生申请: template, import, export (packages/io/src/admission/rounds/applicants.ts) ──────────────────────
export {
  APPLICANT_SHEET,
  APPLICANT_TEMPLATE_COLUMNS,
  type ApplicantExportRow,
  type ApplicantFileResult,
  type ApplicantFileRow,
  type ApplicantSchoolOption,
  type ApplicantWorkbookContext,
  readApplicantWorkbook,
  writeApplicantExport,
  writeApplicantTemplate,
} from './admission/rounds/applicants.js';

// ── end of 招生申请 ─────────────────────────────────────────────────────────────────────────

// ── Reports: Excel workbook, Word 自评报告, shared wording (packages/io/src/evaluation/report) ─────────
export { writeResultReport } from './evaluation/report/docx.js';
export {
  APPORTION_NAMES,
  type CountyOverview,
  chineseNumeral,
  coefficientStatusText,
  comparisonSentences,
  countyOverview,
  type Finding,
  failingSchoolText,
  findProblems,
  fmtAgainst,
  fmtCvChange,
  fmtIndicatorValue,
  INDICATOR_MARKS,
  indicatorGaps,
  itemRequirement,
  listNames,
  overviewSentences,
  type ReportOptions,
  type ResourceNeed,
  recommend,
  resourceNeeds,
  resourceNeedsText,
  rulesDescription,
  STANDARD_NAMES,
  type StageOverview,
  schoolLabel,
  schoolPlanText,
  schoolShortfalls,
  schoolsNotMet,
  schoolYearLabel,
  verdictLine,
} from './evaluation/report/narrative.js';
export { writeResultWorkbook } from './evaluation/report/xlsx.js';
// ── Provincial overrides ───────────────────────────────────────────────────────────────────
export { loadStandards, OverrideFileError } from './standards/overrides.js';

// ── end of reports ─────────────────────────────────────────────────────────────────────────

// ── 均衡分班 and 指标到校 (packages/io/src/admission/classes, packages/io/src/admission/quota) ──────────────────────
export {
  ENTRANT_COLUMNS,
  ENTRANT_SHEET,
  type EntrantImport,
  type EntrantRow,
  importEntrantsBuffer,
  writeEntrantTemplate,
} from './admission/classes/entrants.js';
export { type ClassListsInput, writeClassListsWorkbook } from './admission/classes/lists.js';
// ── 电脑派位: entries (编号, 核验码) from an uploaded file or pasted text ────────────────────
export {
  LOTTERY_SECRET_HEADERS,
  LOTTERY_TICKET_HEADERS,
  type LotteryEntriesResult,
  type LotteryTicketsResult,
  MAX_TICKETS,
  readLotteryEntries,
  readLotteryEntriesText,
  readLotteryTickets,
} from './admission/lottery/entries.js';
export { installNodeSha256 } from './admission/lottery/nodeSha256.js';
export { importQuotaSchoolsBuffer, type QuotaSchoolsImport } from './admission/quota/schools.js';
export { type QuotaWorkbookInput, writeQuotaWorkbook } from './admission/quota/table.js';
// ── 划片 zoning: county map GeoJSON, HiGHS solver in a worker, demo map ─────────────────────
export * from './admission/zoning/index.js';
// ── end of 均衡分班 and 指标到校 ────────────────────────────────────────────────────────────

// ── 划片 zoning workbooks (zoningWorkbook.ts): area import/template, plan export ─────────────────
export {
  AREA_COLUMNS,
  AREA_SHEET,
  type AreaWorkbookEntry,
  type AreaWorkbookResult,
  type AreaWorkbookRow,
  type PlanWorkbookInput,
  readAreaWorkbook,
  writeAreaWorkbook,
  writePlanWorkbook,
} from './admission/zoning/zoningWorkbook.js';
// ── end of 划片 zoning workbooks ──────────────────────────────────────────────────────────────
export {
  MessageOverridesFileError,
  messageOverridesFromEnv,
  readMessageOverrides,
} from './platform/messageOverrides.js';
