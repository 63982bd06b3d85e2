/**
 * @module Reports that do not exist yet (未填报): which ones the county waits for, and creating one
 * — by the school when it starts filling in, or by the bureau when it chases a school that has not
 * started (催报) or fills the report in for it (代为填报, issue 10 #23).
 *
 * Decisions:
 * - A report the county waits for is one of core's expectedReportStages of an open school registered
 *   for the year (./expectedInYear.ts, schools.ts's rule): the same definition as the dashboard's missing count
 *   and the publication check, so the review list's 未填报 rows agree with both.
 * - The school creates its report with `edit`. The bureau creates one only on the way to a workflow
 *   action it may take (remind, proxySave: `review` on the school's reports); the new report is the
 *   same empty draft a school's first save makes, audited as `report.create` with the reason, and
 *   the action follows in the same transaction — a chase never leaves a report without its
 *   reminder, and a refusal leaves nothing behind.
 * - Creating is idempotent: an existing report comes back unchanged, unaudited.
 */
import {
  type Actor,
  type PolicyAction,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGE_NAMES,
  type Stage,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { AccessError, requireAllowed } from '../platform/access.js';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../platform/queryKit.js';
import { expectedInYear, expectedReportStages, schoolStages } from '../schools/schools.js';
import { ensureSchoolYear } from '../schools/schoolYears.js';
import {
  getReport,
  isStage,
  REPORT_POLICY_ACTIONS,
  type Report,
  type ReportKey,
  reportNotFoundMessage,
  transitionReport,
} from './reports.js';

const STAGE_LABEL = (stage: string): string => STAGE_NAMES[stage as Stage] ?? String(stage);

/** The school types whose reports of each stage the county waits for (core's rule, as SQL data). */
function expectedTypesByStage(): Record<Stage, SchoolType[]> {
  const types = Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[];
  return {
    primary: types.filter((t) => expectedReportStages(t).includes('primary')),
    junior: types.filter((t) => expectedReportStages(t).includes('junior')),
  };
}

/** Each 学段 with the school types that report it, as the table `e (stage, types)`. */
function stageTypes() {
  const byStage = expectedTypesByStage();
  return sql<{
    stage: string;
    types: string[];
  }>`(VALUES ('primary', ${byStage.primary}::text[]), ('junior', ${byStage.junior}::text[]))`.as<'e'>(
    sql`e (stage, types)`,
  );
}

/**
 * The reports of a year the county waits for that have no row yet, in the columns of the review
 * list (reportLists.ts): report_id NULL, status 'missing', version 0, no dates.
 */
export function missingReports(db: Queryable, year: number) {
  return sqlOf(db)
    .selectFrom('school as s')
    .innerJoin(stageTypes(), (join) => join.on((eb) => eb('s.type', '=', eb.fn.any('e.types'))))
    .select((eb) => [
      sql<number | null>`NULL::bigint`.as('report_id'),
      's.id as school_id',
      's.name as school_name',
      's.region_code',
      sql<number>`${year}::integer`.as('year'),
      'e.stage',
      sql<string>`'missing'::text`.as('status'),
      eb.lit(0).as('version'),
      sql<Date | null>`NULL::timestamptz`.as('updated_at'),
      sql<Date | null>`NULL::timestamptz`.as('submitted_at'),
      sql<Date | null>`NULL::timestamptz`.as('reviewed_at'),
      eb.lit(false).as('proxied'),
    ])
    .where(expectedInYear(year))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('school_report as x')
            .select('x.id')
            .whereRef('x.school_id', '=', 's.id')
            .where('x.year', '=', year)
            .whereRef('x.stage', '=', 'e.stage'),
        ),
      ),
    );
}

/** Why the bureau creates a school's report: the workflow action it leads to, and its reason. */
export interface OnBehalf {
  action: 'remind' | 'proxySave';
  reason: string;
}

/**
 * Every check of creating a report, without writing: the school exists and the actor may act on
 * it, the stage is the school's, the school is open. Locks the school row (FOR SHARE) so that it
 * cannot be closed or retyped while its report is being created.
 * @returns whether the report exists already (then nothing is to be created)
 */
