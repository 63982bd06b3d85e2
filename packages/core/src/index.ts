/**
 * @module @junheng/core — pure domain logic of junheng: standards as data, difference coefficients,
 * compliance, verdicts, demo county. No I/O: every function is a function of its inputs.
 */

export * from './accounts/index.js';
export * from './admission/admit/index.js';
export * from './admission/classes/index.js';
export * from './admission/lottery/index.js';
export * from './admission/matching/index.js';
export * from './admission/quota/index.js';
export * from './admission/rounds/index.js';
export * from './admission/zoning/index.js';
export * from './audit/chainBreak.js';
export * from './audit/labels.js';
export * from './audit/logFilters.js';
export * from './compare.js';
export * from './csv.js';
export * from './demo/index.js';
export * from './evaluation/coefficientSummary.js';
export { showItemValue } from './evaluation/countyItems.js';
export * from './evaluation/evaluate.js';
export * from './evaluation/inputChanges.js';
export * from './evaluation/numeric.js';
export * from './evaluation/parts.js';
export type { Detail } from './evaluation/present.js';
export * from './evaluation/publication.js';
export * from './evaluation/results.js';
export * from './evaluation/runRequest.js';
export * from './evaluation/scope.js';
export * from './evaluation/shortfall.js';
export * from './evaluation/status.js';
export * from './evaluation/yearOverYear.js';
export * from './format.js';
export * from './indicators/catalogue.js';
export * from './indicators/coefficient.js';
export * from './messages/index.js';
export * from './model.js';
export * from './planning/unitCosts.js';
export * from './policies/index.js';
export * from './privacy/index.js';
export * from './random.js';
export * from './reporting/index.js';
export * from './schools/index.js';
export * from './schoolYear.js';
export * from './standards/basic2012.js';
export * from './standards/citation.js';
export * from './standards/overrides.js';
export * from './standards/quality2017.js';
export * from './standards/types.js';
export * from './validation/index.js';
export * from './workflow/reportWorkflow.js';
