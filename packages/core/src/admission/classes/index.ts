/**
 * @module 均衡分班: a grade's entrants into N classes by seeded local search (balance.ts), the
 * plain snake draft for comparison (snake.ts, compare.ts), per-class summaries (summary.ts) and
 * synthetic cohorts (cohort.ts); a school's roster checked, balanced and reported in its own words
 * (roster.ts).
 */

export * from './balance.js';
export * from './cohort.js';
export * from './compare.js';
export * from './names.js';
export * from './placementInput.js';
export * from './roster.js';
export * from './snake.js';
export * from './summary.js';
export type * from './types.js';
