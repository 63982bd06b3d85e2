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
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';

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

function notFound(what: string): string {
  return `没有找到${what}，或您无权查看`;
}

async function checkCounty(db: Queryable, actor: Actor, countyCode: string, action: 'view' | 'edit') {
  const message = notFound(`县 ${String(countyCode)} 的指标到校方案`);
  if (resourceRegionLevel(countyCode) !== 'county') throw new AccessError('notFound', message);
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: countyCode }, message);
  const { rows } = await db.query("SELECT 1 FROM region WHERE code = $1 AND level = 'county'", [countyCode]);
  if (rows.length === 0) throw new AccessError('notFound', message);
}

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
  const { rows } = await db.query<{
    id: string;
    name: string;
    locality: string;
    students: number | null;
    report_year: number | null;
  }>(
    `SELECT s.id, s.name, s.locality, r.students, r.year AS report_year
       FROM school s
       LEFT JOIN LATERAL (
         SELECT (sr.data->>'students')::numeric::int AS students, sr.year
           FROM school_report sr
          WHERE sr.school_id = s.id AND sr.stage = 'junior' AND sr.year <= $2
          ORDER BY sr.year DESC LIMIT 1) r ON TRUE
      WHERE s.county_code = $1 AND s.status = 'open'
        AND s.type IN ('junior', 'nineYear', 'twelveYear', 'completeMiddle')
      ORDER BY s.id`,
    [countyCode, year],
  );
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

interface QuotaRowDb {
  id: number;
  county_code: string;
  year: number;
  high_school_name: string;
  places: number;
  allocated_share: number;
  rural_tilt: number;
  minimum: number;
  inputs: QuotaInputSchool[];
  result: QuotaAllocation;
  version: number;
  created_at: Date;
  created_by_name: string | null;
  updated_at: Date;
  updated_by_name: string | null;
}

const SELECT = `
  SELECT q.id, q.county_code, q.year, q.high_school_name, q.places, q.allocated_share, q.rural_tilt, q.minimum,
         q.inputs, q.result, q.version, q.created_at, cu.display_name AS created_by_name, q.updated_at,
         uu.display_name AS updated_by_name
    FROM quota_allocation q
    LEFT JOIN app_user cu ON cu.id = q.created_by
    LEFT JOIN app_user uu ON uu.id = q.updated_by`;

function summaryOf(r: QuotaRowDb): QuotaAllocationSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    year: r.year,
    highSchoolName: r.high_school_name,
    places: r.places,
    share: Number(r.allocated_share),
    ruralTilt: Number(r.rural_tilt),
    minimum: r.minimum,
    allocated: r.result.places,
    schools: r.inputs.length,
    version: r.version,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
  };
}

function viewOf(r: QuotaRowDb): QuotaAllocationView {
  return { ...summaryOf(r), inputs: r.inputs, result: withCaps(r.result) };
}

/**
 * A result saved before schools were capped at their graduates has no `unplaced` or `heldAtCap`:
 * nothing was capped then, and any places beyond the graduates went to the schools.
 */
function withCaps(result: QuotaAllocation): QuotaAllocation {
  return {
    ...result,
    unplaced: result.unplaced ?? 0,
    rows: result.rows.map((row) => ({ ...row, heldAtCap: row.heldAtCap ?? false })),
  };
}

async function loadRow(db: Queryable, actor: Actor, id: number, action: 'view' | 'edit', lock = false) {
  const message = notFound(`指标到校方案 ${String(id)}`);
  if (!Number.isSafeInteger(id) || id < 1) throw new AccessError('notFound', message);
  const { rows } = await db.query<QuotaRowDb>(`${SELECT} WHERE q.id = $1${lock ? ' FOR UPDATE OF q' : ''}`, [
    id,
  ]);
  const row = rows[0];
  if (!row) throw new AccessError('notFound', message);
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: row.county_code }, message);
  return row;
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
  const { rows } = await db.query<{ id: string; name: string; locality: string }>(
    `SELECT id, name, locality FROM school WHERE county_code = $1 AND id = ANY($2::text[])`,
    [countyCode, schools.map((s) => String(s?.schoolId))],
  );
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
    await tx.query('INSERT INTO school_year (start_year) VALUES ($1) ON CONFLICT (start_year) DO NOTHING', [
      input.year,
    ]);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO quota_allocation (county_code, year, high_school_name, places, allocated_share, rural_tilt,
                                     minimum, inputs, result, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $10) RETURNING id`,
      [
        input.countyCode,
        input.year,
        input.highSchoolName.trim(),
        input.places,
        input.share,
        input.ruralTilt,
        input.minimum,
        jsonb(schools),
        jsonb(result),
        by.id,
      ],
    );
    const id = rows[0]!.id;
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
    await tx.query(
      `UPDATE quota_allocation
          SET high_school_name = $2, places = $3, allocated_share = $4, rural_tilt = $5, minimum = $6,
              inputs = $7::jsonb, result = $8::jsonb, version = version + 1, updated_by = $9, updated_at = now()
        WHERE id = $1`,
      [
        id,
        full.highSchoolName.trim(),
        full.places,
        full.share,
        full.ruralTilt,
        full.minimum,
        jsonb(schools),
        jsonb(result),
        by.id,
      ],
    );
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
        share: Number(row.allocated_share),
        ruralTilt: Number(row.rural_tilt),
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
  const { rows } = await db.query<QuotaRowDb>(
    `${SELECT} WHERE q.county_code = $1 AND q.year = $2 ORDER BY q.updated_at DESC, q.id DESC`,
    [countyCode, year],
  );
  return rows.map(summaryOf);
}
