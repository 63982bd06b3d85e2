/**
 * @module 指标到校: a quality high school's places allocated to the county's junior schools (core
 * allocateQuota: largest remainder, rural tilt, minimum per school), saved with the inputs the
 * bureau confirmed so the calculation can be shown again, and changed with version checks.
 *
 * Decisions:
 * - County-wide: kind admissionPlan of the county, no schoolId. The bureau edits (bureau.admission);
 *   inspectors and city users read; schools do not see it here (the public notice is the bureau's).
 * - Graduates (应届毕业生数): the school reports hold no 初三 count, only 初中在校生数 (StageReport
 *   `students`). {@link quotaSchools} pre-fills graduates as round(初中在校生数 ÷ 3), marked
 *   `estimated`, and the bureau corrects the figures on the page (or in the file for the CLI)
 *   before saving; what was saved is what the allocation used.
 * - 乡村 is the register's 城乡类型 (school.locality = rural), read from the database on every
 *   preview and save: a client cannot mark a town school rural to tilt places towards it (the
 *   register is changed by the bureau's school registry, audited there). The saved inputs keep the
 *   flag as it was used.
 * - Every change is one transaction with its audit event; an update naming an older version is
 *   refused (409 conflict).
 */
import {
  type Actor,
  allocateQuota,
  QUOTA_SHARE_2017,
  type QuotaAllocation,
  type QuotaSchool,
  resourceRegionLevel,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';
import { ensureSchoolYear } from '../../schools/schoolYears.js';
import { loadRow, quotaNotFound, quotaRows, summaryOf, typedRow, viewOf } from './quotaRecords.js';

/** A junior school as the quota page starts from. */
export interface QuotaSchoolRow {
  schoolId: string;
  name: string;
  rural: boolean;
  /** 初中在校生数 of the report used (null when not reported). */
  juniorStudents: number | null;
  /** The school year of that report. */
  reportYear: number | null;
  /** Graduates: round(juniorStudents ÷ 3), an estimate for the bureau to confirm. */
  graduates: number;
  estimated: true;
}

/** One school of a saved allocation's inputs: name and 乡村 from the register. */
export interface QuotaInputSchool {
  schoolId: string;
  name: string;
  graduates: number;
  rural: boolean;
}

/** One school as the bureau submits it: which school and its (confirmed) graduates. */
export interface QuotaSchoolInput {
  schoolId: string;
  /** Ignored: the register's name is used. */
  name?: string;
  graduates: number;
}

/** The allocation's parameters as submitted. */
export interface QuotaParams {
  highSchoolName: string;
  /** 招生计划总数. */
  places: number;
  /** 指标到校比例 (0–1), at least QUOTA_SHARE_2017.minShare. */
  share: number;
  /** 乡村学校倾斜系数 (≥ 1). */
  ruralTilt: number;
  /** 每校最低名额. */
  minimum: number;
  schools: QuotaSchoolInput[];
}

export interface QuotaInput extends QuotaParams {
  countyCode: string;
  year: number;
}

export interface QuotaAllocationSummary {
  id: number;
  countyCode: string;
  year: number;
  highSchoolName: string;
  places: number;
  share: number;
  ruralTilt: number;
  minimum: number;
  /** Places allocated to the junior schools. */
  allocated: number;
  schools: number;
  version: number;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface QuotaAllocationView extends QuotaAllocationSummary {
  inputs: QuotaInputSchool[];
  result: QuotaAllocation;
}

const CONFLICT = '该指标分配方案已被他人修改：请刷新后在最新版本上修改，您的改动未保存';

async function checkCounty(db: Queryable, actor: Actor, countyCode: string, action: 'view' | 'edit') {
  const message = quotaNotFound(`县 ${String(countyCode)} 的指标到校方案`);
  if (resourceRegionLevel(countyCode) !== 'county') throw new AccessError('notFound', message);
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: countyCode }, message);
  const county = await sqlOf(db)
    .selectFrom('region')
    .select('code')
    .where('code', '=', countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AccessError('notFound', message);
}

/** School types with a 初中 stage, whose graduates the quota counts. */
const JUNIOR_TYPES = ['junior', 'nineYear', 'twelveYear', 'completeMiddle'] as const;

/**
 * The county's junior-stage schools with graduates estimated from 初中在校生数 ÷ 3 (reports of the
 * year, else of the latest earlier year with a report).
 * @throws AccessError notFound when the actor may not view the county's admission plans
 */
export async function quotaSchools(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<QuotaSchoolRow[]> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  const rows = await sqlOf(db)
    .selectFrom('school as s')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('school_report as sr')
          .select(sql<number | null>`(${sql.ref('sr.data')}->>'students')::numeric::int`.as('students'))
          .select('sr.year')
          .whereRef('sr.school_id', '=', 's.id')
          .where('sr.stage', '=', 'junior')
          .where('sr.year', '<=', year)
          .orderBy('sr.year', 'desc')
          .limit(1)
          .as('r'),
      (join) => join.onTrue(),
    )
    .select(['s.id', 's.name', 's.locality', 'r.students', 'r.year as report_year'])
    .where('s.county_code', '=', countyCode)
    .where('s.status', '=', 'open')
    .where('s.type', 'in', JUNIOR_TYPES)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    schoolId: r.id,
    name: r.name,
    rural: r.locality === 'rural',
    juniorStudents: r.students,
    reportYear: r.report_year,
    graduates: r.students === null ? 0 : Math.round(r.students / 3),
    estimated: true,
  }));
}

