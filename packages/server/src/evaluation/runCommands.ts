/**
 * @module Evaluation runs (评估), the writes: run core's evaluate on a county's dataset and keep the
 * run (inputs, their SHA-256, rules, result, engine version) so it can be reproduced; publish (公示)
 * a run, which locks the reports it was computed from. Each is one transaction: the policy check
 * (core requireAllowed), the reads and writes (@junheng/db), and the audit events last. Refused
 * requests write nothing, not even an audit event.
 *
 * Decisions:
 * - One evaluation_run row per standard ('both' makes two), each evaluated with only its standard
 *   (core evaluate `standard: 'basic' | 'quality'`, detail 'full'), so a run's `result.status` is
 *   that standard's verdict and publishing one never publishes the other.
 * - `inputs_sha256` is the lowercase hex SHA-256 of the canonical JSON (RFC 8785, db canonicalJson)
 *   of the dataset loadDataset returned. loadDataset is deterministic (roster order, model key
 *   order, county items sorted) and canonical JSON ignores key order, so reloading unchanged data
 *   gives the same hash: publishRun recomputes it to see whether the data changed after the run.
 *   Report statuses are not inputs: approving reports after a run keeps its hash.
 * - `rules` stores the whole StandardSet used (both tables, the applied overrides, their name and
 *   source), so a run can be recomputed without knowing which override file was loaded then.
 * - The dataset is validated with core's validateDataset before evaluating (report drafts are saved
 *   unvalidated); an invalid dataset is refused (invalidRequest, details = the issues) rather than
 *   evaluated into a misleading verdict.
 * - Runs use READ COMMITTED (the audit append needs it). A run that read data while an import was
 *   committing could hold inputs no committed state had; its hash then matches no later data, so
 *   publishRun refuses it.
 * - Only the newest run of a county, year and standard may be published: an older one was computed
 *   from older data or rules, and "the latest published run" must be the one the bureau saw last.
 *   A newer run may be published after an older one (a correction after unlocking reports); the
 *   public reads show the newest published run.
 * - Publishing needs every report of the county's open schools for the year approved or locked,
 *   and none missing (core outstandingReports), so publishing and the dashboard's "missing" count
 *   agree. Reports of merged or closed schools are not inputs and are not locked.
 */