async function checkNewReport(
  tx: Queryable,
  actor: Actor,
  key: ReportKey,
  policyAction: PolicyAction,
): Promise<{ exists: boolean }> {
  const message = reportNotFoundMessage(key);
  const q = sqlOf(tx);
  const school = await q
    .selectFrom('school')
    .select(['type', 'status', 'region_code', 'name'])
    .where('id', '=', key.schoolId)
    .forShare()
    .executeTakeFirst();
  if (!school) throw new AccessError('notFound', message);
  // The schema's CHECK admits exactly core's SCHOOL_TYPE_NAMES.
  const s = { ...school, type: school.type as SchoolType };
  requireAllowed(
    actor,
    policyAction,
    { kind: 'schoolReport', regionCode: s.region_code, schoolId: key.schoolId },
    message,
  );
  const existing = await q
    .selectFrom('school_report')
    .select('id')
    .where('school_id', '=', key.schoolId)
    .where('year', '=', key.year)
    .where('stage', '=', key.stage)
    .executeTakeFirst();
  if (existing) return { exists: true };

  const stages = schoolStages(s.type);
  if (!stages.includes(key.stage)) {
    const has = stages.length > 0 ? `只有${stages.map(STAGE_LABEL).join('、')}学段` : '没有义务教育学段';
    throw new AccessError(
      'invalidData',
      `${s.name}（${key.schoolId}）是${SCHOOL_TYPE_NAMES[s.type]}，${has}，不能创建${STAGE_LABEL(key.stage)}报表`,
    );
  }
  if (s.status !== 'open') {
    throw new AccessError(
      'wrongState',
      `${s.name}（${key.schoolId}）已${s.status === 'merged' ? '撤并' : '停办'}，不能新建报表；如学校恢复办学，请先在学校管理中恢复`,
    );
  }
  return { exists: false };
}

/** The key's shape and year, before any query (the same refusals for every caller). */
function checkKey(key: ReportKey): void {
  if (typeof key.schoolId !== 'string') throw new AccessError('notFound', reportNotFoundMessage(key));
  if (!isStage(key.stage)) {
    throw new AccessError(
      'invalidData',
      `未知的学段“${String(key.stage)}”：学段只能是小学（primary）或初中（junior）`,
    );
  }
  checkYear(key.year);
}

/**
 * Creates an empty draft report (data {}, version 1) so the school can start filling in; returns
 * the existing report unchanged when there is one (idempotent). Creates the school year if needed.
 * A new report is audited (`report.create`) in the same transaction.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user: needs `edit` on the school's reports, or — with `onBehalf` —
 *   what the bureau's action needs (REPORT_POLICY_ACTIONS)
 * @param key school, year and 学段; `ip` is recorded in the audit event
 * @param onBehalf the bureau's reason for creating the school's report (recorded in the audit event)
 * @returns the report, as reports.ts's getReport reads it
 * @throws AccessError notFound (school missing or not visible), notAllowed (may view, not edit, or
 *   the account is disabled), invalidData (a stage the school does not have, a bad year) or
 *   wrongState (the school is merged or closed)
 */
export async function createReport(
  db: Database | Queryable,
  actor: Actor,
  key: ReportKey & { ip?: string | null },
  onBehalf?: OnBehalf,
): Promise<Report> {
  checkKey(key);
  const policyAction = onBehalf ? REPORT_POLICY_ACTIONS[onBehalf.action] : 'edit';
  return inTransaction(db, async (tx) => {
    const reportKey: ReportKey = { schoolId: key.schoolId, year: key.year, stage: key.stage };
    const { exists } = await checkNewReport(tx, actor, reportKey, policyAction);
    if (exists) return getReport(tx, actor, reportKey);
    const by = await actingUser(tx, actor);
    const q = sqlOf(tx);
    await ensureSchoolYear(tx, key.year);
    // ON CONFLICT: a concurrent create of the same report wins quietly; this one returns it.
    const created = await q
      .insertInto('school_report')
      .values({
        school_id: key.schoolId,
        year: key.year,
        stage: key.stage,
        data: jsonb({}),
        updated_by: by.id,
      })
      .onConflict((oc) => oc.columns(['school_id', 'year', 'stage']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created) return getReport(tx, actor, reportKey);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'report.create',
      entity: 'school_report',
      entityId: String(created.id),
      after: { status: 'draft', version: 1, data: {} },
      reason: onBehalf?.reason ?? null,
      ip: key.ip ?? null,
    });
    return getReport(tx, actor, reportKey);
  });
}

/**
 * Whether the bureau's action could start a report the school has not created: every check of
 * createReport, nothing written (the batch's dry run).
 * @throws AccessError as createReport
 */
export async function checkStartOnBehalf(
  db: Database | Queryable,
  actor: Actor,
  key: ReportKey,
  onBehalf: OnBehalf,
): Promise<{ exists: boolean }> {
  checkKey(key);
  return inTransaction(db, (tx) => checkNewReport(tx, actor, key, REPORT_POLICY_ACTIONS[onBehalf.action]));
}

/**
 * 催报 of a report the school has not started: creates it (empty draft, audited with the message)
 * and records the reminder the school will see, in one transaction.
 * @param input school, year, 学段, the message and the requester's address
 * @returns the report with its reminder
 * @throws AccessError as createReport; ReportError as the remind action (reports.ts)
 */
export function remindUnstartedReport(
  db: Database | Queryable,
  actor: Actor,
  input: ReportKey & { reason: string; ip?: string | null },
): Promise<Report> {
  const { reason, ip, ...key } = input;
  return inTransaction(db, async (tx) => {
    const created = await createReport(tx, actor, { ...key, ip }, { action: 'remind', reason });
    return transitionReport(tx, actor, {
      ...key,
      action: 'remind',
      expectedVersion: created.version,
      reason,
      ip,
    });
  });
}
