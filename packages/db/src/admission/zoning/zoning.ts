/**
 * @module 划片 (zoning, 就近入学) storage: a county's residential areas (小区/村) of a plan year with
 * their expected entrants and current zones, the schools' entry classes, the county map, and zoning
 * plans (area → school) with their evaluation (core evaluateZoning), saved with version checks,
 * published for the public (公示), audited.
 *
 * Decisions:
 * - `year` is the plan year: the start year of the school year the children enter (as
 *   admission_round.year). Areas belong to a plan year because their entrants are that intake's
 *   forecast; an import replaces the year's areas (all or nothing).
 * - County-wide: kind admissionPlan of the county, no schoolId. The bureau imports, edits and
 *   publishes (bureau.admission); inspectors and city users read (region.read); schools see
 *   nothing here (404); everyone sees a published plan (public.results).
 * - Schools taking part: open schools of the county except 特教 and 职业学校, for the stages their
 *   type teaches (core STAGES_OF_TYPE), with coordinates (school.latitude/longitude). A school
 *   without coordinates is listed as such and left out of the problem.
 * - Entry classes (起始年级招生班数): the bureau's figure for the year (zoning_entry_classes), else
 *   an estimate from the school's latest report up to the plan year: round(班级数 ÷ 6) for 小学,
 *   ÷ 3 for 初中, at least 1 when it has classes — marked `estimated` for the page to show.
 * - A plan stores the problem it was evaluated on (areas, schools, capacities, current zones) so a
 *   published plan can be shown and checked later whatever is imported afterwards. Saving
 *   (create or update) evaluates the assignment on the county's data of that moment.
 * - Publishing needs every area assigned; the plan published before for the same county, year and
 *   stage becomes withdrawn (the trigger keeps published and withdrawn plans unchanged).
 */
import {
  type Actor,
  type AreaKind,
  CLASS_SIZE_LIMITS,
  compareZonings,
  evaluateZoning,
  PUBLIC_ACTOR,
  type ResidentialArea,
  resourceRegionLevel,
  type SchoolType,
  STAGES,
  STAGES_OF_TYPE,
  type Stage,
  ZONING_STAGE_NAMES,
  type ZoningAssignment,
  type ZoningComparison,
  type ZoningEvaluation,
  ZoningInputError,
  type ZoningProblem,
  type ZoningSchool,
  type ZoningTotals,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';

// ── shapes ────────────────────────────────────────────────────────────────────────────────────

/** Where an input came from, for messages (sheet and Excel row, or a GeoJSON feature). */
export interface ZoningInputLocation {
  sheet?: string;
  row?: number;
  /** What the input is (e.g. 小区“阳光小区”（编号 A001）), put before messages without a row. */
  label?: string;
}

/** One area to import. */
export interface ZoningAreaInput {
  id: string;
  name: string;
  kind: AreaKind;
  township?: string | null;
  lon: number;
  lat: number;
  entrants: Record<Stage, number>;
  /**
   * 现划片学校: a 学校标识码 or the school's exact name, per stage; `any` = every stage the school
   * teaches (a workbook's single 现划片学校 column).
   */
  current?: { primary?: string | null; junior?: string | null; any?: string | null };
  at?: ZoningInputLocation;
}

/** A school's position and entry classes from a map file. */
export interface ZoningSchoolInput {
  schoolId: string;
  /** Name in the file, for messages. */
  name?: string;
  lon: number;
  lat: number;
  classes?: Partial<Record<Stage, number>>;
  classSizeLimit?: Partial<Record<Stage, number>>;
  at?: ZoningInputLocation;
}

export interface ZoningImportInput {
  countyCode: string;
  year: number;
  /** File name as the user knows it. */
  file: string;
  areas: ZoningAreaInput[];
  /** Schools of the map: their coordinates and entry classes are updated. */
  schools?: ZoningSchoolInput[];
  /** Township / zone polygons to draw (a GeoJSON FeatureCollection); replaces the county's map. */
  regions?: { name?: string | null; featureCollection: Record<string, unknown> };
}

/** One problem of an import (same fields as io's ImportError). */
export interface ZoningImportIssue {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  value?: unknown;
  message: string;
}

export interface ZoningImportSummary {
  file: string;
  year: number;
  areas: number;
  /** Areas of the year that were replaced. */
  replaced: number;
  entrants: Record<Stage, number>;
  currentZones: Record<Stage, number>;
  schoolsLocated: number;
  entryClasses: number;
  mapRegions: number;
}

/** Entry classes of one school and stage, as the zoning page shows them. */
export interface EntryClasses {
  classes: number;
  /** The limit in force (school override, else 45 / 50). */
  classSizeLimit: number;
  /** The school's own limit, null = national. */
  classSizeOverride: number | null;
  capacity: number;
  /** True when estimated from the report (no figure set by the bureau). */
  estimated: boolean;
  /** 班级数 of the stage in the report used for the estimate, and its year. */
  reportClasses: number | null;
  reportYear: number | null;
}

export interface ZoningSchoolRow {
  schoolId: string;
  name: string;
  type: SchoolType;
  township: string | null;
  lon: number | null;
  lat: number | null;
  /** Stages it takes zoned entrants for. */
  stages: Stage[];
  entry: Partial<Record<Stage, EntryClasses>>;
}

export interface ZoningAreaRow {
  id: string;
  name: string;
  kind: AreaKind;
  township: string | null;
  lon: number;
  lat: number;
  entrants: Record<Stage, number>;
  current: Record<Stage, string | null>;
}

export interface CountyZoningMap {
  name: string | null;
  /** GeoJSON FeatureCollection of township / zone polygons. */
  regions: Record<string, unknown>;
  file: string | null;
  updatedAt: Date;
}

/** The problem of a county, year and stage as stored now. */
export interface ZoningProblemFromDb {
  problem: ZoningProblem;
  /** Current zones of the stage (area id → school id), only schools in the problem. */
  current: Record<string, string>;
  /** Schools of the stage left out for lack of coordinates. */
  unlocated: { schoolId: string; name: string }[];
  /** Current zones naming a school that is not in the problem (no coordinates, closed). */
  currentDropped: { areaId: string; schoolId: string }[];
}

export type ZoningPlanSource = 'solver' | 'hand' | 'current';
export type ZoningPlanStatus = 'draft' | 'published' | 'withdrawn';

export interface ZoningPlanSummary {
  id: number;
  countyCode: string;
  year: number;
  stage: Stage;
  title: string;
  source: ZoningPlanSource;
  status: ZoningPlanStatus;
  totals: ZoningTotals;
  solver: Record<string, unknown> | null;
  version: number;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  publishedAt: Date | null;
}

export interface ZoningPlanView extends ZoningPlanSummary {
  assignment: Record<string, string>;
  /** The areas and schools the plan was evaluated on. */
  problem: ZoningProblem;
  current: Record<string, string>;
  evaluation: ZoningEvaluation;
  /** Current zones → this plan, when current zones were known. */
  comparison: ZoningComparison | null;
}

export interface NewZoningPlan {
  countyCode: string;
  year: number;
  stage: Stage;
  title: string;
  source: ZoningPlanSource;
  assignment: Record<string, string>;
  solver?: Record<string, unknown> | null;
}

/** What parents look up: which 小区/村 belong to which school. No figures about children. */
export interface PublicZoning {
  planId: number;
  countyCode: string;
  countyName: string;
  year: number;
  stage: Stage;
  title: string;
  publishedAt: Date;
  schools: {
    schoolId: string;
    name: string;
    /** The school's address in the register (public: it is a school's), null when none. */
    address: string | null;
    areas: { id: string; name: string; kind: AreaKind; township: string | null }[];
  }[];
}

/** The published 划片 plans of a county, as the public lookup lists them (newest year first). */
export interface PublicZoningPlans {
  county: { code: string; name: string };
  plans: { planId: number; year: number; stage: Stage; title: string; publishedAt: Date }[];
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

/** Grades per stage: entry classes are estimated as 班级数 ÷ grades. */
export const ZONING_GRADES: Readonly<Record<Stage, number>> = { primary: 6, junior: 3 };
/** School types that take no zoned entrants. */
const NOT_ZONED: readonly SchoolType[] = ['special', 'vocational'];
const AREA_ID = /^[A-Za-z0-9_.-]{1,40}$/;
export const MAX_ZONING_AREAS = 20_000;

const CONFLICT = '该划片方案已被他人修改：请刷新后在最新版本上修改，您的改动未保存';
const notFound = (what: string) => `没有找到${what}，或您无权查看`;
const invalid = (message: string, details?: unknown): never => {
  throw new AccessError('invalidData', message, details);
};

/** Stages a school type takes zoned entrants for. */
export function zoningStagesOf(type: SchoolType): Stage[] {
  return NOT_ZONED.includes(type) ? [] : [...STAGES_OF_TYPE[type]];
}

function checkStage(stage: unknown): Stage {
  if (stage !== 'primary' && stage !== 'junior')
    invalid(`学段应为 primary（小学）或 junior（初中），收到 ${String(stage)}`);
  return stage as Stage;
}

async function checkCounty(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  action: 'view' | 'edit' | 'import' | 'publish',
): Promise<string> {
  const message = notFound(`县 ${String(countyCode)} 的划片数据`);
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new AccessError('notFound', message);
  }
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: countyCode }, message);
  const { rows } = await db.query<{ name: string }>(
    "SELECT name FROM region WHERE code = $1 AND level = 'county'",
    [countyCode],
  );
  if (!rows[0]) throw new AccessError('notFound', message);
  return rows[0].name;
}