import {
  checkRunRequest,
  datasetIssueDetails,
  decideTransition,
  evaluate,
  explain,
  isRunId,
  message,
  nationalStandards,
  outstandingRefusal,
  outstandingReports,
  policyRefusal,
  Refusal,
  requireAllowed,
  type StandardChoice,
  type StandardKey,
  type StandardSet,
  type Status,
  validateDataset,
} from '@junheng/core';
import {
  type ActingUser,
  type CountyReportRow,
  datasetSha256,
  insertRun,
  inTransaction,
  type LockedReportRow,
  type LockedRun,
  lockCountyReports,
  lockReports,
  lockRun,
  markPublished,
  newestRunId,
  publicationSchools,
  type Queryable,
  type RunSummary,
  summariesByIds,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../platform/commands.js';
import { resolveCounty } from '../schools/county.js';
import { loadCounty, runNotFound, runResource } from './runAccess.js';

/** What a run is asked for. */
export interface RunEvaluationInput {
  countyCode: string;
  year: number;
  standard: StandardChoice;
  /** Tables to evaluate with; core's nationalStandards() when omitted. */
  standards?: StandardSet;
  /** Version of the engine (the server's build), stored with the run. */
  engineVersion: string;
}

/**
 * Evaluates a county's data of one school year and stores the run(s): one evaluation_run row per
 * standard with the dataset read (inputs), its SHA-256, the standard tables used (rules), core's
 * result (detail 'full') and the engine version; one audit event 'evaluation.run' per row. Needs
 * policy `evaluate` on the county (bureau or inspector of the county).
 * @returns the new runs, basic before quality
 * @throws Refusal notFound (county unknown or not visible), notAllowed, invalidRequest (bad
 *   arguments, no schools for the year, or data core's validator rejects: details = the issues)
 */
export async function runEvaluation(ctx: CommandContext, input: RunEvaluationInput): Promise<RunSummary[]> {
  const { countyCode, year } = input;
  const { standards: keys, engineVersion } = checkRunRequest(input);
  requireAllowed(ctx.actor, 'evaluate', runResource(countyCode, false), {
    key: 'evaluation.countyNotFound',
    params: { code: countyCode },
  });
  const standards = input.standards ?? nationalStandards();

  return inTransaction(ctx.db, async (tx) => {
    const by = await actingUser(tx, ctx.actor);
    const ds = await loadCounty(tx, countyCode, year);
    const names = { county: ds.county.name, year, nextYear: year + 1 };
    if (ds.schools.length === 0) throw new Refusal('invalidRequest', 'evaluation.noSchools', names);
    const validation = validateDataset(ds, { standards });
    if (validation.issues.length > 0) {
      throw new Refusal(
        'invalidRequest',
        'evaluation.datasetInvalid',
        { ...names, count: validation.issues.length },
        { details: datasetIssueDetails(ds, validation.issues) },
      );
    }
    const sha = datasetSha256(ds);
    const created: { id: number; standard: StandardKey; verdict: Status }[] = [];
    for (const key of keys) {
      const result = evaluate(ds, { standards, standard: key, detail: 'full' });
      const verdict = result[key]?.status ?? result.status;
      const id = await insertRun(tx, {
        countyCode,
        year,
        standard: key,
        inputs: ds,
        inputsSha256: sha,
        rules: standards,
        result,
        engineVersion,
        createdBy: by.id,
      });
      created.push({ id, standard: key, verdict });
    }
    for (const run of created) {
      await recordChange(
        tx,
        ctx,
        {
          action: 'evaluation.run',
          entity: 'evaluation_run',
          entityId: run.id,
          after: {
            countyCode,
            year,
            standard: run.standard,
            inputsSha256: sha,
            verdict: run.verdict,
            engineVersion,
            overrides: standards.overrides.length,
          },
        },
        by,
      );
    }
    return summariesByIds(
      tx,
      created.map((r) => r.id),
    );
  });
}

/**
 * Runs an evaluation of the county a request names (or the actor's own, schools/county.ts).
 * @returns the new runs, basic before quality
 * @throws Refusal as resolveCounty and runEvaluation do
 */
export async function evaluateCounty(
  ctx: CommandContext,
  props: Omit<RunEvaluationInput, 'countyCode' | 'standards'> & { countyCode?: string },
): Promise<RunSummary[]> {
  const county = await resolveCounty(ctx.db, ctx.actor, 'evaluationRun', props.countyCode);
  return runEvaluation(ctx, { ...props, countyCode: county.code });
}

/** A report a publication locked. */
export type LockedReport = { id: number; schoolId: string; stage: LockedReportRow['stage']; version: number };

export interface PublishResult {
  run: RunSummary;
  /** The reports locked by this publication (approved ones; already locked ones are not listed). */
  lockedReports: LockedReport[];
}

/**
 * Publishes (公示) a run: sets published_at/published_by (the row is immutable from then on, by
 * trigger) and locks every approved report of the county's open schools for the year (status
 * locked, version + 1, updated_by = the actor), in one transaction, with one audit event
 * 'report.lock' per locked report and 'evaluation.publish' last. Needs policy `publish` (the
 * county's bureau).
 *
 * Refused (nothing written) when: the run is already published (wrongState); a newer run of the
 * same county, year and standard exists (wrongState); an expected report is not approved or locked
 * (reportsOutstanding, details = OutstandingReport[], missing reports included); the data changed
 * since the run, i.e. the current dataset's SHA-256 differs from the run's (wrongState).
 * @throws Refusal notFound, notAllowed, wrongState or reportsOutstanding
 */
export async function publishRun(ctx: CommandContext, props: { id: number }): Promise<PublishResult> {
  const { id } = props;
  if (!isRunId(id)) throw runNotFound(id);
  return inTransaction(ctx.db, async (tx) => {
    const { run, by } = await lockPublishableRun(tx, ctx, id);
    const reports = await lockReadyReports(tx, run, id);
    const locked = await lockApprovedReports(tx, ctx, reports, by.id);
    const publishedAt = await markPublished(tx, id, by.id);
    await auditPublication(tx, ctx, by, { id, run, locked, publishedAt });
    const [summary] = await summariesByIds(tx, [id]);
    return {
      run: summary!,
      lockedReports: locked.map((r) => ({
        id: r.id,
        schoolId: r.school_id,
        stage: r.stage,
        version: r.version,
      })),
    };
  });
}

/**
 * The run, locked, when the actor may publish it and it is the newest unpublished run of its
 * county, year and standard; and the actor's account.
 */
async function lockPublishableRun(
  tx: Queryable,
  ctx: CommandContext,
  id: number,
): Promise<{ run: LockedRun; by: ActingUser }> {
  const run = await lockRun(tx, id);
  if (!run) throw runNotFound(id);
  requireAllowed(ctx.actor, 'publish', runResource(run.county_code, run.published_at !== null), {
    key: 'evaluation.runNotFound',
    params: { id: String(id) },
  });
  const by = await actingUser(tx, ctx.actor);
  const what = {
    year: run.year,
    nextYear: run.year + 1,
    standardName: message(`evaluation.standardName.${run.standard}`),
  };
  if (run.published_at !== null)
    throw new Refusal('wrongState', 'evaluation.alreadyPublished', { ...what, id });
  const newest = await newestRunId(tx, run);
  if (newest !== id) throw new Refusal('wrongState', 'evaluation.newerRunExists', { ...what, newest });
  return { run, by };
}

/**
 * The county's reports of the year, locked, when every expected one is approved or locked and the
 * data still hash as the run's inputs.
 */
async function lockReadyReports(tx: Queryable, run: LockedRun, id: number): Promise<CountyReportRow[]> {
  // Locked first, so no report changes between the checks below and the lock.
  const reports = await lockCountyReports(tx, run.county_code, run.year);
  const schools = await publicationSchools(tx, run.county_code, run.year);
  const outstanding = outstandingReports(
    schools,
    reports.map((r) => ({ schoolId: r.school_id, stage: r.stage, status: r.status })),
  );
  if (outstanding.length > 0) throw outstandingRefusal(outstanding);
  const current = datasetSha256(await loadCounty(tx, run.county_code, run.year));
  if (current !== run.inputs_sha256) throw new Refusal('wrongState', 'evaluation.dataChanged', { id });
  return reports;
}

/** Locks the approved reports, each first allowed by the policy and the workflow table. */
async function lockApprovedReports(
  tx: Queryable,
  ctx: CommandContext,
  reports: readonly CountyReportRow[],
  byId: number,
): Promise<LockedReportRow[]> {
  const toLock = reports.filter((r) => r.status === 'approved');
  for (const r of toLock) {
    const policy = explain(ctx.actor, 'publish', {
      kind: 'schoolReport',
      regionCode: r.region_code,
      schoolId: r.school_id,
    });
    if (!policy.allowed) throw policyRefusal(policy);
    // The workflow table stays the one authority on who may lock what.
    const d = decideTransition(
      { status: r.status, version: r.version },
      { action: 'lock', role: ctx.actor.role, expectedVersion: r.version },
    );
    if (!d.ok) {
      const code = d.code === 'notAllowed' || d.code === 'conflict' ? d.code : 'wrongState';
      throw new Refusal(code, 'evaluation.reportNotLockable', { reason: d.message });
    }
  }
  return lockReports(
    tx,
    toLock.map((r) => r.id),
    byId,
  );
}

/** One 'report.lock' event per locked report, then 'evaluation.publish'. */
async function auditPublication(
  tx: Queryable,
  ctx: CommandContext,
  by: ActingUser,
  p: { id: number; run: LockedRun; locked: readonly LockedReportRow[]; publishedAt: Date },
): Promise<void> {
  // Stored in the audit log: the catalogue's own words, not a province's.
  const reason = message('evaluation.lockedByPublication', { id: p.id });
  for (const r of p.locked) {
    await recordChange(
      tx,
      ctx,
      {
        action: 'report.lock',
        entity: 'school_report',
        entityId: r.id,
        before: { status: 'approved', version: r.version - 1, data: {} },
        after: { status: 'locked', version: r.version, data: {} },
        reason,
      },
      by,
    );
  }
  await recordChange(
    tx,
    ctx,
    {
      action: 'evaluation.publish',
      entity: 'evaluation_run',
      entityId: p.id,
      before: { publishedAt: null },
      after: {
        countyCode: p.run.county_code,
        year: p.run.year,
        standard: p.run.standard,
        inputsSha256: p.run.inputs_sha256,
        publishedAt: p.publishedAt,
        lockedReports: p.locked.length,
      },
    },
    by,
  );
}