function invalid(message: string): never {
  throw new AccessError('invalidData', message);
}

/** Checks the form (not yet the schools against the register); Chinese messages for every refusal. */
function checkParams(input: QuotaParams): void {
  const name = typeof input.highSchoolName === 'string' ? input.highSchoolName.trim() : '';
  if (name === '' || [...name].length > 100) invalid('请填写高中名称（1～100 个字）');
  if (!Number.isSafeInteger(input.places) || input.places < 0 || input.places > 100_000)
    invalid(`总名额应为 0～100000 的整数，收到 ${String(input.places)}`);
  if (!(typeof input.share === 'number' && input.share >= QUOTA_SHARE_2017.minShare && input.share <= 1))
    invalid(
      `指标到校比例应在 ${QUOTA_SHARE_2017.minShare * 100}%～100% 之间（${QUOTA_SHARE_2017.document}），收到 ${String(input.share)}`,
    );
  if (
    !(
      typeof input.ruralTilt === 'number' &&
      Number.isFinite(input.ruralTilt) &&
      input.ruralTilt >= 1 &&
      input.ruralTilt <= 5
    )
  )
    invalid(`农村学校倾斜系数应在 1～5 之间（1 表示不倾斜），收到 ${String(input.ruralTilt)}`);
  if (!Number.isSafeInteger(input.minimum) || input.minimum < 0 || input.minimum > 1000)
    invalid(`每校最低名额应为 0～1000 的整数，收到 ${String(input.minimum)}`);
  if (!Array.isArray(input.schools) || input.schools.length === 0) invalid('请至少列出一所初中');
  const seen = new Set<string>();
  input.schools.forEach((s, i) => {
    const at = `第 ${i + 1} 所学校（${s?.name ?? s?.schoolId ?? ''}）`;
    if (typeof s?.schoolId !== 'string' || s.schoolId.trim() === '') invalid(`${at}缺少学校代码`);
    if (seen.has(s.schoolId)) invalid(`学校代码 ${s.schoolId} 重复：每所学校只列一次`);
    seen.add(s.schoolId);
    if (!Number.isSafeInteger(s.graduates) || s.graduates < 0 || s.graduates > 100_000)
      invalid(`${at}的毕业生数应为 0～100000 的整数，收到 ${String(s.graduates)}`);
  });
}

/** Core's allocation of checked parameters over the register-resolved schools. */
function allocate(input: QuotaParams, resolved: readonly QuotaInputSchool[]): QuotaAllocation {
  const schools: QuotaSchool[] = resolved.map((s) => ({
    id: s.schoolId,
    name: s.name,
    graduates: s.graduates,
    rural: s.rural,
  }));
  let result: QuotaAllocation;
  try {
    result = allocateQuota(schools, {
      plan: input.places,
      share: input.share,
      ruralWeight: input.ruralTilt,
      minimum: input.minimum,
    });
  } catch (e) {
    if (e instanceof RangeError) invalid(`无法分配：${e.message}：请增加总名额或降低每校最低名额`);
    throw e;
  }
  result.rows.forEach((r, i) => {
    r.name = resolved[i]!.name;
  });
  return result;
}

/**
 * Checks the form and the schools and computes the allocation without saving it (the page's live
 * preview); 乡村 comes from the register.
 * @throws AccessError notFound (county not visible), invalidData
 */
export async function previewQuota(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  input: QuotaParams,
): Promise<QuotaAllocation> {
  await checkCounty(db, actor, countyCode, 'view');
  checkParams(input);
  return allocate(input, await checkSchools(db, countyCode, input.schools));
}

/**
 * The schools must be schools of the county; name and 乡村 (school.locality = 'rural') come from the
 * register, never from the request.
 */
