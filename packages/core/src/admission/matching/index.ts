/**
 * @module Multi-school assignment (多志愿录取): student-proposing deferred acceptance, the Boston
 * mechanism (按志愿顺序录取，先一志愿) for comparison, and an audit of blocking pairs.
 */

export * from './audit.js';
export * from './boston.js';
export * from './deferredAcceptance.js';
export * from './types.js';
