/**
 * @module The evaluation runs' typed rows: a run as lists show it, with its inputs and result, and
 * as the public sees it.
 */
import type { CountyDataset, EvaluationResult, StandardKey, StandardSet, Status } from '@junheng/core';

/** One evaluation run as lists show it. */
export interface RunSummary {
  id: number;
  countyCode: string;
  countyName: string;
  /** School year (2025 = 2025—2026学年). */
  year: number;
  standard: StandardKey;
  createdAt: Date;
  /** app_user.id of who ran it. */
  createdBy: number | null;
  createdByName: string | null;
  /** When it was published (公示); null while it is a draft result. */
  publishedAt: Date | null;
  publishedByName: string | null;
  inputsSha256: string;
  /** The county's verdict for the run's standard (core result.basic.status / result.quality.status). */
  verdict: Status;
  engineVersion: string;
}

/** A run with everything it was computed from and what it computed. */
export interface RunDetail extends RunSummary {
  /** The dataset the engine read. */
  inputs: CountyDataset;
  /** The standard tables and applied overrides. */
  rules: StandardSet;
  /** core EvaluationResult (docs/result-schema.md). */
  result: EvaluationResult;
}

/**
 * A published run for the public: the summary without who ran or published it (account names are
 * not public), and the result.
 */
export interface PublishedRun extends Omit<RunSummary, 'createdBy' | 'createdByName' | 'publishedByName'> {
  publishedAt: Date;
  result: EvaluationResult;
}

export interface RunList {
  items: RunSummary[];
  total: number;
  page: number;
  pageSize: number;
}
