/**
 * @module Evaluation runs (评估) the HTTP API calls, gathered here from the modules that hold them
 * (./runEvaluation.ts, ./runQueries.ts, ./publishRun.ts, ./publicRuns.ts, ./countyTrend.ts): run
 * core's evaluate on a county's dataset and keep the run (inputs, their SHA-256, rules, result,
 * engine version) so it can be reproduced; list and read runs within the actor's scope; publish
 * (公示) a run, which locks the reports it was computed from; and the public reads of published
 * runs. Each write is one transaction: the policy check (core's explain through requireAllowed),
 * the reads and writes, and the audit events last.
 *
 * Decisions:
 * - One evaluation_run row per standard ('both' makes two), each evaluated with only its standard
 *   (core evaluate `standard: 'basic' | 'quality'`, detail 'full'), so a run's `result.status` is
 *   that standard's verdict and publishing one never publishes the other.
 * - `inputs_sha256` is the lowercase hex SHA-256 of the canonical JSON (RFC 8785, audit.ts
 *   canonicalJson) of the dataset loadDataset returned. loadDataset is deterministic (roster order,
 *   model key order, county items sorted) and canonical JSON ignores key order, so reloading
 *   unchanged data gives the same hash: publishRun recomputes it to see whether the data changed
 *   after the run. Report statuses are not inputs: approving reports after a run keeps its hash.
 * - `rules` stores the whole StandardSet used (both tables, the applied overrides, their name and
 *   source), so a run can be recomputed without knowing which override file was loaded then.
 * - The dataset is validated with core's validateDataset before evaluating (report drafts are saved
 *   unvalidated); an invalid dataset is refused (invalidData, details = the issues) rather than
 *   evaluated into a misleading verdict.
 * - Runs use READ COMMITTED (appendAudit needs it). A run that read data while an import was
 *   committing could hold inputs no committed state had; its hash then matches no later data, so
 *   publishRun refuses it.
 * - Visibility: a run belongs to its county (resource evaluationRun, regionCode = the county code,
 *   published = published_at set). A county-wide run has no schoolId, so school and principal users
 *   see no runs here (rules.ts: the server builds a school's slice with its own resource); a
 *   published run is visible to whoever the policy lets see published runs (ListScope
 *   alsoPublished), which the table currently grants on publicResult only (the public reads below).
 * - Only the newest run of a county, year and standard may be published: an older one was computed
 *   from older data or rules, and "the latest published run" must be the one the bureau saw last.
 *   A newer run may be published after an older one (a correction after unlocking reports); the
 *   public reads show the newest published run.
 * - Publishing needs every report of the county's open schools for the year approved or locked,
 *   and none missing. Missing: a 学段 schools.ts expectedReportStages expects (the type's 学段; none
 *   for 特殊教育学校 and 职业学校, which neither standard evaluates) without a report, so publishing
 *   and the dashboard's "missing" count agree. A report that exists is an input of the run, so it
 *   must be approved whatever the school's type. Reports of merged or closed schools are not inputs
 *   and are not locked.
 * - Refused requests write nothing, not even an audit event.
 */

export { countyTrend } from './countyTrend.js';
export type {
  ListRunsQuery,
  LockedReport,
  OutstandingReport,
  PublishedRun,
  PublishResult,
  RunDetail,
  RunEvaluationInput,
  RunFreshness,
  RunList,
  RunSummary,
  TrendCoefficient,
  TrendPoint,
} from './evaluationTypes.js';
export { getPublishedRun, listPublishedCounties } from './publicRuns.js';
export { publishRun } from './publishRun.js';
export { runEvaluation } from './runEvaluation.js';
export { getRun, listRuns, runFreshness, staleRunIds } from './runQueries.js';