async function checkSchools(
  db: Queryable,
  countyCode: string,
  schools: readonly QuotaSchoolInput[],
): Promise<QuotaInputSchool[]> {
  if (schools.length === 0) return [];
  const rows = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'locality'])
    .where('county_code', '=', countyCode)
    .where(
      'id',
      'in',
      schools.map((s) => String(s?.schoolId)),
    )
    .execute();
  const register = new Map(rows.map((r) => [r.id, r]));
  return schools.map((s, i) => {
    const r = register.get(s.schoolId);
    if (!r) invalid(`第 ${i + 1} 所学校的代码 ${String(s.schoolId)} 不是本县学校：请从本县初中中选择`);
    return { schoolId: s.schoolId, name: r.name, graduates: s.graduates, rural: r.locality === 'rural' };
  });
}

function auditOf(input: QuotaInput, result: QuotaAllocation) {
  return {
    highSchoolName: input.highSchoolName.trim(),
    places: input.places,
    share: input.share,
    ruralTilt: input.ruralTilt,
    minimum: input.minimum,
    allocated: result.places,
    finals: Object.fromEntries(result.rows.map((r) => [r.schoolId, r.final])),
  };
}

/**
 * Computes and saves an allocation.
 * @throws AccessError notFound, notAllowed, invalidData; nothing is written then
 */
export async function createQuota(
  db: Database | Queryable,
  actor: Actor,
  input: QuotaInput,
  opts: { ip?: string | null } = {},
): Promise<QuotaAllocationView> {
  checkYear(input.year);
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, input.countyCode, 'edit');
    checkParams(input);
    const schools = await checkSchools(tx, input.countyCode, input.schools);
    const result = allocate(input, schools);
    const by = await actingUser(tx, actor);
    const q = sqlOf(tx);
    await ensureSchoolYear(tx, input.year);
    const { id } = await q
      .insertInto('quota_allocation')
      .values({
        county_code: input.countyCode,
        year: input.year,
        high_school_name: input.highSchoolName.trim(),
        places: input.places,
        allocated_share: input.share,
        rural_tilt: input.ruralTilt,
        minimum: input.minimum,
        inputs: jsonb(schools),
        result: jsonb(result),
        created_by: by.id,
        updated_by: by.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'quotaAllocation.create',
      entity: 'quota_allocation',
      entityId: String(id),
      after: auditOf(input, result),
      ip: opts.ip ?? null,
    });
    return viewOf(await loadRow(tx, actor, id, 'view'));
  });
}

/**
 * Recomputes and saves a changed allocation (same county and year).
 * @throws AccessError notFound, notAllowed, conflict (stale version), invalidData
 */
export async function updateQuota(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: QuotaParams & { expectedVersion: number },
  opts: { ip?: string | null } = {},
): Promise<QuotaAllocationView> {
  return inTransaction(db, async (tx) => {
    const row = await loadRow(tx, actor, id, 'edit', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    const full: QuotaInput = { ...input, countyCode: row.county_code, year: row.year };
    checkParams(full);
    const schools = await checkSchools(tx, row.county_code, input.schools);
    const result = allocate(full, schools);
    const by = await actingUser(tx, actor);
    await sqlOf(tx)
      .updateTable('quota_allocation')
      .set((eb) => ({
        high_school_name: full.highSchoolName.trim(),
        places: full.places,
        allocated_share: full.share,
        rural_tilt: full.ruralTilt,
        minimum: full.minimum,
        inputs: jsonb(schools),
        result: jsonb(result),
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'quotaAllocation.update',
      entity: 'quota_allocation',
      entityId: String(id),
      before: {
        version: row.version,
        highSchoolName: row.high_school_name,
        places: row.places,
        share: row.allocated_share,
        ruralTilt: row.rural_tilt,
        minimum: row.minimum,
        finals: Object.fromEntries(row.result.rows.map((r) => [r.schoolId, r.final])),
      },
      after: { version: row.version + 1, ...auditOf(full, result) },
      ip: opts.ip ?? null,
    });
    return viewOf(await loadRow(tx, actor, id, 'view'));
  });
}

/** Reads one saved allocation. @throws AccessError notFound */
export async function getQuota(db: Queryable, actor: Actor, id: number): Promise<QuotaAllocationView> {
  return viewOf(await loadRow(db, actor, id, 'view'));
}

/** The county's saved allocations of a year (newest first). @throws AccessError notFound */
export async function listQuotas(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<QuotaAllocationSummary[]> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  const rows = await quotaRows(db)
    .where('q.county_code', '=', countyCode)
    .where('q.year', '=', year)
    .orderBy('q.updated_at', 'desc')
    .orderBy('q.id', 'desc')
    .execute();
  return rows.map((r) => summaryOf(typedRow(r)));
}
