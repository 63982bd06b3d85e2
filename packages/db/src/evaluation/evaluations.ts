/**
 * @module Evaluation runs (评估) the HTTP API calls: run core's evaluate on a county's dataset and
 * keep the run (inputs, their SHA-256, rules, result, engine version) so it can be reproduced;
 * list and read runs within the actor's scope; publish (公示) a run, which locks the reports it was
 * computed from; and the public reads of published runs. Each write is one transaction: the policy
 * check (core's explain through requireAllowed), the reads and writes, and the audit events last.
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
import { createHash } from 'node:crypto';
import {
  type Actor,
  type CountyDataset,
  datasetChanges,
  decideTransition,
  type EvaluationResult,
  evaluate,
  explain,
  formatValidationIssue,
  type IndicatorId,
  type ListScope,
  nationalStandards,
  REPORT_STATUS_NAMES,
  type ReportStatus,
  type Resource,
  type SchoolType,
  STAGE_NAMES,
  STAGES,
  type Stage,
  type StandardChoice,
  type StandardKey,
  type StandardSet,
  type Status,
  validateDataset,
  visibleRegionPrefix,
} from '@junheng/core';
import { appendAudit, canonicalJson } from '../audit/audit.js';
import { AccessError, requireAllowed } from '../platform/access.js';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { paging } from '../platform/queryKit.js';
import { DatasetError, loadDataset } from '../schools/datasets.js';
import { expectedInYearSql, expectedReportStages } from '../schools/schools.js';

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
export interface OutstandingReport {
  schoolId: string;
  schoolName: string;
  stage: Stage;
  status: Exclude<ReportStatus, 'approved' | 'locked'> | 'missing';
}

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

const STANDARD_NAMES: Record<StandardKey, string> = { basic: '基本均衡', quality: '优质均衡' };
const STANDARDS_OF: Record<StandardChoice, readonly StandardKey[]> = {
  basic: ['basic'],
  quality: ['quality'],
  both: ['basic', 'quality'],
};

interface SummaryRow {
  id: number;
  county_code: string;
  county_name: string;
  year: number;
  standard: StandardKey;
  created_at: Date;
  created_by: number | null;
  created_by_name: string | null;
  published_at: Date | null;
  published_by_name: string | null;
  inputs_sha256: string;
  verdict: Status;
  engine_version: string;
}

// The verdict is read out of the stored result in SQL, so lists never load whole results.
const SUMMARY_SELECT = `SELECT e.id, e.county_code, g.name AS county_name, e.year, e.standard, e.created_at,
       e.created_by, cu.display_name AS created_by_name, e.published_at, pu.display_name AS published_by_name,
       e.inputs_sha256, coalesce(e.result -> e.standard ->> 'status', e.result ->> 'status') AS verdict,
       e.engine_version
  FROM evaluation_run e
  JOIN region g ON g.code = e.county_code
  LEFT JOIN app_user cu ON cu.id = e.created_by
  LEFT JOIN app_user pu ON pu.id = e.published_by`;

function toSummary(r: SummaryRow): RunSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    countyName: r.county_name,
    year: r.year,
    standard: r.standard,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    publishedAt: r.published_at,
    publishedByName: r.published_by_name,
    inputsSha256: r.inputs_sha256,
    verdict: r.verdict,
    engineVersion: r.engine_version,
  };
}

function runResource(countyCode: string, published: boolean): Resource {
  return { kind: 'evaluationRun', regionCode: countyCode, published };
}

const runNotFound = (id: unknown) => `没有找到编号为 ${String(id)} 的评估结果，或您无权查看该结果`;
const countyNotFound = (code: string) => `没有找到县级行政区划 ${code}，或您无权访问该县的数据`;

function inTransaction<T>(db: Database | Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db ? db.transaction(fn) : fn(db);
}

/** The SHA-256 of a dataset's canonical JSON: what inputs_sha256 holds. */
function datasetSha256(ds: CountyDataset): string {
  return createHash('sha256').update(canonicalJson(ds), 'utf8').digest('hex');
}

