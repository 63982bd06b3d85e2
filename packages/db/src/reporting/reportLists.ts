/**
 * @module LEFTOVER path (schools/schoolAdmin.test.ts imports it): the old count of a county's
 * reports, now in ./legacyReportCommands.ts. The command is the server's (reportStatusCounts).
 */
export { reportStatusCounts } from './legacyReportCommands.js';
