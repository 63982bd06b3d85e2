/**
 * @module 指标到校 (优质普通高中招生名额分配到初中): largest-remainder allocation with a rural tilt
 * and a per-school minimum, and the calculation as a table with Chinese column names.
 */

export * from './allocate.js';
export * from './columns.js';
export * from './largestRemainder.js';
export * from './quotaParams.js';
export * from './share.js';
export type * from './types.js';
