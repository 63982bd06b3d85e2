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
} from './columns.js';
export * from './import/index.js';
export { fractionToPercent, percentToFraction } from './percent.js';
export { type TemplateOptions, writeDatasetWorkbook, writeTemplate } from './template.js';

// ── end of data input ──────────────────────────────────────────────────────────────────────

export {
  type AdmissionPlanImport,
  type AdmissionPlanSchool,
  applicantWorkbookSchoolValues,
  type PlacementListRow,
  type PlacementSchoolRow,
  readAdmissionPlanBuffer,
  writePlacementWorkbook,
} from './admissionBatch.js';
// ── 招生申请: template, import, export (packages/io/src/applicants.ts) ──────────────────────
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
} from './applicants.js';
// ── end of 招生申请 ─────────────────────────────────────────────────────────────────────────

// ── Provincial overrides ───────────────────────────────────────────────────────────────────
export { loadStandards, OverrideFileError } from './overrides.js';

// ── Reports: Excel workbook, Word 自评报告, shared wording (packages/io/src/report) ─────────
export { writeResultReport } from './report/docx.js';
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
} from './report/narrative.js';
export { writeResultWorkbook } from './report/xlsx.js';

// ── end of reports ─────────────────────────────────────────────────────────────────────────

// ── 均衡分班 and 指标到校 (packages/io/src/classes, packages/io/src/quota) ──────────────────────
export {
  ENTRANT_COLUMNS,
  ENTRANT_SHEET,
  type EntrantImport,
  type EntrantRow,
  importEntrantsBuffer,
  writeEntrantTemplate,
} from './classes/entrants.js';
export { type ClassListsInput, writeClassListsWorkbook } from './classes/lists.js';
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
} from './lottery/entries.js';
export { installNodeSha256 } from './lottery/nodeSha256.js';
export { importQuotaSchoolsBuffer, type QuotaSchoolsImport } from './quota/schools.js';
export { type QuotaWorkbookInput, writeQuotaWorkbook } from './quota/table.js';
// ── 划片 zoning: county map GeoJSON, HiGHS solver in a worker, demo map ─────────────────────
export * from './zoning/index.js';
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
} from './zoningWorkbook.js';
// ── end of 划片 zoning workbooks ──────────────────────────────────────────────────────────────
