/**
 * @module The evaluation runs' repository (SQL only), gathered here from the modules that hold it:
 * runs stored and read (./runRecords.ts, ./runQueries.ts), publishing's rows (./publishRecords.ts),
 * the public reads of published runs (./publicRuns.ts) and the trend's rows (./trendRecords.ts).
 * The server's evaluation commands (server/src/evaluation) own the transactions, the policy, the
 * checks and the audit events; their module comment gives the decisions.
 */
export type { PublishedRun, RunDetail, RunList, RunSummary } from './evaluationTypes.js';
export { getPublishedRun, listPublishedCounties } from './publicRuns.js';
export {
  type CountyReportRow,
  type LockedReportRow,
  type LockedRun,
  lockCountyReports,
  lockReports,
  lockRun,
  markPublished,
  newestRunId,
  publicationSchools,
} from './publishRecords.js';
export { findRun, type RunPageQuery, runPage } from './runQueries.js';
export { datasetSha256, insertRun, type NewRun, summariesByIds } from './runRecords.js';
export { type StageJson, type TrendRow, trendRows } from './trendRecords.js';
