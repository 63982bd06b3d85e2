/**
 * @module What a refusal carries besides its list of problems (validation/issue.ts): the state a
 * write conflicted with, and the reports that keep an evaluation from being published. The API
 * contract describes them from these types (server platform/schemas.ts) and the pages read them.
 */
import type { Stage } from '../model.js';
import type { ReportStatus } from '../workflow/reportWorkflow.js';

/** 409 conflict: someone saved first; the version the write must now start from, and who saved. */
export interface ConflictDetails {
  currentVersion: number;
  /** When it was last saved (ISO 8601), when known. */
  updatedAt?: string;
  updatedByName?: string;
}

/** 409 reportsOutstanding: one report not yet approved (or not made) for the run's year. */
export interface OutstandingReport {
  schoolId: string;
  schoolName: string;
  stage: Stage;
  status: Exclude<ReportStatus, 'approved' | 'locked'> | 'missing';
}
