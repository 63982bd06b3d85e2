/**
 * @module 划片 zoning (就近入学): assign each residential area (小区/村) to one school so that the
 * student-weighted straight-line distance is least within the schools' places (classes × 班额).
 * Pure: the model is CPLEX LP text for HiGHS, which packages/io runs; the evaluation works on any
 * assignment (solver, greedy, current zones, hand-adjusted), and two assignments can be compared.
 * The checks of what the server stores are here too: a plan's fields (planInput.ts), an area
 * import against the county's schools (importCheck.ts), entry classes set or estimated
 * (entryClasses.ts).
 */

export * from './compare.js';
export * from './distance.js';
export * from './entryClasses.js';
export * from './evaluate.js';
export * from './exhaustive.js';
export * from './greedy.js';
export * from './importCheck.js';
export * from './limits.js';
export * from './model.js';
export * from './planInput.js';
export * from './prepare.js';
export * from './present.js';
export type * from './types.js';
