/**
 * @module 划片 (zoning) import input: the shapes an area import brings (areas from a GeoJSON map or an
 * Excel sheet, the map's schools, township polygons) and their checking against the county's
 * schools. Every problem is collected with where it is (sheet and row, or the feature's label) so
 * that the user can fix the whole file at once; with any problem nothing is written.
 */
import { type SchoolType, STAGES, type Stage } from '../../model.js';
import { type EntryClassesInput, zoningStagesOf } from './entryClasses.js';
import { ZONING_STAGE_NAMES } from './limits.js';
import type { AreaKind } from './types.js';

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

const AREA_ID = /^[A-Za-z0-9_.-]{1,40}$/;
export const MAX_ZONING_AREAS = 20_000;

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

/** A school of the county (every status), which the import resolves names and codes against. */
export interface ZoningCountySchool {
  id: string;
  name: string;
  type: SchoolType;
  /** open, merged or closed (the register's status). */
  status: string;
}

/** An area that passed the checks, with its current zones resolved to school ids. */
export interface CheckedZoningArea {
  a: ZoningAreaInput;
  current: Record<Stage, string | null>;
}

/** What an import writes once every check passed. */
export interface CheckedZoningImport {
  rows: CheckedZoningArea[];
  /** Map schools whose coordinates are updated. */
  located: ZoningSchoolInput[];
  entryRows: EntryClassesInput[];
}

type AddIssue = (
  at: ZoningInputLocation | undefined,
  message: string,
  column?: string,
  ...value: [unknown?]
) => void;

/** The problems of one file, each with the file's name and where it is. */
function issueList(file: string): { issues: ZoningImportIssue[]; issue: AddIssue } {
  const issues: ZoningImportIssue[] = [];
  const issue: AddIssue = (at, message, column, ...value) => {
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
  return { issues, issue };
}

/**
 * Checks the whole import against the county's schools (every status: a merged or closed school is
 * named as such). With any issue nothing may be written: the caller refuses with every issue.
 */
export function checkZoningImport(
  input: ZoningImportInput,
  schoolRows: readonly ZoningCountySchool[],
): CheckedZoningImport & { issues: ZoningImportIssue[] } {
  const file = input.file;
  const { issues, issue } = issueList(file);
  if (!Array.isArray(input.areas) || input.areas.length === 0) {
    issue(undefined, '文件中没有小区或村：请每行（或每个点要素）填写一个小区或村');
  } else if (input.areas.length > MAX_ZONING_AREAS) {
    issue(
      undefined,
      `小区/村数量 ${input.areas.length} 超过上限 ${MAX_ZONING_AREAS}：请按乡镇拆分或合并较小的村`,
    );
  }

  const byId = new Map(schoolRows.map((s) => [s.id, s]));
  const byName = new Map<string, ZoningCountySchool[]>();
  for (const s of schoolRows) {
    if (s.status !== 'open') continue;
    byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  }

  // Schools of a map file first: a current zone may name one of them.
  const { located, entryRows } = checkMapSchools(input.schools ?? [], byId, issue);
  const resolve = schoolResolver(byId, byName, issue);
  const rows = checkAreas(input.areas ?? [], resolve, issues, issue);
  return { rows, located, entryRows, issues };
}

/** The map's schools that may be located (open schools of the county, valid figures). */
function checkMapSchools(
  schools: ZoningSchoolInput[],
  byId: Map<string, ZoningCountySchool>,
  issue: AddIssue,
): { located: ZoningSchoolInput[]; entryRows: EntryClassesInput[] } {
  const located: ZoningSchoolInput[] = [];
  const entryRows: EntryClassesInput[] = [];
  for (const s of schools) {
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
    if (!checkSchoolFigures(s, school, issue)) continue;
    located.push(s);
    for (const [stage, n] of Object.entries(s.classes ?? {}) as [Stage, number][]) {
      entryRows.push({
        schoolId: s.schoolId,
        stage,
        classes: n,
        classSizeLimit: s.classSizeLimit?.[stage] ?? null,
      });
    }
  }
  return { located, entryRows };
}

/** Whether a map school's entry classes and class-size limits are valid for the stages it teaches. */
function checkSchoolFigures(s: ZoningSchoolInput, school: ZoningCountySchool, issue: AddIssue): boolean {
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
  return ok;
}

type Resolve = (
  ref: string,
  at: ZoningInputLocation | undefined,
  column: string,
) => ZoningCountySchool | undefined;

/**
 * A current zone's school from its 学校标识码 or exact name: an open school of the county, named by
 * one school only; undefined (with the issue noted) otherwise.
 */
function schoolResolver(
  byId: Map<string, ZoningCountySchool>,
  byName: Map<string, ZoningCountySchool[]>,
  issue: AddIssue,
): Resolve {
  return (ref, at, column) => {
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
}

/** The areas that passed their checks (ids unique, names, kinds, coordinates, entrants, current zones). */
function checkAreas(
  areas: ZoningAreaInput[],
  resolve: Resolve,
  issues: readonly ZoningImportIssue[],
  issue: AddIssue,
): CheckedZoningArea[] {
  const ids = new Map<string, ZoningInputLocation | undefined>();
  const rows: CheckedZoningArea[] = [];
  for (const a of areas) {
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
    const current = currentZonesOf(a, resolve, issue);
    if (issues.length === before) rows.push({ a: { ...a, name }, current });
  }
  return rows;
}

/**
 * An area's current zones per stage. A school given for `any` (a workbook's single 现划片学校
 * column) zones each stage it teaches that the stage's own column left empty.
 */
function currentZonesOf(a: ZoningAreaInput, resolve: Resolve, issue: AddIssue): Record<Stage, string | null> {
  const at = a.at;
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
  return current;
}
