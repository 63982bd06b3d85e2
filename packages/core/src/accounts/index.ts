/** @module 账号: the rules of usernames, display names, passwords, scopes and the login lockout. */

export * from './accountScope.js';
export * from './lockout.js';
export * from './passwordRules.js';
export type * from './problem.js';
export * from './userChanges.js';
export * from './usernames.js';
