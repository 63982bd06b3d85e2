/**
 * @module The pure parts of the report commands (server reporting/commands): which report a request
 * names, the policy action each workflow action needs, the checks that need no database (the year,
 * the 学段, the data of a save or a submit, the fields comments name, the review list's filters),
 * and how a step changes the comments and which data fields the audit event lists. Each refusal is
 * core's Refusal with a `reporting.*` key of the catalogue.
 */
import { message } from '../messages/catalogue.js';
import { Refusal } from '../messages/refusal.js';
import { STAGE_NAMES, STAGES, type Stage } from '../model.js';
import type { Resource } from '../policies/policy.js';
import type { PolicyAction } from '../policies/rules.js';
import type { Issue } from '../validation/issue.js';
import { checkReportData, reportField } from '../validation/reportForm.js';
import {
  type FieldComment,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
} from '../workflow/reportWorkflow.js';

/** Which report: one per school, school year (2025 = 2025—2026学年) and 学段. */
export interface ReportKey {
  schoolId: string;
  year: number;
  stage: Stage;
}

/** The policy action each workflow action needs. */
export const REPORT_POLICY_ACTIONS: Record<ReportAction, PolicyAction> = {
  save: 'edit',
  submit: 'submit',
  return: 'review',
  approve: 'review',
  reopen: 'reopen',
  unlock: 'reopen',
  lock: 'publish',
  // The bureau's work on a report it reviews: same scope (rules.ts bureau.reviewReports).
  remind: 'review',
  proxySave: 'review',
  proxySubmit: 'review',
};

/** A school's reports as a policy resource. */
export function reportResource(regionCode: string, schoolId: string): Resource {
  return { kind: 'schoolReport', regionCode, schoolId };
}

/** Whether a value from a request is a 学段. */
export function isStage(v: unknown): v is Stage {
  return (STAGES as readonly unknown[]).includes(v);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a key could name a report at all (anything else is answered as not found). */
export function isValidReportKey(key: ReportKey): boolean {
  return typeof key.schoolId === 'string' && Number.isInteger(key.year) && isStage(key.stage);
}

/** The refusal of a report that does not exist or may not be seen: the same on every route. */
export function reportNotFound(key: ReportKey, rule?: string): Refusal {
  const stage = STAGE_NAMES[key.stage] ?? String(key.stage);
  return new Refusal(
    'notFound',
    'reporting.reportNotFound',
    { schoolId: key.schoolId, year: key.year, stage },
    { rule },
  );
}

/**
 * A school year (its start year, 2025 = 2025—2026学年), as the schema allows it.
 * @throws Refusal invalidRequest
 */
export function checkReportYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new Refusal('invalidRequest', 'reporting.yearOutOfRange', { year: String(year) });
  }
  return year;
}

/**
 * A report's data as a save or a submit sends it, checked with core's checkReportData: every
 * problem as an Issue of one invalidRequest.
 * @throws Refusal invalidRequest with the issues as details
 */
export function checkReportDataOrRefuse(data: Record<string, unknown>, forSubmit: boolean): void {
  const issues = checkReportData(data, forSubmit);
  if (issues.length === 0) return;
  const details = issues.map(
    (i): Issue => ({
      code: 'invalidField',
      path: `data.${i.field}`,
      message: i.message,
      fix: message('reporting.dataIssueFix'),
    }),
  );
  throw issues.length === 1
    ? new Refusal('invalidRequest', 'reporting.dataIssue', { message: issues[0]!.message }, { details })
    : new Refusal(
        'invalidRequest',
        'reporting.dataIssues',
        { count: issues.length, first: issues[0]!.message },
        { details },
      );
}

/**
 * Each comment names a field of the form ('' = the report as a whole).
 * @throws Refusal invalidRequest
 */
export function checkCommentFields(comments: readonly FieldComment[] | undefined): void {
  for (const c of comments ?? []) {
    if (c.field !== '' && !reportField(c.field)) {
      throw new Refusal('invalidRequest', 'reporting.commentFieldUnknown', { field: c.field });
    }
  }
}

/** {field: text} from field comments; blank comments dropped, several on one field joined. */
export function commentsObject(comments: readonly FieldComment[] | undefined): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const c of comments ?? []) {
    const text = c.text.trim();
    if (!text) continue;
    const field = c.field.trim();
    out[field] = out[field] === undefined ? text : `${out[field]}\n${text}`;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The comments a step leaves on the report: return sets them, reopen sets them when given, approve
 * clears them, every other step keeps them (the school sees what to fix, the reviewer what was asked).
 */
export function commentsAfter(
  action: ReportAction,
  comments: readonly FieldComment[] | undefined,
  current: Record<string, string> | null,
): Record<string, string> | null {
  if (action === 'return') return commentsObject(comments);
  if (action === 'reopen') return commentsObject(comments) ?? current;
  if (action === 'approve') return null;
  return current;
}

/** The data fields that differ, old values in `before`, new in `after` (absent written as null). */
export function dataDiff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[field] ?? null;
    const now = after[field] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(now)) {
      b[field] = old;
      a[field] = now;
    }
  }
  return { before: b, after: a };
}

/** A report's place in the review list: its workflow status, or 未填报 (not created yet). */
export type ReportListStatus = ReportStatus | 'missing';
export const REPORT_LIST_STATUSES: readonly ReportListStatus[] = ['missing', ...REPORT_STATUSES];

/**
 * The review list's status and 学段 filters, each checked.
 * @throws Refusal invalidRequest for a status or 学段 that does not exist
 */
export function checkReportListFilters(q: { status?: unknown; stage?: unknown }): ReportListStatus[] {
  const statuses = q.status ?? [];
  if (!Array.isArray(statuses)) throw new Refusal('invalidRequest', 'reporting.statusesNotList');
  for (const s of statuses) {
    if (!REPORT_LIST_STATUSES.includes(s)) {
      throw new Refusal('invalidRequest', 'reporting.statusUnknown', {
        status: String(s),
        choices: REPORT_LIST_STATUSES.join('、'),
      });
    }
  }
  if (q.stage !== undefined && !isStage(q.stage)) {
    throw new Refusal('invalidRequest', 'reporting.listStageUnknown', {
      stage: String(q.stage),
      choices: STAGES.join('、'),
    });
  }
  return statuses as ReportListStatus[];
}
