/**
 * @module Input validation: the JSON dataset validator and the single-value rules the Excel/CSV
 * import shares with it, so both give the same answer and the same Chinese message.
 */
export {
  type CountyItemInputKind,
  type CountyItemSpec,
  checkCountyItemValue,
  countyItemSpecs,
  validateCountyInputs,
} from './county-items.js';
export {
  type DatasetValidation,
  type ValidateOptions,
  validateCountyHeader,
  validateDataset,
} from './dataset.js';
export {
  FACILITY_INFO,
  type FieldInfo,
  type NumericKind,
  numberFieldInfo,
  SENIOR_STUDENTS_INFO,
  STAGE_NUMBER_FIELDS,
  type StageNumberField,
  TEACHER_SUBSETS,
} from './fields.js';
export { describeValue, formatValidationIssue, type Issue, type ValidationIssue } from './issue.js';
export type { ConflictDetails, OutstandingReport } from './refusals.js';
export {
  checkReportData,
  REPORT_FIELDS,
  REPORT_SECTIONS,
  type ReportDataIssue,
  type ReportField,
  type ReportSection,
  reportField,
} from './reportForm.js';
export {
  checkResidentId,
  normalizeResidentId,
  type ResidentIdInfo,
  residentIdCheckChar,
  residentIdInfo,
} from './resident-id.js';
export {
  checkAmount,
  checkCount,
  checkCountyCode,
  checkJudgment,
  checkName,
  checkNumber,
  checkRatio,
  checkRegionCode,
  checkSchoolId,
  checkSeniorStudentsType,
  checkStageOfType,
  checkTeacherSubset,
  checkYear,
  duplicateStageMessage,
  type RuleResult,
  schoolNameConflictMessage,
  TYPES_WITH_SENIOR,
} from './rules.js';
