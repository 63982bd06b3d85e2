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

// ── 划片 zoning: county map GeoJSON, HiGHS solver in a worker, demo map ─────────────────────
export * from './zoning/index.js';
