/**
 * @module The school register's rules: a school's 学段 and status, the list's filters and the
 * checks of a change to a school's register entry.
 */

export * from './registerChange.js';
export * from './schoolList.js';
export * from './stages.js';
