/**
 * A county map for zoning as a GeoJSON FeatureCollection (RFC 7946, coordinates [经度, 纬度]):
 * Point features for schools and residential areas, optional Polygon / MultiPolygon features for
 * townships (乡镇) and zones (学区) that are only drawn. Reading validates every feature and lists
 * all problems at once in Chinese (feature index, property, value, how to fix); writing puts the
 * result back on the map (each area carries its assigned school). The format is in docs/zoning.md.
 */
import { readFile } from 'node:fs/promises';
import {
  type AreaKind,
  type ResidentialArea,
  STAGES,
  type Stage,
  ZONING_STAGE_NAMES,
  type ZoningAssignment,
  type ZoningComparison,
  type ZoningEvaluation,
  type ZoningProblem,
  type ZoningSchool,
} from '@junheng/core';

/** One problem of a map file. `feature` is the 0-based index in `features` (null: the whole file). */
export interface ZoningMapIssue {
  feature: number | null;
  /** Property name (or "geometry"), null when the problem is the feature or the file. */
  property: string | null;
  /** The offending value, when there is one. */
  value?: unknown;
  /** What is wrong and how to fix it, in Chinese. */
  message: string;
  /** The feature's name or id, when known, for the message. */
  label?: string;
}

/** A school read from a map: the zoning fields plus what the map says about it. */
export interface MapSchool extends ZoningSchool {
  township?: string;
}

/** A polygon feature kept for drawing. */
export interface MapRegion {
  kind: 'township' | 'zone';
  name: string;
  code?: string;
  /** The GeoJSON geometry as read (Polygon or MultiPolygon). */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  /** All properties of the feature as read. */
  properties: Record<string, unknown>;
}

export interface ZoningMap {
  /** Map name (top-level "name"), e.g. 清源县划片地图. */
  name?: string;
  /** County code (top-level "code"), 6 digits. */
  code?: string;
  schools: MapSchool[];
  areas: ResidentialArea[];
  /** Current zones per stage (currentPrimarySchool / currentJuniorSchool), area id → school id. */
  current: Record<Stage, Record<string, string>>;
  regions: MapRegion[];
}

/** The file could not be read or is not a valid zoning map; `issues` lists every problem. */
export class ZoningMapFileError extends Error {
  override name = 'ZoningMapFileError';
  constructor(
    readonly file: string,
    readonly issues: ZoningMapIssue[],
  ) {
    super(
      [
        `${file} 有 ${issues.length} 处错误，未进行划片：`,
        ...issues.slice(0, 50).map((i) => `  ${formatZoningMapIssue(i)}`),
        ...(issues.length > 50 ? [`  …… 另有 ${issues.length - 50} 处错误`] : []),
        '格式说明见 docs/zoning.md。',
      ].join('\n'),
    );
  }
}

const KINDS: Record<string, 'school' | AreaKind | 'township' | 'zone'> = {
  school: 'school',
  学校: 'school',
  estate: 'estate',
  小区: 'estate',
  village: 'village',
  村: 'village',
  township: 'township',
  乡镇: 'township',
  zone: 'zone',
  学区: 'zone',
};

/** Property names per stage. */
const STAGE_PROPS: Record<Stage, { classes: string; classSize: string; entrants: string; current: string }> =
  {
    primary: {
      classes: 'primaryClasses',
      classSize: 'primaryClassSize',
      entrants: 'primaryEntrants',
      current: 'currentPrimarySchool',
    },
    junior: {
      classes: 'juniorClasses',
      classSize: 'juniorClassSize',
      entrants: 'juniorEntrants',
      current: 'currentJuniorSchool',
    },
  };

function show(v: unknown): string {
  if (v === undefined) return '（空）';
  if (typeof v === 'string') return `“${v}”`;
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}

