/**
 * @module Access policies: one rule table (rules.ts), one decision point (policy.ts), region codes
 * compared level by level (region.ts).
 */

export * from './policy.js';
export * from './region.js';
export * from './rules.js';