// ── reading ───────────────────────────────────────────────────────────────────────────────────

async function readSchools(db: Queryable, countyCode: string, year: number): Promise<ZoningSchoolRow[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    type: SchoolType;
    township: string | null;
    latitude: number | null;
    longitude: number | null;
  }>(
    `SELECT s.id, s.name, s.type, t.name AS township, s.latitude, s.longitude
       FROM school s LEFT JOIN region t ON t.code = s.region_code AND t.level = 'township'
      WHERE s.county_code = $1 AND s.status = 'open' AND s.type <> ALL($2::text[])
      ORDER BY s.id`,
    [countyCode, NOT_ZONED],
  );
  const set = await db.query<{
    school_id: string;
    stage: Stage;
    classes: number;
    class_size_limit: number | null;
  }>(
    `SELECT e.school_id, e.stage, e.classes, e.class_size_limit
       FROM zoning_entry_classes e JOIN school s ON s.id = e.school_id
      WHERE s.county_code = $1 AND e.year = $2`,
    [countyCode, year],
  );
  const reports = await db.query<{ school_id: string; stage: Stage; year: number; classes: string | number }>(
    `SELECT DISTINCT ON (r.school_id, r.stage) r.school_id, r.stage, r.year, (r.data->>'classes')::numeric AS classes
       FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE s.county_code = $1 AND r.year <= $2 AND jsonb_typeof(r.data->'classes') = 'number'
      ORDER BY r.school_id, r.stage, r.year DESC`,
    [countyCode, year],
  );
  const key = (id: string, stage: Stage) => `${id}/${stage}`;
  const stored = new Map(set.rows.map((r) => [key(r.school_id, r.stage), r]));
  const reported = new Map(reports.rows.map((r) => [key(r.school_id, r.stage), r]));
  return rows.map((s) => {
    const stages = zoningStagesOf(s.type);
    const entry: Partial<Record<Stage, EntryClasses>> = {};
    for (const stage of stages) {
      const own = stored.get(key(s.id, stage));
      const rep = reported.get(key(s.id, stage));
      const reportClasses = rep ? Number(rep.classes) : null;
      const estimate =
        reportClasses !== null && reportClasses > 0
          ? Math.max(1, Math.round(reportClasses / ZONING_GRADES[stage]))
          : 0;
      const classes = own ? own.classes : estimate;
      const override = own?.class_size_limit ?? null;
      const limit = override ?? CLASS_SIZE_LIMITS[stage].limit;
      entry[stage] = {
        classes,
        classSizeLimit: limit,
        classSizeOverride: override,
        capacity: classes * limit,
        estimated: !own,
        reportClasses,
        reportYear: rep?.year ?? null,
      };
    }
    return {
      schoolId: s.id,
      name: s.name,
      type: s.type,
      township: s.township,
      lon: s.longitude,
      lat: s.latitude,
      stages,
      entry,
    };
  });
}