/** The signed-in user's row; a deleted or disabled account writes nothing. */
async function activeUser(tx: Queryable, actor: Actor): Promise<{ id: number; username: string }> {
  const id = /^[1-9][0-9]{0,15}$/.test(actor.id) ? Number(actor.id) : null;
  const { rows } =
    id === null
      ? { rows: [] }
      : await tx.query<{ id: number; username: string }>(
          'SELECT id, username FROM app_user WHERE id = $1 AND disabled_at IS NULL',
          [id],
        );
  if (!rows[0]) throw new AccessError('notAllowed', '账号不存在或已停用，请重新登录');
  return rows[0];
}

function isRunId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 1;
}

function isYear(year: unknown): year is number {
  return typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2100;
}

/** Loads the county's dataset; a county the database does not have is notFound. */
async function loadCounty(tx: Queryable, countyCode: string, year: number): Promise<CountyDataset> {
  try {
    return await loadDataset(tx, countyCode, year);
  } catch (err) {
    if (err instanceof DatasetError && err.code === 'countyNotFound') {
      throw new AccessError('notFound', countyNotFound(countyCode));
    }
    throw err;
  }
}

/** Validation issues as response details: where (school when known), and the message. */
function issueDetails(ds: CountyDataset, issues: ReturnType<typeof validateDataset>['issues']) {
  return issues.map((issue) => {
    const index = /^schools\[(\d+)\]/.exec(issue.path)?.[1];
    const school = index === undefined ? undefined : ds.schools[Number(index)];
    return {
      path: issue.path,
      schoolId: school?.id ?? null,
      schoolName: school?.name ?? null,
      message: formatValidationIssue(issue),
    };
  });
}

async function summariesByIds(q: Queryable, ids: readonly number[]): Promise<RunSummary[]> {
  const { rows } = await q.query<SummaryRow>(
    `${SUMMARY_SELECT} WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
    [ids],
  );
  return rows.map(toSummary);
}

/**
 * Evaluates a county's data of one school year and stores the run(s): one evaluation_run row per
 * standard with the dataset read (inputs), its SHA-256, the standard tables used (rules), core's
 * result (detail 'full') and the engine version; one audit event 'evaluation.run' per row. One
 * transaction. Needs policy `evaluate` on the county (bureau or inspector of the county).
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user
 * @param input county, year, 'basic' | 'quality' | 'both', optional standard tables, engine version
 * @returns the new runs, basic before quality
 * @throws AccessError notFound (county unknown or not visible), notAllowed, invalidData (bad
 *   arguments, no schools for the year, or data core's validator rejects: details = the issues)
 */
export function runEvaluation(
  db: Database | Queryable,
  actor: Actor,
  input: RunEvaluationInput,
): Promise<RunSummary[]> {
  const { countyCode, year, standard } = input;
  if (typeof countyCode !== 'string') {
    return Promise.reject(new AccessError('notFound', countyNotFound(String(countyCode))));
  }
  if (!isYear(year)) {
    return Promise.reject(new AccessError('invalidData', `学年应为 2000 到 2100 之间的年份，收到 ${year}`));
  }
  if (!Object.hasOwn(STANDARDS_OF, standard)) {
    return Promise.reject(
      new AccessError('invalidData', '评估标准应为 basic（基本均衡）、quality（优质均衡）或 both（两者）'),
    );
  }
  const engineVersion = typeof input.engineVersion === 'string' ? input.engineVersion.trim() : '';
  if (engineVersion === '') {
    return Promise.reject(new AccessError('invalidData', '缺少评估引擎版本号（engineVersion）'));
  }
  try {
    requireAllowed(actor, 'evaluate', runResource(countyCode, false), countyNotFound(countyCode));
  } catch (err) {
    return Promise.reject(err);
  }
  const standards = input.standards ?? nationalStandards();

  return inTransaction(db, async (tx) => {
    const by = await activeUser(tx, actor);
    const ds = await loadCounty(tx, countyCode, year);
    if (ds.schools.length === 0) {
      throw new AccessError(
        'invalidData',
        `${ds.county.name} ${year}—${year + 1}学年还没有任何学校的数据：请先导入或填报本学年的学校报表，再运行评估`,
      );
    }
    const validation = validateDataset(ds, { standards });
    if (validation.issues.length > 0) {
      throw new AccessError(
        'invalidData',
        `${ds.county.name} ${year}—${year + 1}学年的数据有 ${validation.issues.length} 处问题，无法评估：请按明细修改相应报表后重新运行`,
        issueDetails(ds, validation.issues),
      );
    }
    const sha = datasetSha256(ds);
    const created: { id: number; standard: StandardKey; verdict: Status }[] = [];
    for (const key of STANDARDS_OF[standard]) {
      const result = evaluate(ds, { standards, standard: key, detail: 'full' });
      const verdict = result[key]?.status ?? result.status;
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO evaluation_run (county_code, year, standard, inputs, inputs_sha256, rules, result,
                                     engine_version, created_by)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7::jsonb, $8, $9) RETURNING id`,
        [countyCode, year, key, jsonb(ds), sha, jsonb(standards), jsonb(result), engineVersion, by.id],
      );
      created.push({ id: rows[0]!.id, standard: key, verdict });
    }
    for (const run of created) {
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: 'evaluation.run',
        entity: 'evaluation_run',
        entityId: String(run.id),
        after: {
          countyCode,
          year,
          standard: run.standard,
          inputsSha256: sha,
          verdict: run.verdict,
          engineVersion,
          overrides: standards.overrides.length,
        },
        ip: input.ip ?? null,
      });
    }
    return summariesByIds(
      tx,
      created.map((r) => r.id),
    );
  });
}