/** One issue as a line: where, the property and value, what is wrong and how to fix it. */
export function formatZoningMapIssue(issue: ZoningMapIssue): string {
  const where =
    issue.feature === null ? '文件' : `features[${issue.feature}]${issue.label ? `（${issue.label}）` : ''}`;
  if (issue.property === null) return `${where}：${issue.message}`;
  const prop = issue.property === 'geometry' ? 'geometry' : `属性 ${issue.property}`;
  return 'value' in issue
    ? `${where}：${prop} 的值 ${show(issue.value)} ${issue.message}`
    : `${where}：${prop}${issue.message}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a parsed GeoJSON value as a zoning map. Returns the map when there is no issue,
 * otherwise null and every issue found.
 */
export function parseZoningMap(json: unknown): { map: ZoningMap | null; issues: ZoningMapIssue[] } {
  const issues: ZoningMapIssue[] = [];
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    issues.push({
      feature: null,
      property: null,
      message:
        'GeoJSON 顶层应为 {"type": "FeatureCollection", "features": [...]}：请导出为 FeatureCollection',
    });
    return { map: null, issues };
  }
  const schools: MapSchool[] = [];
  const areas: ResidentialArea[] = [];
  const regions: MapRegion[] = [];
  const currentRefs: { feature: number; label: string; stage: Stage; areaId: string; schoolId: unknown }[] =
    [];
  const ids = new Map<string, number>();

  json.features.forEach((f: unknown, i: number) => {
    /** Records an issue; the value is shown only when one is passed. */
    const issue = (
      label: string | undefined,
      property: string | null,
      message: string,
      ...value: [unknown?]
    ) => {
      const out: ZoningMapIssue = { feature: i, property, message };
      if (value.length > 0) out.value = value[0];
      if (label) out.label = label;
      issues.push(out);
    };
    if (!isObject(f) || f.type !== 'Feature') {
      issue(
        undefined,
        null,
        '不是 GeoJSON Feature：应为 {"type": "Feature", "geometry": …, "properties": {…}}',
      );
      return;
    }
    const props = isObject(f.properties) ? f.properties : {};
    const kind = KINDS[String(props.kind ?? '')];
    const rawName = props.name;
    const name = typeof rawName === 'string' && rawName.trim() !== '' ? rawName.trim() : undefined;
    const label = name ?? (props.id !== undefined ? `编号 ${String(props.id)}` : undefined);
    const at = (property: string | null, message: string, ...value: [unknown?]) =>
      issue(label, property, message, ...value);
    if (!kind) {
      at(
        'kind',
        '无效：应为 school（学校）、estate（小区）、village（村）、township（乡镇）或 zone（学区）之一',
        props.kind ?? '',
      );
      return;
    }
    if (!name) at('name', ' 缺少名称：请填写学校、小区/村或乡镇的名称');
    const geometry = isObject(f.geometry) ? f.geometry : undefined;

    if (kind === 'township' || kind === 'zone') {
      if (
        !geometry ||
        (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') ||
        !Array.isArray(geometry.coordinates)
      ) {
        at(
          'geometry',
          `无效：${kind === 'township' ? '乡镇' : '学区'}应为 Polygon 或 MultiPolygon 面要素`,
          geometry?.type,
        );
        return;
      }
      if (!name) return;
      const region: MapRegion = {
        kind,
        name,
        geometry: { type: geometry.type, coordinates: geometry.coordinates },
        properties: props,
      };
      if (typeof props.code === 'string') region.code = props.code;
      regions.push(region);
      return;
    }

    // Points: schools and areas.
    let ok = name !== undefined;
    const rawId = props.id;
    const id = typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : '';
    if (id === '') {
      at('id', ' 缺少编号：每个学校、小区/村需要唯一的 id（如学校标识码或 “A001”）');
      ok = false;
    } else if (ids.has(id)) {
      at('id', `与 features[${ids.get(id)}] 重复：每个学校、小区/村的编号应唯一`, id);
      ok = false;
    } else ids.set(id, i);

    let lon = Number.NaN;
    let lat = Number.NaN;
    const c = geometry?.coordinates;
    if (geometry?.type !== 'Point' || !Array.isArray(c) || c.length < 2) {
      at('geometry', '无效：应为 Point 点要素，坐标写作 [经度, 纬度]', geometry?.type);
      ok = false;
    } else if (
      typeof c[0] !== 'number' ||
      typeof c[1] !== 'number' ||
      !Number.isFinite(c[0]) ||
      !Number.isFinite(c[1])
    ) {
      at('geometry', '无效：坐标应为两个数字 [经度, 纬度]', c);
      ok = false;
    } else if (c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90) {
      at(
        'geometry',
        `坐标超出范围：经度应在 −180 到 180、纬度在 −90 到 90 之间${Math.abs(c[0]) <= 90 && Math.abs(c[1]) <= 180 ? '；是否把经度和纬度写反了？GeoJSON 的顺序是 [经度, 纬度]' : ''}`,
        c,
      );
      ok = false;
    } else {
      lon = c[0];
      lat = c[1];
    }
    const township = typeof props.township === 'string' && props.township !== '' ? props.township : undefined;

    /** A non-negative integer property; undefined when absent (or invalid, recorded). */
    const count = (property: string, what: string, example: number): number | undefined => {
      const v = props[property];
      if (v === undefined || v === null || v === '') return undefined;
      const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        at(property, `无效：应为不小于 0 的整数（${what}），例如 ${example}`, v);
        ok = false;
        return undefined;
      }
      return n;
    };

    if (kind === 'school') {
      const classes: Partial<Record<Stage, number>> = {};
      const classSizeLimit: Partial<Record<Stage, number>> = {};
      const stages: Stage[] = [];
      for (const stage of STAGES) {
        const p = STAGE_PROPS[stage];
        const n = count(p.classes, `${ZONING_STAGE_NAMES[stage]}起始年级班数`, 4);
        if (n !== undefined) {
          classes[stage] = n;
          stages.push(stage);
        }
        const size = count(
          p.classSize,
          `${ZONING_STAGE_NAMES[stage]}班额上限，不填则用国家标准`,
          stage === 'primary' ? 45 : 50,
        );
        if (size !== undefined) {
          if (size < 1) {
            at(p.classSize, '无效：班额上限应为正整数，例如 45', size);
            ok = false;
          } else classSizeLimit[stage] = size;
        }
      }
      if (stages.length === 0 && props.primaryClasses === undefined && props.juniorClasses === undefined) {
        at(null, '学校缺少学段班数：请填写 primaryClasses（小学一年级班数）和/或 juniorClasses（初一班数）');
        ok = false;
      }
      if (!ok) return;
      const school: MapSchool = { id, name: name!, lon, lat, stages, classes };
      if (Object.keys(classSizeLimit).length > 0) school.classSizeLimit = classSizeLimit;
      if (township) school.township = township;
      schools.push(school);
      return;
    }

    // Residential area.
    const entrants: Record<Stage, number> = { primary: 0, junior: 0 };
    let any = false;
    for (const stage of STAGES) {
      const n = count(STAGE_PROPS[stage].entrants, `${ZONING_STAGE_NAMES[stage]}预计入学人数`, 30);
      if (n !== undefined) {
        entrants[stage] = n;
        any = true;
      }
    }
    if (!any && props.primaryEntrants === undefined && props.juniorEntrants === undefined) {
      at(null, '小区/村缺少预计入学人数：请填写 primaryEntrants（小学）和/或 juniorEntrants（初中）');
      ok = false;
    }
    if (!ok) return;
    const area: ResidentialArea = { id, name: name!, kind, lon, lat, entrants };
    if (township) area.township = township;
    areas.push(area);
    for (const stage of STAGES) {
      const ref = props[STAGE_PROPS[stage].current];
      if (ref !== undefined && ref !== null && ref !== '') {
        currentRefs.push({ feature: i, label: label ?? id, stage, areaId: id, schoolId: ref });
      }
    }
  });

  // Current zones refer to schools of the right stage.
  const schoolById = new Map(schools.map((s) => [s.id, s]));
  const current: Record<Stage, Record<string, string>> = { primary: {}, junior: {} };
  for (const ref of currentRefs) {
    const prop = STAGE_PROPS[ref.stage].current;
    const sid = typeof ref.schoolId === 'number' ? String(ref.schoolId) : ref.schoolId;
    const school = typeof sid === 'string' ? schoolById.get(sid) : undefined;
    if (!school) {
      issues.push({
        feature: ref.feature,
        property: prop,
        value: ref.schoolId,
        label: ref.label,
        message: `不是任何学校的编号：请填写现行划片学校的 id，或删除该属性`,
      });
    } else if (!school.stages.includes(ref.stage)) {
      issues.push({
        feature: ref.feature,
        property: prop,
        value: ref.schoolId,
        label: ref.label,
        message: `学校 “${school.name}” 不招收${ZONING_STAGE_NAMES[ref.stage]}（没有 ${STAGE_PROPS[ref.stage].classes}）：请改为招收${ZONING_STAGE_NAMES[ref.stage]}的学校`,
      });
    } else current[ref.stage][ref.areaId] = school.id;
  }
  if (issues.length === 0 && schools.length === 0) {
    issues.push({ feature: null, property: null, message: '没有学校：请添加 kind 为 school 的点要素' });
  }
  if (issues.length === 0 && areas.length === 0) {
    issues.push({
      feature: null,
      property: null,
      message: '没有小区/村：请添加 kind 为 estate 或 village 的点要素',
    });
  }
  if (issues.length > 0) return { map: null, issues };
  const map: ZoningMap = { schools, areas, current, regions };
  if (typeof json.name === 'string') map.name = json.name;
  if (typeof json.code === 'string') map.code = json.code;
  return { map, issues };
}

/**
 * Reads and validates a map file (.geojson / .json, UTF-8).
 * @throws ZoningMapFileError listing every problem (missing file, bad JSON, invalid features)
 */
export async function readZoningMapFile(file: string): Promise<ZoningMap> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ZoningMapFileError(file, [
      { feature: null, property: null, message: `找不到或无法读取文件 ${file}：请检查路径` },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ZoningMapFileError(file, [
      {
        feature: null,
        property: null,
        message: `不是有效的 JSON（${(e as Error).message}）：请用 GIS 软件或文本编辑器检查并重新导出 GeoJSON`,
      },
    ]);
  }
  const { map, issues } = parseZoningMap(json);
  if (!map) throw new ZoningMapFileError(file, issues);
  return map;
}

/** The zoning problem of one stage of a map. */
export function zoningProblemFromMap(
  map: ZoningMap,
  stage: Stage,
  classSizeLimits?: Partial<Record<Stage, number>>,
): ZoningProblem {
  const problem: ZoningProblem = { stage, areas: map.areas, schools: map.schools };
  if (classSizeLimits) problem.classSizeLimits = classSizeLimits;
  return problem;
}

/** The current zones of a stage, or undefined when the map has none for it. */
export function currentZones(map: ZoningMap, stage: Stage): ZoningAssignment | undefined {
  const c = map.current[stage];
  return Object.keys(c).length > 0 ? c : undefined;
}

const round = (x: number | null, digits: number) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The map with a zoning result: regions as read; each school with its load (capacity, demand, fill
 * rate, overflow); each area with its assigned school (id and name), distance and overflow, and,
 * with a comparison, its previous school and whether it changed. Distances in km (3 decimals).
 */
export function zoningResultGeoJson(
  map: ZoningMap,
  evaluation: ZoningEvaluation,
  comparison?: ZoningComparison,
): Record<string, unknown> {
  const stage = evaluation.stage;
  const schoolName = new Map(map.schools.map((s) => [s.id, s.name]));
  const loads = new Map(evaluation.schools.map((s) => [s.schoolId, s]));
  const changed = new Map((comparison?.changedAreas ?? []).map((c) => [c.areaId, c]));
  const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
  const features: Record<string, unknown>[] = [];
  for (const r of map.regions) {
    features.push({ type: 'Feature', geometry: r.geometry, properties: r.properties });
  }
  for (const s of map.schools) {
    const load = loads.get(s.id);
    const properties: Record<string, unknown> = { kind: 'school', id: s.id, name: s.name };
    if (s.township) properties.township = s.township;
    for (const st of s.stages) properties[STAGE_PROPS[st].classes] = s.classes[st] ?? 0;
    for (const [st, v] of Object.entries(s.classSizeLimit ?? {}))
      properties[STAGE_PROPS[st as Stage].classSize] = v;
    if (load) {
      Object.assign(properties, {
        stage,
        capacity: load.capacity,
        demand: load.demand,
        fillRate: round(load.fillRate, 4),
        overflow: load.overflow,
        areaCount: load.areaIds.length,
        meanDistanceKm: round(load.meanDistanceKm, 3),
        maxDistanceKm: round(load.maxDistanceKm, 3),
      });
    }
    features.push({ type: 'Feature', geometry: point(s.lon, s.lat), properties });
  }
  const placements = new Map(evaluation.areas.map((a) => [a.areaId, a]));
  for (const a of map.areas) {
    const p = placements.get(a.id);
    const properties: Record<string, unknown> = {
      kind: a.kind,
      id: a.id,
      name: a.name,
      primaryEntrants: a.entrants.primary,
      juniorEntrants: a.entrants.junior,
    };
    if (a.township) properties.township = a.township;
    for (const st of STAGES) {
      const cur = map.current[st][a.id];
      if (cur) properties[STAGE_PROPS[st].current] = cur;
    }
    if (p) {
      Object.assign(properties, {
        stage,
        school: p.schoolId,
        schoolName: p.schoolId === null ? null : (schoolName.get(p.schoolId) ?? null),
        distanceKm: round(p.distanceKm, 3),
        nearestSchool: p.nearestSchoolId,
        overflowing: p.overflowing,
      });
      if (comparison) {
        const c = changed.get(a.id);
        properties.changed = c !== undefined;
        if (c) properties.previousSchool = c.from;
      }
    }
    features.push({ type: 'Feature', geometry: point(a.lon, a.lat), properties });
  }
  const out: Record<string, unknown> = { type: 'FeatureCollection' };
  if (map.name) out.name = map.name;
  if (map.code) out.code = map.code;
  out.features = features;
  return out;
}