async function readAreas(db: Queryable, countyCode: string, year: number): Promise<ZoningAreaRow[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    kind: AreaKind;
    township: string | null;
    longitude: number;
    latitude: number;
    primary_entrants: number;
    junior_entrants: number;
    current_primary_school_id: string | null;
    current_junior_school_id: string | null;
  }>(
    `SELECT id, name, kind, township, longitude, latitude, primary_entrants, junior_entrants,
            current_primary_school_id, current_junior_school_id
       FROM residential_area WHERE county_code = $1 AND year = $2 ORDER BY position, id`,
    [countyCode, year],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    township: r.township,
    lon: r.longitude,
    lat: r.latitude,
    entrants: { primary: r.primary_entrants, junior: r.junior_entrants },
    current: { primary: r.current_primary_school_id, junior: r.current_junior_school_id },
  }));
}

/**
 * The schools of the county as zoning sees them: coordinates, stages, entry classes (set or
 * estimated) and capacity per stage.
 * @throws AccessError notFound when the actor may not view the county's admission plans
 */
export async function zoningSchools(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<ZoningSchoolRow[]> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  return readSchools(db, countyCode, year);
}

/** The county's residential areas of a plan year, in file order. @throws AccessError notFound */
export async function listZoningAreas(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<ZoningAreaRow[]> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  return readAreas(db, countyCode, year);
}

/** The county's map (township polygons), null when none was imported. @throws AccessError notFound */
export async function getZoningMap(
  db: Queryable,
  actor: Actor,
  countyCode: string,
): Promise<CountyZoningMap | null> {
  await checkCounty(db, actor, countyCode, 'view');
  const { rows } = await db.query<{
    name: string | null;
    regions: Record<string, unknown>;
    file: string | null;
    updated_at: Date;
  }>('SELECT name, regions, file, updated_at FROM zoning_map WHERE county_code = $1', [countyCode]);
  const r = rows[0];
  return r ? { name: r.name, regions: r.regions, file: r.file, updatedAt: r.updated_at } : null;
}

function problemOf(stage: Stage, areas: ZoningAreaRow[], schools: ZoningSchoolRow[]): ZoningProblemFromDb {
  const unlocated: ZoningProblemFromDb['unlocated'] = [];
  const zs: ZoningSchool[] = [];
  for (const s of schools) {
    if (!s.stages.includes(stage)) continue;
    if (s.lon === null || s.lat === null) {
      unlocated.push({ schoolId: s.schoolId, name: s.name });
      continue;
    }
    const school: ZoningSchool = {
      id: s.schoolId,
      name: s.name,
      lon: s.lon,
      lat: s.lat,
      stages: s.stages,
      classes: {},
    };
    const limits: Partial<Record<Stage, number>> = {};
    for (const st of s.stages) {
      const e = s.entry[st]!;
      school.classes[st] = e.classes;
      if (e.classSizeOverride !== null) limits[st] = e.classSizeOverride;
    }
    if (Object.keys(limits).length > 0) school.classSizeLimit = limits;
    zs.push(school);
  }
  const inProblem = new Set(zs.map((s) => s.id));
  const current: Record<string, string> = {};
  const currentDropped: ZoningProblemFromDb['currentDropped'] = [];
  const problemAreas: ResidentialArea[] = areas.map((a) => {
    const c = a.current[stage];
    if (c !== null) {
      if (inProblem.has(c)) current[a.id] = c;
      else currentDropped.push({ areaId: a.id, schoolId: c });
    }
    const area: ResidentialArea = {
      id: a.id,
      name: a.name,
      kind: a.kind,
      lon: a.lon,
      lat: a.lat,
      entrants: a.entrants,
    };
    if (a.township !== null) area.township = a.township;
    return area;
  });
  return { problem: { stage, areas: problemAreas, schools: zs }, current, unlocated, currentDropped };
}

/**
 * The zoning problem of a county, plan year and stage from the stored areas and schools, with the
 * current zones of the stage.
 * @throws AccessError notFound (no view), invalidData (bad stage or year)
 */
export async function buildZoningProblem(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
  stage: Stage,
): Promise<ZoningProblemFromDb> {
  checkYear(year);
  checkStage(stage);
  await checkCounty(db, actor, countyCode, 'view');
  return problemOf(stage, await readAreas(db, countyCode, year), await readSchools(db, countyCode, year));
}

// ── import ────────────────────────────────────────────────────────────────────────────────────

const CURRENT_COLUMNS: Record<Stage | 'any', string> = {
  primary: '现划片学校(小学)',
  junior: '现划片学校(初中)',
  any: '现划片学校',
};

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000;
}

function isCoordinate(v: unknown, limit: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;
}

/**
 * Replaces the county's residential areas of a plan year (and, from a map file, the schools'
 * coordinates and entry classes, and the county map). Everything is checked first: with any
 * problem nothing is written and every problem is listed.
 * @throws AccessError notFound / notAllowed; invalidData with `details` = ZoningImportIssue[]
 */