/** `WHERE` condition for the runs a ListScope admits (parameters appended to `params`). */
function scopeCondition(scope: ListScope, params: unknown[]): string {
  const admit: string[] = [];
  if (scope.scope === 'all') admit.push('TRUE');
  if (scope.scope === 'region') {
    params.push(scope.prefix);
    admit.push(`e.county_code LIKE $${params.length} || '%'`);
  }
  // scope 'school': a county-wide run belongs to no school (see the module comment); 'none': nothing.
  if (scope.alsoPublished) admit.push('e.published_at IS NOT NULL');
  return admit.length > 0 ? `(${admit.join(' OR ')})` : 'FALSE';
}

/**
 * Lists evaluation runs the actor may see, newest first: those of counties in the actor's view
 * scope (core visibleRegionPrefix for evaluationRun), plus published ones when the policy makes
 * published runs visible to the actor.
 * @param db the database or a transaction handle
 * @param actor the signed-in user (or PUBLIC_ACTOR)
 * @param query optional county, year and standard filters; page (from 1) and pageSize
 * @returns one page and the total count
 * @throws AccessError invalidData for a page or pageSize that is not a positive integer, or a bad year
 */
export async function listRuns(
  db: Database | Queryable,
  actor: Actor,
  query: ListRunsQuery = {},
): Promise<RunList> {
  // Paging as every list of the API does it (queryKit): a too large page size is lowered, not refused.
  const { page, pageSize, offset } = paging(query);
  if (query.year !== undefined && !isYear(query.year)) {
    throw new AccessError('invalidData', `学年应为 2000 到 2100 之间的年份，收到 ${query.year}`);
  }
  const params: unknown[] = [];
  const where = [scopeCondition(visibleRegionPrefix(actor, 'evaluationRun'), params)];
  if (query.countyCode !== undefined) {
    params.push(query.countyCode);
    where.push(`e.county_code = $${params.length}`);
  }
  if (query.year !== undefined) {
    params.push(query.year);
    where.push(`e.year = $${params.length}`);
  }
  if (query.standard !== undefined) {
    params.push(query.standard);
    where.push(`e.standard = $${params.length}`);
  }
  const condition = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM evaluation_run e WHERE ${condition}`,
    params,
  );
  const { rows } = await db.query<SummaryRow>(
    `${SUMMARY_SELECT} WHERE ${condition} ORDER BY e.created_at DESC, e.id DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, pageSize, offset],
  );
  return { items: rows.map(toSummary), total: total.rows[0]!.n, page, pageSize };
}

/**
 * Reads one run with its inputs, rules and result.
 * @param db the database or a transaction handle
 * @param actor the signed-in user (or PUBLIC_ACTOR)
 * @param id evaluation_run.id
 * @throws AccessError notFound when it does not exist or the actor may not view it (same answer)
 */
