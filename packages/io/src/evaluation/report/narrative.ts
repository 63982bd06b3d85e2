/**
 * @module What the reports say, in one place: the 学年 label, the description of the rules used,
 * aggregated shortfalls, and the generated sentences of 存在问题 / 整改建议 / 年度对比.
 * The Excel workbook, the Word report and the terminal output all read from here, so a sentence
 * is worded once and the three never disagree. Each part is written in its own module; this one
 * gathers them so the writers and callers import from a single place.
 */
export {
  type CountyOverview,
  countyOverview,
  overviewSentences,
  type StageOverview,
} from './countyOverview.js';
export { type Finding, findProblems } from './findings.js';
export { recommend } from './recommendations.js';
export {
  APPORTION_NAMES,
  chineseNumeral,
  coefficientStatusText,
  failingSchoolText,
  fmtAgainst,
  fmtCvChange,
  fmtIndicatorValue,
  INDICATOR_MARKS,
  itemRequirement,
  listNames,
  type ReportOptions,
  rulesDescription,
  STANDARD_NAMES,
  schoolYearLabel,
  verdictLine,
} from './reportLabels.js';
export {
  indicatorGaps,
  type ResourceNeed,
  resourceNeeds,
  resourceNeedsText,
  schoolLabel,
  schoolPlanText,
  schoolShortfalls,
  schoolsNotMet,
} from './shortfalls.js';
export { comparisonSentences } from './yearComparison.js';