export async function importZoningAreas(
  db: Database | Queryable,
  actor: Actor,
  input: ZoningImportInput,
  opts: { ip?: string | null } = {},
): Promise<ZoningImportSummary> {
  checkYear(input.year);
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, input.countyCode, 'import');
    if (input.schools && input.schools.length > 0) {
      requireAllowed(actor, 'edit', { kind: 'school', regionCode: input.countyCode }, notFound('该县的学校'));
    }
    const file = input.file;
    const issues: ZoningImportIssue[] = [];
    const issue = (
      at: ZoningInputLocation | undefined,
      message: string,
      column?: string,
      ...value: [unknown?]
    ) => {
      const e: ZoningImportIssue = {
        file,
        message: at?.row === undefined && at?.label ? `${at.label}：${message}` : message,
      };
      if (at?.sheet) e.sheet = at.sheet;
      if (at?.row !== undefined) e.row = at.row;
      if (column) e.column = column;
      if (value.length > 0) e.value = value[0];
      issues.push(e);
    };
    if (!Array.isArray(input.areas) || input.areas.length === 0) {
      issue(undefined, '文件中没有小区或村：请每行（或每个点要素）填写一个小区或村');
    } else if (input.areas.length > MAX_ZONING_AREAS) {
      issue(
        undefined,
        `小区/村数量 ${input.areas.length} 超过上限 ${MAX_ZONING_AREAS}：请按乡镇拆分或合并较小的村`,
      );
    }

    const { rows: schoolRows } = await tx.query<{
      id: string;
      name: string;
      type: SchoolType;
      status: string;
    }>('SELECT id, name, type, status FROM school WHERE county_code = $1', [input.countyCode]);
    const byId = new Map(schoolRows.map((s) => [s.id, s]));
    const byName = new Map<string, typeof schoolRows>();
    for (const s of schoolRows) {
      if (s.status !== 'open') continue;
      byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    }

    // Schools of a map file first: a current zone may name one of them.
    const located: ZoningSchoolInput[] = [];
    const entryRows: { schoolId: string; stage: Stage; classes: number; limit: number | null }[] = [];
    for (const s of input.schools ?? []) {
      const label = `学校 ${s.name ?? s.schoolId}`;
      const school = byId.get(s.schoolId);
      if (!school) {
        issue(
          s.at,
          `${label} 不是本县的学校（学校标识码 ${s.schoolId}）：请核对学校标识码，或先在“学校”中登记该校`,
          '学校标识码',
          s.schoolId,
        );
        continue;
      }
      if (school.status !== 'open') {
        issue(
          s.at,
          `${school.name} 已${school.status === 'merged' ? '合并' : '撤销'}，不能参加划片：请从地图中删除该校`,
          '学校标识码',
          s.schoolId,
        );
        continue;
      }
      if (!isCoordinate(s.lon, 180) || !isCoordinate(s.lat, 90)) {
        issue(s.at, `${label} 的坐标无效：经度应在 −180～180、纬度在 −90～90 之间`, '坐标', [s.lon, s.lat]);
        continue;
      }
      const stages = zoningStagesOf(school.type);
      let ok = true;
      for (const [stage, n] of Object.entries(s.classes ?? {}) as [Stage, number][]) {
        if (!stages.includes(stage)) {
          issue(
            s.at,
            `${school.name} 不招收${ZONING_STAGE_NAMES[stage]}新生，不应填写${ZONING_STAGE_NAMES[stage]}起始年级班数`,
            `${ZONING_STAGE_NAMES[stage]}班数`,
            n,
          );
          ok = false;
        } else if (!Number.isInteger(n) || n < 0 || n > 100) {
          issue(
            s.at,
            `${school.name} 的${ZONING_STAGE_NAMES[stage]}起始年级班数应为 0～100 的整数`,
            `${ZONING_STAGE_NAMES[stage]}班数`,
            n,
          );
          ok = false;
        }
      }
      for (const [stage, n] of Object.entries(s.classSizeLimit ?? {}) as [Stage, number][]) {
        if (!Number.isInteger(n) || n < 1 || n > 100) {
          issue(
            s.at,
            `${school.name} 的${ZONING_STAGE_NAMES[stage]}班额上限应为 1～100 的整数`,
            `${ZONING_STAGE_NAMES[stage]}班额`,
            n,
          );
          ok = false;
        }
      }
      if (!ok) continue;
      located.push(s);
      for (const [stage, n] of Object.entries(s.classes ?? {}) as [Stage, number][]) {
        entryRows.push({ schoolId: s.schoolId, stage, classes: n, limit: s.classSizeLimit?.[stage] ?? null });
      }
    }

    const resolve = (ref: string, at: ZoningInputLocation | undefined, column: string) => {
      const r = ref.trim();
      const s = byId.get(r);
      if (s) {
        if (s.status !== 'open') {
          issue(
            at,
            `学校 ${s.name} 已${s.status === 'merged' ? '合并' : '撤销'}：请填写现在招生的学校`,
            column,
            ref,
          );
          return undefined;
        }
        return s;
      }
      const named = byName.get(r) ?? [];
      if (named.length === 1) return named[0];
      if (named.length > 1) {
        issue(
          at,
          `本县有 ${named.length} 所学校叫“${r}”：请改填学校标识码（${named.map((n) => n.id).join('、')}）`,
          column,
          ref,
        );
      } else {
        issue(
          at,
          '不是本县学校的名称或学校标识码：请按“学校”列表中的名称或 10 位学校标识码填写，不清楚可留空',
          column,
          ref,
        );
      }
      return undefined;
    };

    const ids = new Map<string, ZoningInputLocation | undefined>();
    const rows: { a: ZoningAreaInput; current: Record<Stage, string | null> }[] = [];
    for (const a of input.areas ?? []) {
      const at = a.at;
      const before = issues.length;
      if (typeof a.id !== 'string' || !AREA_ID.test(a.id)) {
        issue(at, '编号只能由字母、数字、下划线、点和短横线组成（最多 40 个字符），如 A001', '编号', a.id);
      } else if (ids.has(a.id)) {
        const first = ids.get(a.id);
        issue(
          at,
          `编号与${first?.row !== undefined ? `第 ${first.row} 行` : '前面的小区/村'}重复：每个小区/村的编号应唯一`,
          '编号',
          a.id,
        );
      } else ids.set(a.id, at);
      const name = typeof a.name === 'string' ? a.name.trim() : '';
      if (name === '' || [...name].length > 50) issue(at, '名称不能为空，最多 50 个字', '名称', a.name);
      if (a.kind !== 'estate' && a.kind !== 'village') issue(at, '类型应为“小区”或“村”', '类型', a.kind);
      if (a.township != null && (typeof a.township !== 'string' || [...a.township].length > 50)) {
        issue(at, '乡镇名称最多 50 个字', '乡镇', a.township);
      }
      if (!isCoordinate(a.lon, 180)) issue(at, '经度应为 −180～180 之间的数', '经度', a.lon);
      if (!isCoordinate(a.lat, 90)) issue(at, '纬度应为 −90～90 之间的数', '纬度', a.lat);
      for (const stage of STAGES) {
        if (!isCount(a.entrants?.[stage])) {
          issue(
            at,
            '预计入学人数应为 0～100000 的整数',
            `预计入学人数(${ZONING_STAGE_NAMES[stage]})`,
            a.entrants?.[stage],
          );
        }
      }
      const current: Record<Stage, string | null> = { primary: null, junior: null };
      for (const key of ['primary', 'junior', 'any'] as const) {
        const ref = a.current?.[key];
        if (ref === undefined || ref === null || String(ref).trim() === '') continue;
        const column = CURRENT_COLUMNS[key];
        const school = resolve(String(ref), at, column);
        if (!school) continue;
        const teaches = zoningStagesOf(school.type);
        if (key === 'any') {
          if (teaches.length === 0) issue(at, `${school.name} 不招收划片新生：请填写小学或初中`, column, ref);
          for (const st of teaches) current[st] ??= school.id;
        } else if (!teaches.includes(key)) {
          issue(
            at,
            `${school.name} 不招收${ZONING_STAGE_NAMES[key]}新生：请填写招收${ZONING_STAGE_NAMES[key]}的学校`,
            column,
            ref,
          );
        } else current[key] = school.id;
      }
      if (issues.length === before) rows.push({ a: { ...a, name }, current });
    }
    if (issues.length > 0) {
      invalid(`文件 ${file} 有 ${issues.length} 处错误，未导入任何数据：请按列表逐条修改后重新导入`, issues);
    }

    // ── write ──
    const by = await actingUser(tx, actor);
    const old = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM residential_area WHERE county_code = $1 AND year = $2',
      [input.countyCode, input.year],
    );
    await tx.query('DELETE FROM residential_area WHERE county_code = $1 AND year = $2', [
      input.countyCode,
      input.year,
    ]);
    const COLS = 14;
    for (let start = 0; start < rows.length; start += 200) {
      const chunk = rows.slice(start, start + 200);
      const params: unknown[] = [];
      const values = chunk.map(({ a, current }, i) => {
        params.push(
          input.countyCode,
          input.year,
          a.id,
          a.name,
          a.kind,
          a.township?.trim() || null,
          a.lon,
          a.lat,
          a.entrants.primary,
          a.entrants.junior,
          current.primary,
          current.junior,
          start + i,
          by.id,
        );
        const b = i * COLS;
        return `(${Array.from({ length: COLS }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      await tx.query(
        `INSERT INTO residential_area (county_code, year, id, name, kind, township, longitude, latitude,
            primary_entrants, junior_entrants, current_primary_school_id, current_junior_school_id, position, updated_by)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
    for (const s of located) {
      await tx.query('UPDATE school SET longitude = $2, latitude = $3, updated_at = now() WHERE id = $1', [
        s.schoolId,
        s.lon,
        s.lat,
      ]);
    }
    for (const e of entryRows) {
      await tx.query(
        `INSERT INTO zoning_entry_classes (school_id, year, stage, classes, class_size_limit, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (school_id, year, stage) DO UPDATE
           SET classes = EXCLUDED.classes, class_size_limit = EXCLUDED.class_size_limit,
               updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [e.schoolId, input.year, e.stage, e.classes, e.limit, by.id],
      );
    }
    let mapRegions = 0;
    if (input.regions) {
      const features = (input.regions.featureCollection as { features?: unknown[] }).features;
      mapRegions = Array.isArray(features) ? features.length : 0;
      await tx.query(
        `INSERT INTO zoning_map (county_code, name, regions, file, updated_by) VALUES ($1, $2, $3::jsonb, $4, $5)
         ON CONFLICT (county_code) DO UPDATE SET name = EXCLUDED.name, regions = EXCLUDED.regions,
           file = EXCLUDED.file, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [
          input.countyCode,
          input.regions.name ?? null,
          jsonb(input.regions.featureCollection),
          file.slice(0, 200),
          by.id,
        ],
      );
    }
    const summary: ZoningImportSummary = {
      file,
      year: input.year,
      areas: rows.length,
      replaced: old.rows[0]!.n,
      entrants: {
        primary: rows.reduce((t, r) => t + r.a.entrants.primary, 0),
        junior: rows.reduce((t, r) => t + r.a.entrants.junior, 0),
      },
      currentZones: {
        primary: rows.filter((r) => r.current.primary !== null).length,
        junior: rows.filter((r) => r.current.junior !== null).length,
      },
      schoolsLocated: located.length,
      entryClasses: entryRows.length,
      mapRegions,
    };
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoning.importAreas',
      entity: 'residential_area',
      entityId: `${input.countyCode}/${input.year}`,
      after: summary,
      ip: opts.ip ?? null,
    });
    return summary;
  });
}

