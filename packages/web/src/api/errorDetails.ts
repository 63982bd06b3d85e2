/**
 * @module The `details` of refusals, which the contract leaves open (error bodies are
 * `{code, message, details?}` on every route): what the pages read from them.
 */
import type { ReportStatus, Stage } from '@junheng/core';

/** The error body of any status ≥ 400. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** 409 conflict details; `updatedAt` and `updatedByName` optional (the page re-reads the report otherwise). */
export interface ConflictDetails {
  currentVersion: number;
  updatedAt?: string;
  updatedByName?: string;
}

/** One row of an import's error list (422 importInvalid details). */
export interface ImportIssue {
  /** Stable code of the kind of problem; 'moreErrors' for the row counting errors not listed. */
  code?: string;
  file?: string;
  sheet?: string;
  row?: number | null;
  column?: string | null;
  value?: unknown;
  message: string;
  /** How to fix it (the 如何修改 column). */
  fix?: string;
  /** On the 'moreErrors' row: how many errors it stands for. */
  omitted?: number;
}

/** 409 reportsOutstanding details (one per report not approved); all but `stage` optional. */
export interface OutstandingReport {
  schoolId?: string;
  schoolName?: string;
  stage?: Stage;
  status?: ReportStatus | 'missing';
  message?: string;
}
