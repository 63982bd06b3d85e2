/**
 * @module Publishing (公示) an evaluation run: the checks that only the newest, unpublished run of
 * fully approved and unchanged data may be published, the locking of the reports it was computed
 * from, and the audit events, all in one transaction (see ./evaluations.ts for the decisions).
 */
import {
  type Actor,
  decideTransition,
  explain,
  REPORT_STATUS_NAMES,
  type ReportStatus,
  type SchoolType,
  STAGE_NAMES,
  STAGES,
  type Stage,
  type StandardKey,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { actingUser, inTransaction } from '../platform/queryKit.js';
import { expectedInYear, expectedReportStages } from '../schools/schools.js';
import type { OutstandingReport, PublishResult } from './evaluationTypes.js';
import {
  datasetSha256,
  isRunId,
  loadCounty,
  runNotFound,
  runResource,
  STANDARD_NAMES,
  summariesByIds,
} from './runRecords.js';

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
  const schools = await sqlOf(tx)
    .selectFrom('school as s')
    .leftJoin('school_year_info as i', (join) =>
      join.onRef('i.school_id', '=', 's.id').on('i.year', '=', year),
    )
    .select(['s.id', 's.name', 's.type'])
    .where((eb) =>
      eb.or([
        eb.and([eb('s.county_code', '=', countyCode), expectedInYear(year)]),
        eb.and([
          eb('s.county_code', '=', countyCode),
          eb('s.status', '=', 'open'),
          eb.exists(
            eb
              .selectFrom('school_report as r')
              .select('r.id')
              .whereRef('r.school_id', '=', 's.id')
              .where('r.year', '=', year),
          ),
        ]),
      ]),
    )
    .orderBy('i.roster_position', (ob) => ob.asc().nullsLast())
    .orderBy('s.id')
    .execute();
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
  for (const s of schools) {
    const have = bySchool.get(s.id) ?? new Map<Stage, ReportStatus>();
    // The schema's CHECK admits exactly core's SCHOOL_TYPE_NAMES.
    const expected = new Set<Stage>([...expectedReportStages(s.type as SchoolType), ...have.keys()]);
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

/** The run being published, locked for the transaction. */
async function lockRun(tx: Queryable, id: number) {
  const run = await sqlOf(tx)
    .selectFrom('evaluation_run')
    .select(['county_code', 'year', 'standard', 'inputs_sha256', 'published_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  // The schema's CHECK admits exactly core's standard keys.
  return run && { ...run, standard: run.standard as StandardKey };
}

type RunRow = NonNullable<Awaited<ReturnType<typeof lockRun>>>;

/** The county's reports of a year at the open schools, locked, in id order. */
async function lockCountyReports(tx: Queryable, countyCode: string, year: number) {
  const rows = await sqlOf(tx)
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select(['r.id', 'r.school_id', 'r.stage', 'r.status', 'r.version', 's.region_code'])
    .where('s.county_code', '=', countyCode)
    .where('r.year', '=', year)
    .where('s.status', '=', 'open')
    .orderBy('r.id')
    .forUpdate('r')
    .execute();
  // The schema's CHECKs admit exactly core's STAGES and REPORT_STATUSES.
  return rows.map((r) => ({ ...r, stage: r.stage as Stage, status: r.status as ReportStatus }));
}

type ReportRow = Awaited<ReturnType<typeof lockCountyReports>>[number];

/** Locks the approved reports among `ids` (status locked, version + 1); in id order. */
async function lockReports(tx: Queryable, ids: readonly number[], byId: number) {
  const rows = await sqlOf(tx)
    .updateTable('school_report')
    .set((eb) => ({
      status: 'locked',
      version: eb('version', '+', 1),
      updated_by: byId,
      updated_at: sql<Date>`now()`,
    }))
    .where((eb) => eb('id', '=', eb.fn.any(sql<number[]>`${ids}::bigint[]`)))
    .where('status', '=', 'approved')
    .returning(['id', 'school_id', 'stage', 'version'])
    .execute();
  // The schema's CHECK admits exactly core's STAGES.
  return rows.map((r) => ({ ...r, stage: r.stage as Stage })).sort((a, b) => a.id - b.id);
}

/** A report publishRun locked, as the UPDATE returns it. */
type LockedRow = Awaited<ReturnType<typeof lockReports>>[number];

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
    const { run, by } = await lockPublishableRun(tx, actor, id);
    const reports = await lockReadyReports(tx, run, id);
    const locked = await lockApprovedReports(tx, actor, reports, by.id);
    const published = await sqlOf(tx)
      .updateTable('evaluation_run')
      .set({ published_at: sql<Date>`now()`, published_by: by.id })
      .where('id', '=', id)
      .returning('published_at')
      .$narrowType<{ published_at: Date }>()
      .executeTakeFirstOrThrow();
    await auditPublication(tx, by, id, run, locked, published.published_at, opts.ip ?? null);

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
  actor: Actor,
  id: number,
): Promise<{ run: RunRow; by: { id: number; username: string } }> {
  const run = await lockRun(tx, id);
  if (!run) throw new AccessError('notFound', runNotFound(id));
  requireAllowed(actor, 'publish', runResource(run.county_code, run.published_at !== null), runNotFound(id));
  const by = await actingUser(tx, actor);
  const what = `${run.year}—${run.year + 1}学年${STANDARD_NAMES[run.standard]}评估结果`;
  if (run.published_at !== null) {
    throw new AccessError('wrongState', `该${what}（编号 ${id}）已经发布，不能重复发布`);
  }
  const newest = await sqlOf(tx)
    .selectFrom('evaluation_run')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('county_code', '=', run.county_code)
    .where('year', '=', run.year)
    .where('standard', '=', run.standard)
    .executeTakeFirstOrThrow();
  if (newest.id !== id) {
    throw new AccessError(
      'wrongState',
      `已有更新的${what}（编号 ${newest.id}）：只能发布最新一次评估的结果，请发布最新结果或重新运行评估`,
    );
  }
  return { run, by };
}

/**
 * The county's reports of the year, locked, when every expected one is approved or locked and the
 * data still hash as the run's inputs.
 */
async function lockReadyReports(tx: Queryable, run: RunRow, id: number): Promise<ReportRow[]> {
  // Locked first, so no report changes between the checks below and the lock.
  const reports = await lockCountyReports(tx, run.county_code, run.year);
  const outstanding = await outstandingReports(tx, run.county_code, run.year, reports);
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
  return reports;
}

/** Locks the approved reports, each first allowed by the policy and the workflow table. */
async function lockApprovedReports(
  tx: Queryable,
  actor: Actor,
  reports: readonly ReportRow[],
  byId: number,
): Promise<LockedRow[]> {
  const toLock = reports.filter((r) => r.status === 'approved');
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
  return toLock.length === 0
    ? []
    : lockReports(
        tx,
        toLock.map((r) => r.id),
        byId,
      );
}

/** One 'report.lock' event per locked report, then 'evaluation.publish'. */
async function auditPublication(
  tx: Queryable,
  by: { id: number; username: string },
  id: number,
  run: RunRow,
  locked: readonly LockedRow[],
  publishedAt: Date,
  ip: string | null,
): Promise<void> {
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
      ip,
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
      publishedAt,
      lockedReports: locked.length,
    },
    ip,
  });
}