/** One entry-class figure to set. */
export interface EntryClassesInput {
  schoolId: string;
  stage: Stage;
  classes: number;
  /** The school's class-size limit; null = national (45 / 50). */
  classSizeLimit?: number | null;
}

/**
 * Sets schools' entry classes of a plan year (the bureau's figure replaces the estimate).
 * @throws AccessError notFound / notAllowed / invalidData
 */
export async function saveEntryClasses(
  db: Database | Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
  items: readonly EntryClassesInput[],
  opts: { ip?: string | null } = {},
): Promise<ZoningSchoolRow[]> {
  checkYear(year);
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, countyCode, 'edit');
    const schools = new Map((await readSchools(tx, countyCode, year)).map((s) => [s.schoolId, s]));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    items.forEach((it, i) => {
      const at = `第 ${i + 1} 项`;
      const s = schools.get(it.schoolId);
      if (!s) invalid(`${at}：学校 ${String(it.schoolId)} 不是本县参加划片的学校`);
      const stage = checkStage(it.stage);
      if (!s!.stages.includes(stage)) invalid(`${s!.name} 不招收${ZONING_STAGE_NAMES[stage]}新生`);
      if (!Number.isInteger(it.classes) || it.classes < 0 || it.classes > 100) {
        invalid(
          `${s!.name} 的${ZONING_STAGE_NAMES[stage]}起始年级班数应为 0～100 的整数，收到 ${String(it.classes)}`,
        );
      }
      const limit = it.classSizeLimit ?? null;
      if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
        invalid(`${s!.name} 的班额上限应为 1～100 的整数，收到 ${String(limit)}`);
      }
      const e = s!.entry[stage]!;
      before[`${it.schoolId}/${stage}`] = {
        classes: e.classes,
        classSizeLimit: e.classSizeOverride,
        estimated: e.estimated,
      };
      after[`${it.schoolId}/${stage}`] = { classes: it.classes, classSizeLimit: limit };
    });
    const by = await actingUser(tx, actor);
    for (const it of items) {
      await tx.query(
        `INSERT INTO zoning_entry_classes (school_id, year, stage, classes, class_size_limit, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (school_id, year, stage) DO UPDATE
           SET classes = EXCLUDED.classes, class_size_limit = EXCLUDED.class_size_limit,
               updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [it.schoolId, year, it.stage, it.classes, it.classSizeLimit ?? null, by.id],
      );
    }
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoning.entryClasses',
      entity: 'zoning_entry_classes',
      entityId: `${countyCode}/${year}`,
      before,
      after,
      ip: opts.ip ?? null,
    });
    return readSchools(tx, countyCode, year);
  });
}

// ── plans ─────────────────────────────────────────────────────────────────────────────────────

interface PlanRowDb {
  id: number;
  county_code: string;
  year: number;
  stage: Stage;
  title: string;
  source: ZoningPlanSource;
  assignment: Record<string, string>;
  problem: { problem: ZoningProblem; current: Record<string, string> };
  solver: Record<string, unknown> | null;
  totals: ZoningTotals;
  status: ZoningPlanStatus;
  published_at: Date | null;
  version: number;
  created_at: Date;
  created_by_name: string | null;
  updated_at: Date;
  updated_by_name: string | null;
}

const SELECT_PLAN = `
  SELECT p.id, p.county_code, p.year, p.stage, p.title, p.source, p.assignment, p.problem, p.solver, p.totals,
         p.status, p.published_at, p.version, p.created_at, cu.display_name AS created_by_name, p.updated_at,
         uu.display_name AS updated_by_name
    FROM zoning_plan p
    LEFT JOIN app_user cu ON cu.id = p.created_by
    LEFT JOIN app_user uu ON uu.id = p.updated_by`;
const SELECT_SUMMARY = SELECT_PLAN.replace('p.assignment, p.problem, ', '');

function summaryOf(r: Omit<PlanRowDb, 'assignment' | 'problem'>): ZoningPlanSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    year: r.year,
    stage: r.stage,
    title: r.title,
    source: r.source,
    status: r.status,
    totals: r.totals,
    solver: r.solver,
    version: r.version,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    publishedAt: r.published_at,
  };
}

function viewOf(r: PlanRowDb): ZoningPlanView {
  const { problem, current } = r.problem;
  const evaluation = evaluateZoning(problem, r.assignment);
  const comparison =
    Object.keys(current).length > 0 ? compareZonings(evaluateZoning(problem, current), evaluation) : null;
  return { ...summaryOf(r), assignment: r.assignment, problem, current, evaluation, comparison };
}

async function loadPlan(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit' | 'publish',
  lock = false,
): Promise<PlanRowDb> {
  const message = notFound(`划片方案 ${String(id)}`);
  if (!Number.isSafeInteger(id) || id < 1) throw new AccessError('notFound', message);
  const { rows } = await db.query<PlanRowDb>(
    `${SELECT_PLAN} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', message);
  requireAllowed(
    actor,
    action,
    { kind: 'admissionPlan', regionCode: row.county_code, published: row.status === 'published' },
    message,
  );
  return row;
}

function checkTitle(title: unknown): string {
  const t = typeof title === 'string' ? title.trim() : '';
  if (t === '' || [...t].length > 100) invalid('请填写方案名称（1～100 个字）');
  return t;
}

function checkSource(source: unknown): ZoningPlanSource {
  if (source !== 'solver' && source !== 'hand' && source !== 'current') {
    invalid(`方案来源应为 solver（求解）、hand（手动调整）或 current（现行划片），收到 ${String(source)}`);
  }
  return source as ZoningPlanSource;
}

function checkAssignment(assignment: unknown): Record<string, string> {
  if (typeof assignment !== 'object' || assignment === null || Array.isArray(assignment)) {
    invalid('划片方案应为“小区/村编号 → 学校标识码”的对象');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(assignment as Record<string, unknown>)) {
    if (typeof v !== 'string') invalid(`小区/村 ${k} 的学校应为学校标识码（文字），收到 ${String(v)}`);
    out[k] = v as string;
  }
  return out;
}

/** Evaluates an assignment on the county's current data; core's input errors become invalidData. */
async function evaluateOnDb(
  tx: Queryable,
  countyCode: string,
  year: number,
  stage: Stage,
  assignment: Record<string, string>,
): Promise<{ built: ZoningProblemFromDb; evaluation: ZoningEvaluation }> {
  const built = problemOf(
    stage,
    await readAreas(tx, countyCode, year),
    await readSchools(tx, countyCode, year),
  );
  if (built.problem.areas.length === 0) {
    invalid(`${year}年还没有导入小区/村：请先在划片页面导入小区/村（GeoJSON 或 Excel）`);
  }
  try {
    return { built, evaluation: evaluateZoning(built.problem, assignment) };
  } catch (e) {
    if (e instanceof ZoningInputError) invalid(e.message);
    throw e;
  }
}

function auditPlan(
  title: string,
  source: ZoningPlanSource,
  evaluation: ZoningEvaluation,
  current: Record<string, string>,
  assignment: ZoningAssignment,
) {
  const t = evaluation.totals;
  return {
    title,
    source,
    areas: t.areas,
    unassignedAreas: t.unassignedAreas,
    changedFromCurrent: Object.keys(current).filter((k) => current[k] !== assignment[k]).length,
    meanDistanceKm: t.meanDistanceKm === null ? null : Math.round(t.meanDistanceKm * 1000) / 1000,
    overflowStudents: t.overflowStudents,
  };
}

/**
 * Saves a new draft plan (evaluated on the county's current areas and schools).
 * @throws AccessError notFound, notAllowed, invalidData
 */
export async function createZoningPlan(
  db: Database | Queryable,
  actor: Actor,
  input: NewZoningPlan,
  opts: { ip?: string | null } = {},
): Promise<ZoningPlanView> {
  checkYear(input.year);
  const stage = checkStage(input.stage);
  const title = checkTitle(input.title);
  const source = checkSource(input.source);
  const assignment = checkAssignment(input.assignment);
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, input.countyCode, 'edit');
    const { built, evaluation } = await evaluateOnDb(tx, input.countyCode, input.year, stage, assignment);
    const by = await actingUser(tx, actor);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO zoning_plan (county_code, year, stage, title, source, assignment, problem, solver, totals,
                                created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $10) RETURNING id`,
      [
        input.countyCode,
        input.year,
        stage,
        title,
        source,
        jsonb(assignment),
        jsonb({ problem: built.problem, current: built.current }),
        input.solver ? jsonb(input.solver) : null,
        jsonb(evaluation.totals),
        by.id,
      ],
    );
    const id = rows[0]!.id;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoningPlan.create',
      entity: 'zoning_plan',
      entityId: String(id),
      after: {
        countyCode: input.countyCode,
        year: input.year,
        stage,
        ...auditPlan(title, source, evaluation, built.current, assignment),
      },
      ip: opts.ip ?? null,
    });
    return viewOf(await loadPlan(tx, actor, id, 'view'));
  });
}

/**
 * Saves a changed draft (re-evaluated on the county's current data).
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState (not a draft), invalidData
 */
export async function updateZoningPlan(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: {
    title: string;
    source: ZoningPlanSource;
    assignment: Record<string, string>;
    solver?: Record<string, unknown> | null;
    expectedVersion: number;
  },
  opts: { ip?: string | null } = {},
): Promise<ZoningPlanView> {
  const title = checkTitle(input.title);
  const source = checkSource(input.source);
  const assignment = checkAssignment(input.assignment);
  return inTransaction(db, async (tx) => {
    const row = await loadPlan(tx, actor, id, 'edit', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status !== 'draft') {
      throw new AccessError('wrongState', '该方案已发布（或已被新方案取代），不能再修改：请另存为新方案');
    }
    const { built, evaluation } = await evaluateOnDb(tx, row.county_code, row.year, row.stage, assignment);
    const by = await actingUser(tx, actor);
    await tx.query(
      `UPDATE zoning_plan SET title = $2, source = $3, assignment = $4::jsonb, problem = $5::jsonb, solver = $6::jsonb,
              totals = $7::jsonb, version = version + 1, updated_by = $8, updated_at = now()
        WHERE id = $1`,
      [
        id,
        title,
        source,
        jsonb(assignment),
        jsonb({ problem: built.problem, current: built.current }),
        (input.solver === undefined ? row.solver : input.solver) ? jsonb(input.solver ?? row.solver) : null,
        jsonb(evaluation.totals),
        by.id,
      ],
    );
    const changedAreas = Object.keys({ ...row.assignment, ...assignment }).filter(
      (k) => row.assignment[k] !== assignment[k],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoningPlan.update',
      entity: 'zoning_plan',
      entityId: String(id),
      before: { version: row.version, title: row.title, source: row.source },
      after: {
        version: row.version + 1,
        ...auditPlan(title, source, evaluation, built.current, assignment),
        changedAreas: changedAreas.slice(0, 200),
      },
      ip: opts.ip ?? null,
    });
    return viewOf(await loadPlan(tx, actor, id, 'view'));
  });
}

/**
 * Publishes a draft (公示): it becomes public; the plan published before for the same county, year
 * and stage is withdrawn. Every area must have a school.
 * @throws AccessError notFound, notAllowed, conflict, wrongState
 */
export async function publishZoningPlan(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number },
  opts: { ip?: string | null } = {},
): Promise<ZoningPlanView> {
  return inTransaction(db, async (tx) => {
    const row = await loadPlan(tx, actor, id, 'publish', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status !== 'draft') throw new AccessError('wrongState', '该方案已发布过，不能重复发布');
    const unassigned = row.totals.unassignedAreas;
    if (unassigned > 0) {
      throw new AccessError(
        'wrongState',
        `方案中还有 ${unassigned} 个小区/村未划片：请先为它们指定学校，再发布`,
      );
    }
    const by = await actingUser(tx, actor);
    const previous = await tx.query<{ id: number; version: number }>(
      `SELECT id, version FROM zoning_plan WHERE county_code = $1 AND year = $2 AND stage = $3 AND status = 'published'
        FOR UPDATE`,
      [row.county_code, row.year, row.stage],
    );
    for (const p of previous.rows) {
      await tx.query(
        `UPDATE zoning_plan SET status = 'withdrawn', version = version + 1, updated_by = $2, updated_at = now()
          WHERE id = $1`,
        [p.id, by.id],
      );
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: 'zoningPlan.withdraw',
        entity: 'zoning_plan',
        entityId: String(p.id),
        before: { version: p.version, status: 'published' },
        after: { version: p.version + 1, status: 'withdrawn', replacedBy: id },
        ip: opts.ip ?? null,
      });
    }
    await tx.query(
      `UPDATE zoning_plan SET status = 'published', published_at = now(), published_by = $2, version = version + 1,
              updated_by = $2, updated_at = now()
        WHERE id = $1`,
      [id, by.id],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoningPlan.publish',
      entity: 'zoning_plan',
      entityId: String(id),
      before: { version: row.version, status: 'draft' },
      after: { version: row.version + 1, status: 'published', withdrawn: previous.rows.map((p) => p.id) },
      ip: opts.ip ?? null,
    });
    return viewOf(await loadPlan(tx, actor, id, 'view'));
  });
}

/** One plan with its evaluation. @throws AccessError notFound */
export async function getZoningPlan(db: Queryable, actor: Actor, id: number): Promise<ZoningPlanView> {
  return viewOf(await loadPlan(db, actor, id, 'view'));
}

/** The county's plans of a year (and stage), newest first. @throws AccessError notFound */
export async function listZoningPlans(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
  stage?: Stage,
): Promise<ZoningPlanSummary[]> {
  checkYear(year);
  if (stage !== undefined) checkStage(stage);
  await checkCounty(db, actor, countyCode, 'view');
  const params: unknown[] = [countyCode, year];
  let where = 'p.county_code = $1 AND p.year = $2';
  if (stage) {
    params.push(stage);
    where += ' AND p.stage = $3';
  }
  const { rows } = await db.query<PlanRowDb>(
    `${SELECT_SUMMARY} WHERE ${where} ORDER BY p.updated_at DESC, p.id DESC`,
    params,
  );
  return rows.map(summaryOf);
}

/**
 * The published plan of a county, year and stage as parents read it (no login): each school and its
 * 小区/村. @throws AccessError notFound when nothing is published
 */
export async function getPublicZoning(
  db: Queryable,
  countyCode: string,
  year: number,
  stage: Stage,
): Promise<PublicZoning> {
  const message = notFound(`${year}年${ZONING_STAGE_NAMES[stage] ?? ''}已公示的划片方案`);
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new AccessError('notFound', message);
  }
  checkYear(year);
  checkStage(stage);
  const { rows } = await db.query<PlanRowDb & { county_name: string }>(
    `${SELECT_PLAN.replace('FROM zoning_plan p', ', r.name AS county_name FROM zoning_plan p JOIN region r ON r.code = p.county_code')}
      WHERE p.county_code = $1 AND p.year = $2 AND p.stage = $3 AND p.status = 'published'`,
    [countyCode, year, stage],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', message);
  requireAllowed(
    PUBLIC_ACTOR,
    'view',
    { kind: 'admissionPlan', regionCode: countyCode, published: true },
    message,
  );
  const { problem } = row.problem;
  const bySchool = new Map<string, PublicZoning['schools'][number]['areas']>();
  for (const a of problem.areas) {
    const s = row.assignment[a.id];
    if (!s) continue;
    bySchool.set(s, [
      ...(bySchool.get(s) ?? []),
      { id: a.id, name: a.name, kind: a.kind, township: a.township ?? null },
    ]);
  }
  const addresses = await db.query<{ id: string; address: string | null }>(
    'SELECT id, address FROM school WHERE county_code = $1',
    [countyCode],
  );
  const addressOf = new Map(addresses.rows.map((r) => [r.id, r.address?.trim() || null]));
  return {
    planId: row.id,
    countyCode,
    countyName: row.county_name,
    year: row.year,
    stage: row.stage,
    title: row.title,
    publishedAt: row.published_at!,
    schools: problem.schools
      .filter((s) => s.stages.includes(stage))
      .map((s) => ({
        schoolId: s.id,
        name: s.name,
        address: addressOf.get(s.id) ?? null,
        areas: bySchool.get(s.id) ?? [],
      })),
  };
}

/**
 * The plans a county has published (no login): which years and stages a parent can look up. A
 * county with none gives an empty list. @throws AccessError notFound for a code that is no county
 */
export async function listPublicZoningPlans(db: Queryable, countyCode: string): Promise<PublicZoningPlans> {
  const message = notFound('该县（市、区）');
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new AccessError('notFound', message);
  }
  const county = await db.query<{ code: string; name: string }>(
    "SELECT code, name FROM region WHERE code = $1 AND level = 'county'",
    [countyCode],
  );
  if (!county.rows[0]) throw new AccessError('notFound', message);
  requireAllowed(
    PUBLIC_ACTOR,
    'view',
    { kind: 'admissionPlan', regionCode: countyCode, published: true },
    message,
  );
  const { rows } = await db.query<{
    id: number;
    year: number;
    stage: Stage;
    title: string;
    published_at: Date;
  }>(
    `SELECT id, year, stage, title, published_at FROM zoning_plan
      WHERE county_code = $1 AND status = 'published'
      ORDER BY year DESC, CASE stage WHEN 'primary' THEN 0 ELSE 1 END, id`,
    [countyCode],
  );
  return {
    county: county.rows[0],
    plans: rows.map((r) => ({
      planId: r.id,
      year: r.year,
      stage: r.stage,
      title: r.title,
      publishedAt: r.published_at,
    })),
  };
}
