/**
 * @module The shapes of evaluation runs the API answers with: a run as lists show it, with its
 * inputs and result, as the public sees it, what a run or a list asks for, what keeps a run from
 * being published, and a county's trend over the years.
 */
import type {
  CountyDataset,
  EvaluationResult,
  IndicatorId,
  Stage,
  StandardChoice,
  StandardKey,
  StandardSet,
  Status,
} from '@junheng/core';

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

export interface RunEvaluationInput {
  countyCode: string;
  year: number;
  standard: StandardChoice;
  /** Tables to evaluate with; core's nationalStandards() when omitted. */
  standards?: StandardSet;
  /** Version of the engine (the server's build), stored with the run. */
  engineVersion: string;
  ip?: string | null;
}

export interface ListRunsQuery {
  countyCode?: string;
  year?: number;
  standard?: StandardKey;
  /** 1-based; default 1. */
  page?: number;
  /** Default 20; above queryKit's MAX_PAGE_SIZE (500) it is lowered to it. */
  pageSize?: number;
}

export interface RunList {
  items: RunSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A report that keeps a run from being published; status 'missing' = not created yet (未填报). */
export type { OutstandingReport } from '@junheng/core';

/**
 * A report publishRun locked. A type alias, not an interface: it then fits schemas that allow
 * extra members (an interface has no implicit index signature).
 */
export type LockedReport = {
  id: number;
  schoolId: string;
  stage: Stage;
  /** Its version after locking. */
  version: number;
};

export interface PublishResult {
  run: RunSummary;
  /** The reports locked by this publication (approved ones; already locked ones are not listed). */
  lockedReports: LockedReport[];
}

/** One coefficient of a run in the trend. */
export interface TrendCoefficient {
  stage: Stage;
  /** The indicator, or 'composite' for 基本均衡's 综合差异系数 of the stage. */
  indicator: IndicatorId | 'composite';
  name: string;
  cv: number | null;
  /** Maximum allowed CV; null for 基本均衡's single indicators (only the composite is judged). */
  threshold: number | null;
  status: Status;
}

/** One year and standard of a county's trend. */
export interface TrendPoint {
  year: number;
  standard: StandardKey;
  runId: number;
  published: boolean;
  verdict: Status;
  coefficients: TrendCoefficient[];
  /** 优质均衡 school stages by result (null for 基本均衡, or a run without school results). */
  schools: { total: number; met: number; unmet: number; incomplete: number } | null;
}

/** Whether a run still describes the county's data (issue 10 #27: out-of-date runs are marked). */
export interface RunFreshness {
  /** False: 已过期 — school reports or county items changed after the run. */
  current: boolean;
  /** What changed since the run (core datasetChanges), empty when current. */
  reasons: string[];
}
