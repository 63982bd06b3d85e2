/**
 * @module The annual report commands the HTTP API calls: read one school's report of a year and
 * 学段 (./reportRecords.ts), save a draft, and move it through the workflow (core's
 * reportWorkflow.ts; ./reportChecks.ts, ./reportCommands.ts). Callers import from here. Each write is one
 * transaction: the report row locked (SELECT … FOR UPDATE), the access policy (core's explain), the
 * workflow rule and the optimistic version check (decideTransition), the UPDATE (the schema's
 * triggers demand version + 1 and copy every version to school_report_version), and the audit
 * event, last.
 *
 * Decisions:
 * - A report the actor may not even view is answered exactly like a report that does not exist
 *   (code notFound, same message): direct ID guessing learns nothing. An actor who may view it but
 *   not do the action gets notAllowed with explain's reason (or decideTransition's).
 * - Policy actions: save → edit, submit → submit, return/approve → review, reopen/unlock → reopen,
 *   lock → publish (锁定 happens when the county's evaluation is published).
 * - Reviewer comments live in school_report.review_comments as {field: text} ("" = the whole
 *   report; several comments on one field joined by a newline). return and reopen set them (reopen
 *   only when given), approve clears them, save/submit/lock/unlock keep them so the school sees what
 *   to fix and the reviewer what was asked. Every version keeps its comments in
 *   school_report_version.
 * - A draft save replaces the whole data object (the form sends the whole report). The audit
 *   event's before/after hold status, version and only the data fields that changed (the full data
 *   of every version is in school_report_version); after also holds the comments when they changed.
 * - Refused requests write nothing, not even an audit event (the server may log them).
 * - 催报 (remind, issue 10 #23) writes no version: a report_reminder row (its reason is the message)
 *   and an audit event. 代为填报 / 代为提交 (proxySave / proxySubmit) are the bureau's save and submit on
 *   the school's behalf: same checks, plus proxy_by/proxy_at/proxy_reason, shown as 教育局代报.
 * - previewTransition runs every check of a command (view, policy, workflow, version, account) and
 *   writes nothing: a batch's confirmation lists exactly what the commands will do.
 */
export { previewTransition, saveReportDraft, transitionReport } from './reportCommands.js';
export { getReport, isStage, reportNotFoundMessage } from './reportRecords.js';
export {
  REPORT_POLICY_ACTIONS,
  type Report,
  ReportError,
  type ReportErrorCode,
  type ReportKey,
  type ReportReminder,
  type SaveDraftInput,
  type TransitionInput,
  type TransitionPreview,
} from './reportTypes.js';