export async function getRun(db: Database | Queryable, actor: Actor, id: number): Promise<RunDetail> {
  if (!isRunId(id)) throw new AccessError('notFound', runNotFound(id));
  const { rows } = await db.query<
    SummaryRow & { inputs: CountyDataset; rules: StandardSet; result: EvaluationResult }
  >(
    `${SUMMARY_SELECT.replace('SELECT e.id,', 'SELECT e.inputs, e.rules, e.result, e.id,')} WHERE e.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', runNotFound(id));
  requireAllowed(actor, 'view', runResource(row.county_code, row.published_at !== null), runNotFound(id));
  return { ...toSummary(row), inputs: row.inputs, rules: row.rules, result: row.result };
}

/** Whether a run still describes the county's data (issue 10 #27: out-of-date runs are marked). */
export interface RunFreshness {
  /** False: 已过期 — school reports or county items changed after the run. */
  current: boolean;
  /** What changed since the run (core datasetChanges), empty when current. */
  reasons: string[];
}

/**
 * Compares a run's inputs with the county's data now, by the same SHA-256 publishRun checks, and
 * says what changed.
 * @param db the database or a transaction handle
 * @param run a run the caller has read (getRun checked that the actor may view it)
 * @returns current, or the reasons it is out of date
 */
export async function runFreshness(db: Database | Queryable, run: RunDetail): Promise<RunFreshness> {
  const now = await loadCounty(db, run.countyCode, run.year);
  if (datasetSha256(now) === run.inputsSha256) return { current: true, reasons: [] };
  const reasons = datasetChanges(run.inputs, now);
  return { current: false, reasons: reasons.length > 0 ? reasons : ['运行之后数据有改动'] };
}

/**
 * The runs of a list that are out of date: the county's data of their year hashes differently
 * now. One dataset read per county and year of the list.
 * @param db the database or a transaction handle
 * @param runs runs the actor may view (from listRuns)
 * @returns the ids of the runs whose data changed since
 */
export async function staleRunIds(
  db: Database | Queryable,
  runs: readonly Pick<RunSummary, 'id' | 'countyCode' | 'year' | 'inputsSha256'>[],
): Promise<Set<number>> {
  const current = new Map<string, string>();
  const stale = new Set<number>();
  for (const r of runs) {
    const key = `${r.countyCode}/${r.year}`;
    let sha = current.get(key);
    if (sha === undefined) {
      sha = datasetSha256(await loadCounty(db, r.countyCode, r.year));
      current.set(key, sha);
    }
    if (sha !== r.inputsSha256) stale.add(r.id);
  }
  return stale;
}

interface ReportRow {
  id: number;
  school_id: string;
  stage: Stage;
  status: ReportStatus;
  version: number;
  region_code: string;
}

/**
 * Every report of the county's open schools for the year that is not approved or locked, and every
 * expected one that is missing (see the module comment), in the year's roster order (schools with
 * nothing for the year last).
 */
async function outstandingReports(
  tx: Queryable,
  countyCode: string,
  year: number,
  reports: readonly ReportRow[],
): Promise<OutstandingReport[]> {
  const schools = await tx.query<{ id: string; name: string; type: SchoolType }>(
    `SELECT s.id, s.name, s.type
       FROM school s LEFT JOIN school_year_info i ON i.school_id = s.id AND i.year = $2
      WHERE s.county_code = $1 AND ${expectedInYearSql('$2')}
         OR s.county_code = $1 AND s.status = 'open'
            AND EXISTS (SELECT 1 FROM school_report r WHERE r.school_id = s.id AND r.year = $2)
      ORDER BY i.roster_position NULLS LAST, s.id`,
    [countyCode, year],
  );
  const bySchool = new Map<string, Map<Stage, ReportStatus>>();
  for (const r of reports) {
    let m = bySchool.get(r.school_id);
    if (!m) {
      m = new Map();
      bySchool.set(r.school_id, m);
    }
    m.set(r.stage, r.status);
  }
  const out: OutstandingReport[] = [];
  for (const s of schools.rows) {
    const have = bySchool.get(s.id) ?? new Map<Stage, ReportStatus>();
    const expected = new Set<Stage>([...expectedReportStages(s.type), ...have.keys()]);
    for (const stage of STAGES) {
      if (!expected.has(stage)) continue;
      const status = have.get(stage);
      if (status === 'approved' || status === 'locked') continue;
      out.push({ schoolId: s.id, schoolName: s.name, stage, status: status ?? 'missing' });
    }
  }
  return out;
}

function outstandingMessage(list: readonly OutstandingReport[]): string {
  const counts = new Map<string, number>();
  for (const r of list) {
    const name = r.status === 'missing' ? '未填报' : REPORT_STATUS_NAMES[r.status];
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const parts = [...counts].map(([name, n]) => `${name} ${n} 份`).join('、');
  const first = list
    .slice(0, 3)
    .map((r) => `${r.schoolName}（${STAGE_NAMES[r.stage]}）`)
    .join('、');
  return `还有 ${list.length} 份报表未审核通过（${parts}），如${first}${list.length > 3 ? '等' : ''}：全部报表审核通过后才能发布评估结果`;
}

/**
 * Publishes (公示) a run: sets published_at/published_by (the row is immutable from then on, by
 * trigger) and locks every approved report of the county's open schools for the year (status
 * locked, version + 1, updated_by = the actor), in one transaction, with one audit event
 * 'report.lock' per locked report and 'evaluation.publish' last. Needs policy `publish` (the
 * county's bureau).
 *
 * Refused (nothing written) when: the run is already published (wrongState); a newer run of the
 * same county, year and standard exists — only the newest may be published (wrongState); an
 * expected report is not approved or locked (reportsOutstanding, details = OutstandingReport[],
 * missing reports included); the data changed since the run, i.e. the current dataset's SHA-256
 * differs from the run's (wrongState: re-run the evaluation first).
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user
 * @param id evaluation_run.id
 * @param opts the client's IP for the audit log
 * @throws AccessError notFound, notAllowed, wrongState or reportsOutstanding
 */
export function publishRun(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  opts: { ip?: string | null } = {},
): Promise<PublishResult> {
  if (!isRunId(id)) return Promise.reject(new AccessError('notFound', runNotFound(id)));
  return inTransaction(db, async (tx) => {
    const found = await tx.query<{
      county_code: string;
      year: number;
      standard: StandardKey;
      inputs_sha256: string;
      published_at: Date | null;
    }>(
      'SELECT county_code, year, standard, inputs_sha256, published_at FROM evaluation_run WHERE id = $1 FOR UPDATE',
      [id],
    );
    const run = found.rows[0];
    if (!run) throw new AccessError('notFound', runNotFound(id));
    requireAllowed(
      actor,
      'publish',
      runResource(run.county_code, run.published_at !== null),
      runNotFound(id),
    );
    const by = await activeUser(tx, actor);
    const what = `${run.year}—${run.year + 1}学年${STANDARD_NAMES[run.standard]}评估结果`;
    if (run.published_at !== null) {
      throw new AccessError('wrongState', `该${what}（编号 ${id}）已经发布，不能重复发布`);
    }
    const newest = await tx.query<{ id: number }>(
      `SELECT max(id) AS id FROM evaluation_run WHERE county_code = $1 AND year = $2 AND standard = $3`,
      [run.county_code, run.year, run.standard],
    );
    if (newest.rows[0]!.id !== id) {
      throw new AccessError(
        'wrongState',
        `已有更新的${what}（编号 ${newest.rows[0]!.id}）：只能发布最新一次评估的结果，请发布最新结果或重新运行评估`,
      );
    }

    // Locked first, so no report changes between the checks below and the lock.
    const reports = await tx.query<ReportRow>(
      `SELECT r.id, r.school_id, r.stage, r.status, r.version, s.region_code
         FROM school_report r JOIN school s ON s.id = r.school_id
        WHERE s.county_code = $1 AND r.year = $2 AND s.status = 'open'
        ORDER BY r.id
          FOR UPDATE OF r`,
      [run.county_code, run.year],
    );
    const outstanding = await outstandingReports(tx, run.county_code, run.year, reports.rows);
    if (outstanding.length > 0) {
      throw new AccessError('reportsOutstanding', outstandingMessage(outstanding), outstanding);
    }
    const current = datasetSha256(await loadCounty(tx, run.county_code, run.year));
    if (current !== run.inputs_sha256) {
      throw new AccessError(
        'wrongState',
        `运行该评估（编号 ${id}）之后，学校报表或县级指标已有改动，该结果已不代表当前数据：请重新运行评估，再发布新的结果`,
      );
    }

    const toLock = reports.rows.filter((r) => r.status === 'approved');
    for (const r of toLock) {
      const policy = explain(actor, 'publish', {
        kind: 'schoolReport',
        regionCode: r.region_code,
        schoolId: r.school_id,
      });
      if (!policy.allowed) throw new AccessError('notAllowed', policy.reason, undefined, policy.rule);
      // The workflow table stays the one authority on who may lock what.
      const d = decideTransition(
        { status: r.status, version: r.version },
        { action: 'lock', role: actor.role, expectedVersion: r.version },
      );
      if (!d.ok) {
        throw new AccessError(
          d.code === 'notAllowed' || d.code === 'conflict' ? d.code : 'wrongState',
          d.message,
        );
      }
    }
    const locked =
      toLock.length === 0
        ? []
        : (
            await tx.query<{ id: number; school_id: string; stage: Stage; version: number }>(
              `UPDATE school_report SET status = 'locked', version = version + 1, updated_by = $2, updated_at = now()
                WHERE id = ANY($1::bigint[]) AND status = 'approved'
                RETURNING id, school_id, stage, version`,
              [toLock.map((r) => r.id), by.id],
            )
          ).rows.sort((a, b) => a.id - b.id);
    const published = await tx.query<{ published_at: Date }>(
      'UPDATE evaluation_run SET published_at = now(), published_by = $2 WHERE id = $1 RETURNING published_at',
      [id, by.id],
    );

    const reason = `发布评估结果（编号 ${id}）时锁定`;
    for (const r of locked) {
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: 'report.lock',
        entity: 'school_report',
        entityId: String(r.id),
        before: { status: 'approved', version: r.version - 1, data: {} },
        after: { status: 'locked', version: r.version, data: {} },
        reason,
        ip: opts.ip ?? null,
      });
    }
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'evaluation.publish',
      entity: 'evaluation_run',
      entityId: String(id),
      before: { publishedAt: null },
      after: {
        countyCode: run.county_code,
        year: run.year,
        standard: run.standard,
        inputsSha256: run.inputs_sha256,
        publishedAt: published.rows[0]!.published_at,
        lockedReports: locked.length,
      },
      ip: opts.ip ?? null,
    });

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
 * Counties with published results, for the public page (no actor: published results are public).
 * @param db the database or a transaction handle
 * @returns each county with the years it has a published run for, newest year first; counties by code
 */
export async function listPublishedCounties(
  db: Database | Queryable,
): Promise<{ code: string; name: string; years: number[] }[]> {
  const { rows } = await db.query<{ code: string; name: string; year: number }>(
    `SELECT DISTINCT e.county_code AS code, g.name, e.year
       FROM evaluation_run e JOIN region g ON g.code = e.county_code
      WHERE e.published_at IS NOT NULL
      ORDER BY e.county_code, e.year DESC`,
  );
  const out: { code: string; name: string; years: number[] }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last?.code === r.code) last.years.push(r.year);
    else out.push({ code: r.code, name: r.name, years: [r.year] });
  }
  return out;
}

/**
 * The newest published run of a county, year and standard, for the public (no actor). Without
 * who ran or published it: account names are not public.
 * @param db the database or a transaction handle
 * @returns the run with its result, or null when none is published
 */
export async function getPublishedRun(
  db: Database | Queryable,
  countyCode: string,
  year: number,
  standard: StandardKey,
): Promise<PublishedRun | null> {
  const { rows } = await db.query<SummaryRow & { result: EvaluationResult }>(
    `${SUMMARY_SELECT.replace('SELECT e.id,', 'SELECT e.result, e.id,')}
      WHERE e.county_code = $1 AND e.year = $2 AND e.standard = $3 AND e.published_at IS NOT NULL
      ORDER BY e.published_at DESC, e.id DESC LIMIT 1`,
    [countyCode, year, standard],
  );
  const row = rows[0];
  if (!row) return null;
  const { createdBy: _c, createdByName: _cn, publishedByName: _pn, ...summary } = toSummary(row);
  return { ...summary, publishedAt: row.published_at!, result: row.result };
}

interface StageJson {
  stage: Stage;
  coefficients: {
    indicator: IndicatorId;
    name: string;
    cv: number | null;
    threshold: number | null;
    status: Status;
  }[];
  composite?: { value: number | null; threshold: number; status: Status };
}

function trendCoefficients(standard: StandardKey, stages: readonly StageJson[] | null): TrendCoefficient[] {
  const out: TrendCoefficient[] = [];
  for (const s of stages ?? []) {
    for (const c of s.coefficients) {
      out.push({
        stage: s.stage,
        indicator: c.indicator,
        name: c.name,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      });
    }
    // 基本均衡 judges each stage by its composite coefficient: the figure a trend most needs.
    if (standard === 'basic' && s.composite) {
      out.push({
        stage: s.stage,
        indicator: 'composite',
        name: '综合差异系数',
        cv: s.composite.value,
        threshold: s.composite.threshold,
        status: s.composite.status,
      });
    }
  }
  return out;
}

/**
 * A county's difference coefficients over the years: for each year and standard, the newest
 * published run, or the newest run when none is published. Actors who may see only published runs
 * (by the policy) get only published ones.
 * @param db the database or a transaction handle
 * @param actor the signed-in user
 * @param countyCode the county
 * @returns oldest year first, basic before quality
 * @throws AccessError notFound when the county does not exist or the actor may not view it
 */
export async function countyTrend(
  db: Database | Queryable,
  actor: Actor,
  countyCode: string,
): Promise<TrendPoint[]> {
  const all = explain(actor, 'view', runResource(countyCode, false));
  const onlyPublished = !all.allowed && explain(actor, 'view', runResource(countyCode, true)).allowed;
  if (!all.allowed && !onlyPublished) {
    throw new AccessError('notFound', countyNotFound(countyCode), undefined, all.rule);
  }
  const county = await db.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [
    countyCode,
    'county',
  ]);
  if (county.rows.length === 0) throw new AccessError('notFound', countyNotFound(countyCode));
  const { rows } = await db.query<{
    id: number;
    year: number;
    standard: StandardKey;
    published: boolean;
    verdict: Status;
    stages: StageJson[] | null;
    schools: { total: number; met: number; unmet: number; incomplete: number };
  }>(
    `SELECT DISTINCT ON (e.year, e.standard) e.id, e.year, e.standard, e.published_at IS NOT NULL AS published,
            coalesce(e.result -> e.standard ->> 'status', e.result ->> 'status') AS verdict,
            e.result -> e.standard -> 'stages' AS stages,
            (SELECT jsonb_build_object(
                      'total', count(*),
                      'met', count(*) FILTER (WHERE s ->> 'status' = 'met'),
                      'unmet', count(*) FILTER (WHERE s ->> 'status' = 'unmet'),
                      'incomplete', count(*) FILTER (WHERE s ->> 'status' = 'incomplete'))
               FROM jsonb_array_elements(
                      CASE WHEN e.standard = 'quality'
                            AND jsonb_typeof(e.result -> 'quality' -> 'schools') = 'array'
                           THEN e.result -> 'quality' -> 'schools' ELSE '[]'::jsonb END) s) AS schools
       FROM evaluation_run e
      WHERE e.county_code = $1 ${onlyPublished ? 'AND e.published_at IS NOT NULL' : ''}
      ORDER BY e.year, e.standard, (e.published_at IS NOT NULL) DESC, e.id DESC`,
    [countyCode],
  );
  return rows.map((r) => ({
    year: r.year,
    standard: r.standard,
    runId: r.id,
    published: r.published,
    verdict: r.verdict,
    coefficients: trendCoefficients(r.standard, r.stages),
    schools: r.schools.total > 0 ? r.schools : null,
  }));
}
