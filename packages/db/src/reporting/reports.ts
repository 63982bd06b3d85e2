/**
 * @module LEFTOVER path (evaluation/evaluations.test.ts imports it): the old report commands, now in
 * ./legacyReportCommands.ts. The commands are the server's (server/src/reporting/commands).
 */
export {
  ReportError,
  type ReportErrorCode,
  saveReportDraft,
  transitionReport,
} from './legacyReportCommands.js';
