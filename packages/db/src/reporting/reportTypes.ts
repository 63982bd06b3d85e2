/**
 * @module The shapes of the annual report commands: which report (school, year, 学段), the report
 * as the API shows it, what a save or a transition asks for, what a preview answers, the errors
 * they refuse with, and the policy action each workflow action needs.
 */
import type { FieldComment, PolicyAction, ReportAction, ReportStatus, Stage } from '@junheng/core';

export type ReportErrorCode =
  | 'conflict'
  | 'notAllowed'
  | 'wrongState'
  | 'reasonRequired'
  | 'commentsRequired'
  | 'notFound'
  | 'invalidData';

/** A refused report request: a stable code and a Chinese message for the user. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    /**
     * For the server's log only, never for the response: the policy rule that denied the request
     * (a notFound may hide a denial).
     */
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

/** Which report: one per school, school year (2025 = 2025—2026学年) and 学段. */
export interface ReportKey {
  schoolId: string;
  year: number;
  stage: Stage;
}

/** A report as the API shows it. `version` is the ETag to send back with the next write. */
export interface Report extends ReportKey {
  id: number;
  status: ReportStatus;
  version: number;
  /** core's StageReport fields without `stage`; null means 未填报. */
  data: Record<string, number | null>;
  /** Reviewer comments per field ("" = the report as a whole), or null. */
  reviewComments: Record<string, string> | null;
  /** The school's region (county or township), for scoping in the caller. */
  regionCode: string;
  updatedBy: number | null;
  updatedAt: Date;
  submittedBy: number | null;
  submittedAt: Date | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  /** 教育局代报: who at the bureau filled in or submitted it for the school, when and why. */
  proxy: { byName: string | null; at: Date; reason: string } | null;
  /** 催报 the school received, newest first. */
  reminders: ReportReminder[];
}

/** One 催报 of a report. */
export interface ReportReminder {
  message: string;
  byName: string | null;
  at: Date;
}

export interface SaveDraftInput extends ReportKey {
  data: Record<string, unknown>;
  expectedVersion: number;
  /** 代为填报: the bureau saves for the school (action proxySave), with this reason. */
  proxyReason?: string;
  ip?: string | null;
}

export interface TransitionInput extends ReportKey {
  action: Exclude<ReportAction, 'save' | 'proxySave'>;
  expectedVersion: number;
  reason?: string;
  comments?: FieldComment[];
  ip?: string | null;
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

/** What a transition would do: the report's status before and after (every check passed). */
export interface TransitionPreview {
  id: number;
  from: ReportStatus;
  to: ReportStatus;
  version: number;
}
