/**
 * @module 招生轮次 (admission rounds): a county's round of a year and 学段 with its categories in
 * priority order, its planned places per school, its ONE lottery draw and the admission result.
 *
 * Decisions:
 * - Access: a round is an `admissionPlan` of its county (the bureau edits; inspectors, city and
 *   province read the round and its per-school table — aggregates, no child's data). A school user
 *   reads an admitted round of its county, and only its own school's row of the results.
 * - Life cycle: open → committed (`commitRoundDraw`: the draw is created from the applicants, one
 *   entry per family; applicants, categories and places are frozen, also by trigger) → admitted
 *   (`admitRound`: after the draw, core's admitByZone places every child; once, audited).
 * - Optimistic concurrency: every change raises `version`; a write naming an older version is a
 *   409 conflict with nothing written.
 * - A school's group for 随迁子女保障 (same township first) is its township region when it has one,
 *   else the township its name begins with (柳林镇中心小学 → 柳林镇), else 县城.
 */
import {
  type Actor,
  type AdmissionCategory,
  type AdmissionCategoryConfig,
  type AdmitApplicant,
  type AdmitInput,
  AdmitInputError,
  type AdmitResult,
  admitByZone,
  applicantRanks,
  type ChoiceComparison,
  can,
  checkCategoryConfig,
  compareChoiceMechanisms,
  DEFAULT_ADMISSION_CATEGORIES,
  explain,
  familyEntries,
  familyProblems,
  type PlacementHow,
  type SchoolAdmission,
  schoolGroup,
  visibleRegionPrefix,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { actingUser, checkYear, inTransaction, scopeCondition } from '../../platform/queryKit.js';
import { createDraw, type DrawDetail, drawRanks } from '../lottery/lotteryDraws.js';

export type AdmissionStage = 'primary' | 'junior';
export type RoundStatus = 'open' | 'committed' | 'admitted';

export const ROUND_STATUS_NAMES: Record<RoundStatus, string> = {
  open: '报名中',
  committed: '名单已公布（待派位）',
  admitted: '已录取',
};

/** One school of a round. */
export interface RoundSchool {
  schoolId: string;
  schoolName: string;
  /** 乡镇 (or 县城): used to keep 随迁子女保障 placements near home. */
  group: string;
  /** 计划招生数. */
  places: number;
  /** Applicants whose zone school it is. */
  zoneApplicants: number;
}

/** A round as listed. */
export interface RoundSummary {
  id: number;
  countyCode: string;
  countyName: string;
  year: number;
  stage: AdmissionStage;
  title: string;
  status: RoundStatus;
  drawId: number | null;
  applicantCount: number;
  placesTotal: number;
  version: number;
  updatedAt: Date;
}

/** A round with its configuration and schools. */
export interface RoundDetail extends RoundSummary {
  categories: AdmissionCategory[];
  siblingPriority: boolean;
  schools: RoundSchool[];
  /** Lottery entries (families) the draw has or will have. */
  familyCount: number;
  /** The draw's state, when there is one. */
  drawStatus: 'committed' | 'drawn' | null;
  admittedAt: Date | null;
  updatedByName: string | null;
  /** The actor may change the round and its applicants (the county's bureau). */
  canEdit: boolean;
  /** The actor may read the children's data of the whole round. */
  canViewApplicants: boolean;
  /**
   * The actor may read the full records of the children it sees (names, ID numbers, contacts;
   * audited) and export them: the county's bureau, and a school's clerk for its admitted children.
   * Others (a principal) see and export the masked list only.
   */
  canViewPersonal: boolean;
}

export interface NewRound {
  countyCode: string;
  year: number;
  stage: AdmissionStage;
  title: string;
  /** Default: the five usual categories. */
  categories?: AdmissionCategory[];
  siblingPriority?: boolean;
  /** Default: every open school of the county teaching the stage, with 0 places. */
  places?: { schoolId: string; places: number }[];
}

export interface RoundChanges {
  /** The version the user edited (409 when stale). */
  version: number;
  title?: string;
  categories?: AdmissionCategory[];
  siblingPriority?: boolean;
  /** Replaces the whole list of schools and places. */
  places?: { schoolId: string; places: number }[];
}

/** One school's row of the results, with its name. */
export interface SchoolResultRow extends SchoolAdmission {
  schoolName: string;
  group: string;
}

export interface RoundResults {
  round: RoundDetail;
  /** Per school (a school user: its own row only). */
  schools: SchoolResultRow[];
  /** Children left 待统筹安排 (whole round; null for a school user). */
  pending: number | null;
  /** 随迁子女 meeting the conditions and placed (whole round; null for a school user). */
  migrants: { eligible: number; placed: number } | null;
  /**
   * 志愿录取方式对比: deferred acceptance and the Boston mechanism on the children who went to 统筹
   * with 志愿, capacities = the places left for 统筹 (core compareChoiceMechanisms). null before
   * admission and for a school user.
   */
  choiceComparison: ChoiceComparison | null;
}

/** What admitRound stores in admission_round.result. */
interface StoredResult {
  schools: SchoolAdmission[];
  pending: number;
  migrants: { eligible: number; placed: number };
}

export function roundNotFoundMessage(id: unknown): string {
  return `没有找到招生轮次 ${String(id)}，或您无权查看`;
}

function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

/** School types that teach a stage (the stage part of 九年一贯制 and 十二年一贯制 included). */
const STAGE_TYPES: Record<AdmissionStage, string[]> = {
  primary: ['primary', 'nineYear', 'twelveYear', 'teachingPoint'],
  junior: ['junior', 'nineYear', 'twelveYear', 'completeMiddle'],
};

interface RoundRow {
  id: number;
  county_code: string;
  county_name: string;
  year: number;
  stage: AdmissionStage;
  title: string;
  categories: AdmissionCategory[];
  sibling_priority: boolean;
  status: RoundStatus;
  draw_id: number | null;
  admitted_at: Date | null;
  result: StoredResult | null;
  next_serial: number;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
  applicant_count: number;
  places_total: number;
}

const ROUND_SELECT = `SELECT r.id, r.county_code, g.name AS county_name, r.year, r.stage, r.title, r.categories,
       r.sibling_priority, r.status, r.draw_id, r.admitted_at, r.result, r.next_serial, r.version,
       r.updated_at, u.display_name AS updated_by_name,
       (SELECT count(*) FROM applicant a WHERE a.round_id = r.id) AS applicant_count,
       (SELECT COALESCE(sum(p.places), 0) FROM admission_round_school p WHERE p.round_id = r.id) AS places_total
  FROM admission_round r
  JOIN region g ON g.code = r.county_code
  LEFT JOIN app_user u ON u.id = r.updated_by`;

/** The round row (FOR UPDATE inside a write). */
export async function readRoundRow(db: Queryable, id: number, forUpdate = false): Promise<RoundRow | null> {
  if (forUpdate) await db.query('SELECT id FROM admission_round WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<RoundRow>(`${ROUND_SELECT} WHERE r.id = $1`, [id]);
  const r = rows[0];
  if (!r) return null;
  r.applicant_count = Number(r.applicant_count);
  r.places_total = Number(r.places_total);
  return r;
}

const plan = (county: string) => ({ kind: 'admissionPlan' as const, regionCode: county });

/** Whether a school user's school lies in the round's county. */
async function ownSchoolInCounty(db: Queryable, actor: Actor, county: string): Promise<boolean> {
  if (!actor.schoolId) return false;
  const { rows } = await db.query('SELECT 1 FROM school WHERE id = $1 AND county_code = $2', [
    actor.schoolId,
    county,
  ]);
  return rows.length > 0;
}

/**
 * How the actor may see a round: 'plan' (bureau, inspectors, city: the whole round), 'school' (a
 * school user of the county, once the round is admitted: its own children and row), or refused.
 * @throws AccessError notFound
 */
export async function roundAccess(db: Queryable, actor: Actor, row: RoundRow | null, id: unknown) {
  if (!row) throw new AccessError('notFound', roundNotFoundMessage(id));
  if (can(actor, 'view', plan(row.county_code))) return 'plan' as const;
  if (
    row.status === 'admitted' &&
    actor.schoolId &&
    can(actor, 'view', { kind: 'applicant', regionCode: row.county_code, schoolId: actor.schoolId }) &&
    (await ownSchoolInCounty(db, actor, row.county_code))
  ) {
    return 'school' as const;
  }
  throw new AccessError('notFound', roundNotFoundMessage(id));
}

async function readSchools(db: Queryable, roundId: number): Promise<RoundSchool[]> {
  const { rows } = await db.query<{
    school_id: string;
    name: string;
    region_name: string | null;
    places: number;
    zone: number;
  }>(
    `SELECT p.school_id, s.name, CASE WHEN g.level = 'township' THEN g.name END AS region_name, p.places,
            (SELECT count(*) FROM applicant a WHERE a.round_id = p.round_id AND a.zone_school_id = p.school_id) AS zone
       FROM admission_round_school p
       JOIN school s ON s.id = p.school_id
       JOIN region g ON g.code = s.region_code
      WHERE p.round_id = $1
      ORDER BY s.name COLLATE "C", p.school_id`,
    [roundId],
  );
  return rows.map((r) => ({
    schoolId: r.school_id,
    schoolName: r.name,
    group: schoolGroup(r.name, r.region_name),
    places: r.places,
    zoneApplicants: Number(r.zone),
  }));
}

function summary(r: RoundRow): RoundSummary {
  return {
    id: Number(r.id),
    countyCode: r.county_code,
    countyName: r.county_name,
    year: r.year,
    stage: r.stage,
    title: r.title,
    status: r.status,
    drawId: r.draw_id === null ? null : Number(r.draw_id),
    applicantCount: r.applicant_count,
    placesTotal: r.places_total,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

async function detail(db: Queryable, actor: Actor, r: RoundRow): Promise<RoundDetail> {
  const schools = await readSchools(db, Number(r.id));
  const fam = await db.query<{ n: number }>(
    `SELECT count(DISTINCT COALESCE('f:' || family_key, 'a:' || id::text)) AS n FROM applicant WHERE round_id = $1`,
    [r.id],
  );
  let drawStatus: 'committed' | 'drawn' | null = null;
  if (r.draw_id !== null) {
    const d = await db.query<{ drawn: boolean }>(
      'SELECT drawn_at IS NOT NULL AS drawn FROM lottery_draw WHERE id = $1',
      [r.draw_id],
    );
    drawStatus = d.rows[0]?.drawn ? 'drawn' : 'committed';
  }
  return {
    ...summary(r),
    categories: r.categories,
    siblingPriority: r.sibling_priority,
    schools,
    familyCount: Number(fam.rows[0]?.n ?? 0),
    drawStatus,
    admittedAt: r.admitted_at,
    updatedByName: r.updated_by_name,
    canEdit:
      can(actor, 'edit', plan(r.county_code)) &&
      can(actor, 'edit', { kind: 'applicant', regionCode: r.county_code }),
    canViewApplicants: can(actor, 'view', { kind: 'applicant', regionCode: r.county_code }),
    canViewPersonal: can(actor, 'viewPersonal', {
      kind: 'applicant',
      regionCode: r.county_code,
      schoolId: actor.schoolId ?? null,
    }),
  };
}

/**
 * The rounds the actor may see, newest first: of one county (default: all visible). Filtered in SQL
 * with the same rules as roundAccess: the actor's visible region for admission plans (core's
 * visibleRegionPrefix), or, for a school user who may see children placed at its school, the
 * admitted rounds of its school's county.
 */
export async function listRounds(
  db: Database | Queryable,
  actor: Actor,
  query: { countyCode?: string; year?: number } = {},
): Promise<RoundSummary[]> {
  const params: unknown[] = [];
  const visible: string[] = [];
  const planScope = visibleRegionPrefix(actor, 'admissionPlan');
  // A school's own-school plan rights are for its 分班, not for the county's rounds.
  if (planScope.scope === 'all' || planScope.scope === 'region') {
    visible.push(scopeCondition(planScope, params, { region: 'r.county_code', school: 'NULL' }));
  }
  const childScope = visibleRegionPrefix(actor, 'applicant');
  if (childScope.scope === 'school') {
    params.push(childScope.schoolId);
    visible.push(
      `(r.status = 'admitted' AND r.county_code = (SELECT s.county_code FROM school s WHERE s.id = $${params.length}))`,
    );
  }
  if (visible.length === 0) return [];
  const where = [`(${visible.join(' OR ')})`];
  if (query.countyCode !== undefined) {
    params.push(String(query.countyCode));
    where.push(`r.county_code = $${params.length}`);
  }
  if (query.year !== undefined) {
    params.push(checkYear(query.year));
    where.push(`r.year = $${params.length}`);
  }
  const { rows } = await db.query<RoundRow>(
    `${ROUND_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.year DESC, r.id DESC`,
    params,
  );
  return rows.map((r) => {
    r.applicant_count = Number(r.applicant_count);
    r.places_total = Number(r.places_total);
    return summary(r);
  });
}

/**
 * One round with its schools.
 * @throws AccessError notFound
 */
export async function getRound(db: Database | Queryable, actor: Actor, id: number): Promise<RoundDetail> {
  if (!isId(id)) throw new AccessError('notFound', roundNotFoundMessage(id));
  const row = await readRoundRow(db, id);
  const access = await roundAccess(db, actor, row, id);
  const d = await detail(db, actor, row!);
  if (access === 'school') d.schools = d.schools.filter((s) => s.schoolId === actor.schoolId);
  return d;
}

function checkTitle(title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '') {
    throw new AccessError('invalidData', '请填写招生轮次名称，如“2026年清源县小学招生”');
  }
  const t = title.trim();
  if ([...t].length > 100) throw new AccessError('invalidData', '招生轮次名称不能超过 100 个字');
  return t;
}

function checkConfig(categories: unknown, siblingPriority: unknown): AdmissionCategoryConfig {
  const config = { categories, siblingPriority } as AdmissionCategoryConfig;
  const why = checkCategoryConfig(config);
  if (why) throw new AccessError('invalidData', why);
  return {
    categories: config.categories.map((c) => ({
      id: c.id,
      name: c.name.trim(),
      migrantGuarantee: c.migrantGuarantee,
    })),
    siblingPriority: config.siblingPriority,
  };
}

async function checkPlaces(
  tx: Queryable,
  county: string,
  stage: AdmissionStage,
  places: unknown,
): Promise<{ schoolId: string; places: number }[]> {
  if (!Array.isArray(places))
    throw new AccessError('invalidData', '计划招生数应为列表：[{schoolId, places}]');
  const seen = new Set<string>();
  const out: { schoolId: string; places: number }[] = [];
  for (const p of places as { schoolId?: unknown; places?: unknown }[]) {
    const id = String(p?.schoolId ?? '');
    const n = p?.places;
    if (seen.has(id)) throw new AccessError('invalidData', `学校 ${id} 在计划招生数中出现了两次`);
    seen.add(id);
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > 100000) {
      throw new AccessError('invalidData', `学校 ${id} 的计划招生数应为 0—100000 的整数，收到 ${String(n)}`);
    }
    out.push({ schoolId: id, places: n });
  }
  if (out.length === 0) return out;
  const { rows } = await tx.query<{
    id: string;
    name: string;
    type: string;
    status: string;
    county_code: string;
  }>('SELECT id, name, type, status, county_code FROM school WHERE id = ANY($1::text[])', [
    out.map((p) => p.schoolId),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const p of out) {
    const s = byId.get(p.schoolId);
    if (!s || s.county_code !== county) {
      throw new AccessError('invalidData', `学校 ${p.schoolId} 不是本县学校：计划招生数只能填本县学校`);
    }
    if (s.status !== 'open')
      throw new AccessError('invalidData', `${s.name}（${s.id}）已撤并或停办，不能招生`);
    if (!STAGE_TYPES[stage].includes(s.type)) {
      throw new AccessError(
        'invalidData',
        `${s.name}（${s.id}）没有${stage === 'primary' ? '小学' : '初中'}学段，不能列入本轮招生`,
      );
    }
  }
  return out;
}

async function writePlaces(tx: Queryable, roundId: number, places: { schoolId: string; places: number }[]) {
  await tx.query('DELETE FROM admission_round_school WHERE round_id = $1', [roundId]);
  if (places.length === 0) return;
  await tx.query(
    `INSERT INTO admission_round_school (round_id, school_id, places)
     SELECT $1, x.school_id, x.places FROM jsonb_to_recordset($2::jsonb) AS x(school_id text, places integer)`,
    [roundId, jsonb(places.map((p) => ({ school_id: p.schoolId, places: p.places })))],
  );
}

/**
 * Creates a round (status open), audited `admissionRound.create`.
 * @throws AccessError notFound (county), notAllowed (not the county's bureau), invalidData
 */
export function createRound(
  db: Database | Queryable,
  actor: Actor,
  input: NewRound,
  opts: { ip?: string | null } = {},
): Promise<RoundDetail> {
  return inTransaction(db, async (tx) => {
    const county = String(input.countyCode ?? '');
    const message = `没有找到县 ${county}，或您无权管理该县招生`;
    const c = await tx.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [county, 'county']);
    if (c.rows.length === 0) throw new AccessError('notFound', message);
    requireAllowed(actor, 'edit', plan(county), message);
    checkYear(input.year);
    if (input.stage !== 'primary' && input.stage !== 'junior') {
      throw new AccessError(
        'invalidData',
        `学段只能是 primary（小学）或 junior（初中），收到 ${String(input.stage)}`,
      );
    }
    const title = checkTitle(input.title);
    const config = checkConfig(
      input.categories ?? DEFAULT_ADMISSION_CATEGORIES.map((x) => ({ ...x })),
      input.siblingPriority ?? false,
    );
    let places: { schoolId: string; places: number }[];
    if (input.places) places = await checkPlaces(tx, county, input.stage, input.places);
    else {
      const { rows } = await tx.query<{ id: string }>(
        `SELECT id FROM school WHERE county_code = $1 AND status = 'open' AND type = ANY($2::text[]) ORDER BY id`,
        [county, STAGE_TYPES[input.stage]],
      );
      places = rows.map((r) => ({ schoolId: r.id, places: 0 }));
    }
    const by = await actingUser(tx, actor);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO admission_round (county_code, year, stage, title, categories, sibling_priority, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $7) RETURNING id`,
      [county, input.year, input.stage, title, jsonb(config.categories), config.siblingPriority, by.id],
    );
    const id = Number(rows[0]!.id);
    await writePlaces(tx, id, places);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'admissionRound.create',
      entity: 'admission_round',
      entityId: String(id),
      after: { county, year: input.year, stage: input.stage, title, ...config, places },
      ip: opts.ip ?? null,
    });
    return detail(tx, actor, (await readRoundRow(tx, id))!);
  });
}

/** Locks a round for a write by the county's bureau and checks version and status. */
export async function lockRoundForEdit(
  tx: Queryable,
  actor: Actor,
  id: number,
  version: number | undefined,
  opts: { needOpen: boolean; kind?: 'admissionPlan' | 'applicant'; action?: 'edit' | 'import' } = {
    needOpen: true,
  },
): Promise<RoundRow> {
  if (!isId(id)) throw new AccessError('notFound', roundNotFoundMessage(id));
  const row = await readRoundRow(tx, id, true);
  if (!row) throw new AccessError('notFound', roundNotFoundMessage(id));
  const visible =
    can(actor, 'view', plan(row.county_code)) ||
    can(actor, 'view', { kind: 'applicant', regionCode: row.county_code });
  if (!visible) throw new AccessError('notFound', roundNotFoundMessage(id));
  const kind = opts.kind ?? 'admissionPlan';
  const d = explain(actor, opts.action ?? 'edit', { kind, regionCode: row.county_code });
  if (!d.allowed) throw new AccessError('notAllowed', d.reason, undefined, d.rule);
  if (version !== undefined && version !== row.version) {
    throw new AccessError(
      'conflict',
      `招生轮次“${row.title}”已被他人修改（当前第 ${row.version} 版，您看到的是第 ${version} 版）：请刷新后再改，您的改动未保存`,
    );
  }
  if (opts.needOpen && row.status !== 'open') {
    throw new AccessError(
      'wrongState',
      `招生轮次“${row.title}”已生成派位名单并公布承诺值，申请名单、招生类别和计划招生数已冻结，不能再修改`,
    );
  }
  return row;
}

/**
 * Raises the round's version: every change of the round or of its applicants does, so a commit
 * names the list the user reviewed (a stale version is a 409).
 */
export async function touchRound(tx: Queryable, id: number, by: number): Promise<void> {
  await tx.query(
    'UPDATE admission_round SET version = version + 1, updated_by = $2, updated_at = now() WHERE id = $1',
    [id, by],
  );
}

/**
 * Changes a round while it is open: title, categories (order, names, guarantee), sibling priority,
 * places. Audited `admissionRound.update` with before and after of what changed.
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState (committed),
 *   invalidData (bad categories; a category still used by applicants removed; bad places; a school
 *   removed that applicants have as zone school or 志愿)
 */
export function updateRound(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  changes: RoundChanges,
  opts: { ip?: string | null } = {},
): Promise<RoundDetail> {
  return inTransaction(db, async (tx) => {
    const row = await lockRoundForEdit(tx, actor, id, changes.version, { needOpen: true });
    const by = await actingUser(tx, actor);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (changes.title !== undefined) {
      const t = checkTitle(changes.title);
      if (t !== row.title) {
        before.title = row.title;
        after.title = t;
        await tx.query('UPDATE admission_round SET title = $2 WHERE id = $1', [id, t]);
      }
    }
    if (changes.categories !== undefined || changes.siblingPriority !== undefined) {
      const config = checkConfig(
        changes.categories ?? row.categories,
        changes.siblingPriority ?? row.sibling_priority,
      );
      const ids = new Set(config.categories.map((c) => c.id));
      const used = await tx.query<{ category: string; n: number }>(
        'SELECT category, count(*) AS n FROM applicant WHERE round_id = $1 GROUP BY category',
        [id],
      );
      for (const u of used.rows) {
        if (!ids.has(u.category)) {
          const name = row.categories.find((c) => c.id === u.category)?.name ?? u.category;
          throw new AccessError(
            'invalidData',
            `有 ${Number(u.n)} 名申请人的类别为“${name}”，不能删除该类别：请先修改这些申请人的类别`,
          );
        }
      }
      if (
        JSON.stringify(config.categories) !== JSON.stringify(row.categories) ||
        config.siblingPriority !== row.sibling_priority
      ) {
        before.categories = row.categories;
        before.siblingPriority = row.sibling_priority;
        after.categories = config.categories;
        after.siblingPriority = config.siblingPriority;
        await tx.query(
          'UPDATE admission_round SET categories = $2::jsonb, sibling_priority = $3 WHERE id = $1',
          [id, jsonb(config.categories), config.siblingPriority],
        );
      }
    }
    if (changes.places !== undefined) {
      const places = await checkPlaces(tx, row.county_code, row.stage, changes.places);
      const old = await readSchools(tx, id);
      const keep = new Set(places.map((p) => p.schoolId));
      const orphan = await tx.query<{ n: number }>(
        `SELECT count(*) AS n FROM applicant WHERE round_id = $1 AND zone_school_id IS NOT NULL AND NOT (zone_school_id = ANY($2::text[]))`,
        [id, [...keep]],
      );
      if (Number(orphan.rows[0]!.n) > 0) {
        throw new AccessError(
          'invalidData',
          `有 ${Number(orphan.rows[0]!.n)} 名申请人的划片学校不在新的招生学校中：请先修改这些申请人的划片学校`,
        );
      }
      // A school named as a 志愿 cannot leave the round either: admission would refuse the list.
      const chosen = await tx.query<{ school_id: string; n: number }>(
        `SELECT c.school_id, count(*) AS n
           FROM applicant a CROSS JOIN LATERAL jsonb_array_elements_text(a.choices) AS c(school_id)
          WHERE a.round_id = $1 AND NOT (c.school_id = ANY($2::text[]))
          GROUP BY c.school_id ORDER BY c.school_id`,
        [id, [...keep]],
      );
      if (chosen.rows.length > 0) {
        const names = new Map(old.map((s) => [s.schoolId, s.schoolName]));
        const list = chosen.rows
          .map((r) => `${names.get(r.school_id) ?? r.school_id}（${r.school_id}，${Number(r.n)} 人）`)
          .join('、');
        throw new AccessError(
          'invalidData',
          `有申请人把要移出本轮的学校填为志愿学校：${list}。请先修改这些申请人的志愿学校，再移出该校`,
        );
      }
      const oldText = JSON.stringify(old.map((s) => [s.schoolId, s.places]));
      const sorted = [...places].sort((a, b) => (a.schoolId < b.schoolId ? -1 : 1));
      const oldSorted = [...old].sort((a, b) => (a.schoolId < b.schoolId ? -1 : 1));
      if (
        JSON.stringify(sorted.map((p) => [p.schoolId, p.places])) !==
        JSON.stringify(oldSorted.map((s) => [s.schoolId, s.places]))
      ) {
        before.places = JSON.parse(oldText);
        after.places = places.map((p) => [p.schoolId, p.places]);
        await writePlaces(tx, id, places);
      }
    }
    if (Object.keys(after).length > 0) {
      await touchRound(tx, id, by.id);
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: 'admissionRound.update',
        entity: 'admission_round',
        entityId: String(id),
        before,
        after,
        ip: opts.ip ?? null,
      });
    }
    return detail(tx, actor, (await readRoundRow(tx, id))!);
  });
}

/** The applicants as core's admission input, with their tickets. */
async function admissionApplicants(tx: Queryable, roundId: number) {
  const { rows } = await tx.query<{
    id: number;
    ticket: string;
    zone_school_id: string | null;
    category: string;
    migrant_eligible: boolean;
    sibling_at_school: boolean;
    family_key: string | null;
    choices: string[];
    secret_sealed: string;
  }>(
    `SELECT id, ticket, zone_school_id, category, migrant_eligible, sibling_at_school, family_key, choices, secret_sealed
       FROM applicant WHERE round_id = $1 ORDER BY ticket`,
    [roundId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    ticket: r.ticket,
    zoneSchoolId: r.zone_school_id,
    categoryId: r.category,
    migrantEligible: r.migrant_eligible,
    siblingAtSchool: r.sibling_at_school,
    familyKey: r.family_key,
    choices: r.choices,
    secretSealed: r.secret_sealed,
  }));
}

/** core's admission input of a round. */
function admitInput(
  row: RoundRow,
  schools: RoundSchool[],
  applicants: AdmitApplicant[],
  ranks: ReadonlyMap<string, number>,
): AdmitInput {
  return {
    config: { categories: row.categories, siblingPriority: row.sibling_priority },
    schools: schools.map((s) => ({ id: s.schoolId, name: s.schoolName, capacity: s.places, group: s.group })),
    applicants,
    ranks,
  };
}

/**
 * Runs the admission on the list about to be frozen, with placeholder ranks (the entries in ticket
 * order), so a commit never freezes applicants that admitRound would then refuse (a 志愿 or zone
 * school not in the round, an unknown category, a family that differs): the round would be stuck,
 * since the triggers forbid every correction. Applicants are named by their tickets here.
 * @throws AccessError invalidData with core's message
 */
function dryRunAdmission(
  row: RoundRow,
  schools: RoundSchool[],
  applicants: readonly (AdmitApplicant & { ticket: string })[],
): void {
  const byTicket = applicants.map((a) => ({ ...a, id: a.ticket }));
  const entries = familyEntries(byTicket);
  const placeholder = new Map(entries.map((e, i) => [e.ticket, i + 1]));
  try {
    admitByZone(admitInput(row, schools, byTicket, applicantRanks(entries, placeholder)));
  } catch (err) {
    if (err instanceof AdmitInputError) {
      throw new AccessError(
        'invalidData',
        `申请名单不能用于录取，未生成派位名单：${err.message}。请先修改该申请人或本轮设置，再生成派位名单`,
      );
    }
    throw err;
  }
}

/**
 * Publishes the round's applicant list: creates its ONE lottery draw (createDraw, in this
 * transaction) with one entry per family (ticket = the family's first ticket, secret = that
 * child's 核验码), then freezes the round (status committed). Audited `admissionRound.commit` (and
 * `lotteryDraw.commit` by createDraw).
 * @throws AccessError notFound, notAllowed, conflict (stale version: the list changed since it
 *   was read), wrongState (already committed), invalidData (no applicants; a school without places;
 *   a family whose members differ; anything else the admission would refuse)
 */
export function commitRoundDraw(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  id: number,
  input: { version: number },
  opts: { ip?: string | null } = {},
): Promise<{ round: RoundDetail; draw: DrawDetail }> {
  return inTransaction(db, async (tx) => {
    const row = await lockRoundForEdit(tx, actor, id, input.version, { needOpen: true });
    const applicants = await admissionApplicants(tx, id);
    if (applicants.length === 0) {
      throw new AccessError('invalidData', `招生轮次“${row.title}”还没有申请人：请先录入或导入申请名单`);
    }
    const problems = familyProblems(applicants);
    if (problems.length > 0) {
      throw new AccessError(
        'invalidData',
        `${problems.length} 个家庭的信息不一致：${problems.slice(0, 5).join('；')}`,
      );
    }
    const schools = await readSchools(tx, id);
    const noPlaces = schools.filter((s) => s.places === 0 && s.zoneApplicants > 0);
    if (noPlaces.length > 0) {
      throw new AccessError(
        'invalidData',
        `${noPlaces.map((s) => s.schoolName).join('、')} 有划片申请人但计划招生数为 0：请先填写计划招生数`,
      );
    }
    dryRunAdmission(row, schools, applicants);
    const entries = familyEntries(applicants);
    const secretOf = new Map(applicants.map((a) => [a.ticket, a.secretSealed]));
    const by = await actingUser(tx, actor);
    const draw = await createDraw(
      tx,
      actor,
      {
        countyCode: row.county_code,
        year: row.year,
        purpose: 'admission',
        title: `${row.title}电脑派位`.slice(0, 100),
        entries: entries.map((e) => ({ ticket: e.ticket, secret: cipher.open(secretOf.get(e.ticket)!) })),
        roundId: id,
      },
      { ip: opts.ip ?? null },
    );
    await tx.query(
      `UPDATE admission_round SET status = 'committed', draw_id = $2, version = version + 1, updated_by = $3, updated_at = now()
        WHERE id = $1`,
      [id, draw.id, by.id],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'admissionRound.commit',
      entity: 'admission_round',
      entityId: String(id),
      before: { status: 'open' },
      after: {
        status: 'committed',
        drawId: draw.id,
        commitment: draw.commitment,
        applicants: applicants.length,
        entries: entries.length,
      },
      ip: opts.ip ?? null,
    });
    return { round: await detail(tx, actor, (await readRoundRow(tx, id))!), draw };
  });
}

/**
 * Admits the round after its draw: reads the ranks (drawRanks), runs core's admitByZone with the
 * round's categories and places, stores every child's placement and the per-school result, status
 * admitted. Once per round. Audited `admissionRound.admit` (counts only, no child's data).
 * @throws AccessError notFound, notAllowed, conflict, wrongState (not committed, not drawn yet,
 *   already admitted)
 */
export function admitRound(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { version: number },
  opts: { ip?: string | null; now?: Date } = {},
): Promise<RoundResults> {
  return inTransaction(db, async (tx) => {
    const row = await lockRoundForEdit(tx, actor, id, input.version, { needOpen: false });
    if (row.status === 'open') {
      throw new AccessError(
        'wrongState',
        `招生轮次“${row.title}”还没有生成派位名单：请先生成名单并公布承诺值，派位后再录取`,
      );
    }
    if (row.status === 'admitted') {
      throw new AccessError('wrongState', `招生轮次“${row.title}”已经录取，录取结果不能重新计算`);
    }
    const ranksByTicket = await drawRanks(tx, Number(row.draw_id));
    if (!ranksByTicket) {
      throw new AccessError(
        'wrongState',
        `招生轮次“${row.title}”的电脑派位（编号 ${row.draw_id}）尚未进行：请先在电脑派位页面当众派位`,
      );
    }
    const applicants = await admissionApplicants(tx, id);
    const ranks = applicantRanks(familyEntries(applicants), ranksByTicket);
    const schools = await readSchools(tx, id);
    let result: AdmitResult;
    try {
      result = admitByZone(admitInput(row, schools, applicants, ranks));
    } catch (err) {
      if (err instanceof AdmitInputError) throw new AccessError('invalidData', err.message);
      throw err;
    }
    const at = opts.now ?? new Date();
    await tx.query(
      `UPDATE applicant a SET placement_school_id = x.school_id, placement_how = x.how, lottery_rank = x.rank,
              placed_at = $2, version = a.version + 1, updated_at = $2
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, school_id text, how text, rank integer)
        WHERE a.id = x.id AND a.round_id = $3`,
      [
        jsonb(
          result.placements.map((p) => ({
            id: Number(p.applicantId),
            school_id: p.schoolId,
            how: p.how,
            rank: p.rank,
          })),
        ),
        at,
        id,
      ],
    );
    const stored: StoredResult = {
      schools: [...result.schools],
      pending: result.pending,
      migrants: result.migrants,
    };
    const by = await actingUser(tx, actor);
    await tx.query(
      `UPDATE admission_round SET status = 'admitted', admitted_at = $2, result = $3::jsonb, version = version + 1,
              updated_by = $4, updated_at = now() WHERE id = $1`,
      [id, at, jsonb(stored), by.id],
    );
    const counts: Record<string, number> = {};
    for (const p of result.placements) counts[p.how] = (counts[p.how] ?? 0) + 1;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'admissionRound.admit',
      entity: 'admission_round',
      entityId: String(id),
      before: { status: 'committed' },
      after: {
        status: 'admitted',
        drawId: Number(row.draw_id),
        placements: counts,
        migrants: result.migrants,
      },
      ip: opts.ip ?? null,
      at,
    });
    return resultsOf(tx, actor, (await readRoundRow(tx, id))!, 'plan');
  });
}

async function resultsOf(
  db: Queryable,
  actor: Actor,
  row: RoundRow,
  access: 'plan' | 'school',
): Promise<RoundResults> {
  const round = await detail(db, actor, row);
  const names = new Map(round.schools.map((s) => [s.schoolId, s]));
  const stored = row.result;
  let schools: SchoolResultRow[] = (stored?.schools ?? []).map((s) => ({
    ...s,
    schoolName: names.get(s.schoolId)?.schoolName ?? s.schoolId,
    group: names.get(s.schoolId)?.group ?? '',
  }));
  if (access === 'school') {
    schools = schools.filter((s) => s.schoolId === actor.schoolId);
    round.schools = round.schools.filter((s) => s.schoolId === actor.schoolId);
  }
  return {
    round,
    schools,
    pending: access === 'plan' && stored ? stored.pending : null,
    migrants: access === 'plan' && stored ? stored.migrants : null,
    choiceComparison:
      access === 'plan' && stored && row.status === 'admitted'
        ? await choiceComparisonOf(db, row, stored)
        : null,
  };
}

/**
 * The side-by-side comparison of deferred acceptance and the Boston mechanism for an admitted
 * round, recomputed from the stored placements, ranks and per-school result (deterministic; no
 * child's data leaves this function, only counts). Capacities are the places left for 统筹 after
 * 本片区录取, since this county uses 志愿 only for 统筹 (see core compareChoices.ts).
 */
async function choiceComparisonOf(
  db: Queryable,
  row: RoundRow,
  stored: StoredResult,
): Promise<ChoiceComparison> {
  const { rows } = await db.query<{
    id: number;
    category: string;
    migrant_eligible: boolean;
    choices: string[];
    placement_how: PlacementHow | null;
    lottery_rank: number | null;
  }>(
    `SELECT id, category, migrant_eligible, choices, placement_how, lottery_rank
       FROM applicant WHERE round_id = $1 ORDER BY ticket`,
    [row.id],
  );
  const applicants = rows.map((r) => ({
    id: String(r.id),
    categoryId: r.category,
    migrantEligible: r.migrant_eligible,
    choices: r.choices,
  }));
  return compareChoiceMechanisms({
    config: { categories: row.categories },
    applicants,
    ranks: new Map(rows.map((r) => [String(r.id), Number(r.lottery_rank ?? 0)])),
    placements: rows.map((r) => ({ applicantId: String(r.id), how: r.placement_how ?? 'pending' })),
    schools: stored.schools,
  });
}

/**
 * The admission result of a round: per-school table (capacity, admitted per category, cut-off,
 * lottery used), pending and 随迁子女 counts. Empty before admission.
 * @throws AccessError notFound
 */
export async function roundResults(
  db: Database | Queryable,
  actor: Actor,
  id: number,
): Promise<RoundResults> {
  if (!isId(id)) throw new AccessError('notFound', roundNotFoundMessage(id));
  const row = await readRoundRow(db, id);
  const access = await roundAccess(db, actor, row, id);
  return resultsOf(db, actor, row!, access);
}
