/**
 * @module Reading the features of a zoning map one by one: township and zone polygons kept for
 * drawing, school and residential-area points with their classes and entrants. Every problem is
 * recorded with the feature's index, property and value, so a file's issues are listed all at once.
 */
import { type AreaKind, type ResidentialArea, STAGES, type Stage, ZONING_STAGE_NAMES } from '@junheng/core';
import { KINDS, type MapRegion, type MapSchool, STAGE_PROPS, type ZoningMapIssue } from './mapFormat.js';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A current zone named by an area, checked once every school is known. */
export interface CurrentRef {
  feature: number;
  label: string;
  stage: Stage;
  areaId: string;
  schoolId: unknown;
}

/** What the features read so far add up to. */
export interface MapParts {
  schools: MapSchool[];
  areas: ResidentialArea[];
  regions: MapRegion[];
  currentRefs: CurrentRef[];
  /** Feature index of each id seen, to name the first of two features with the same id. */
  ids: Map<string, number>;
}

/** Records an issue of the feature being read; the value is shown only when one is passed. */
type Report = (property: string | null, message: string, ...value: [unknown?]) => void;

type Geometry = Record<string, unknown> | undefined;

/** Reads feature `i` into `parts`, or records why it cannot be read. */
export function readFeature(f: unknown, i: number, parts: MapParts, issues: ZoningMapIssue[]): void {
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
  const at: Report = (property, message, ...value) => issue(label, property, message, ...value);
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
    const region = readRegion(kind, name, geometry, props, at);
    if (region) parts.regions.push(region);
    return;
  }
  readPointFeature(new PointReader(props, at, name !== undefined), i, kind, name, label, geometry, parts);
}

/** A township or zone polygon, kept for drawing; null when it is invalid or has no name. */
function readRegion(
  kind: 'township' | 'zone',
  name: string | undefined,
  geometry: Geometry,
  props: Record<string, unknown>,
  at: Report,
): MapRegion | null {
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
    return null;
  }
  if (!name) return null;
  const region: MapRegion = {
    kind,
    name,
    geometry: { type: geometry.type, coordinates: geometry.coordinates },
    properties: props,
  };
  if (typeof props.code === 'string') region.code = props.code;
  return region;
}

/** The properties of a point feature, and whether every one read so far is valid. */
class PointReader {
  constructor(
    readonly props: Record<string, unknown>,
    private readonly at: Report,
    public ok: boolean,
  ) {}

  /** Records an issue that makes the feature unusable. */
  fail(property: string | null, message: string, ...value: [unknown?]): void {
    this.at(property, message, ...value);
    this.ok = false;
  }

  /** A non-negative integer property; undefined when absent (or invalid, recorded). */
  count(property: string, what: string, example: number): number | undefined {
    const v = this.props[property];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      this.fail(property, `无效：应为不小于 0 的整数（${what}），例如 ${example}`, v);
      return undefined;
    }
    return n;
  }
}

/** What every point has: its id, its coordinates and its township. */
interface Point {
  id: string;
  lon: number;
  lat: number;
  township: string | undefined;
}

/** A school or a residential area, added to `parts` when all of it is valid. */
function readPointFeature(
  r: PointReader,
  i: number,
  kind: 'school' | AreaKind,
  name: string | undefined,
  label: string | undefined,
  geometry: Geometry,
  parts: MapParts,
): void {
  const id = pointId(r, i, parts.ids);
  const [lon, lat] = pointCoordinates(r, geometry);
  const township =
    typeof r.props.township === 'string' && r.props.township !== '' ? r.props.township : undefined;
  const point: Point = { id, lon, lat, township };
  if (kind === 'school') {
    const school = readSchool(r, point, name);
    if (school) parts.schools.push(school);
    return;
  }
  const area = readArea(r, point, kind, name);
  if (!area) return;
  parts.areas.push(area);
  for (const stage of STAGES) {
    const ref = r.props[STAGE_PROPS[stage].current];
    if (ref !== undefined && ref !== null && ref !== '') {
      parts.currentRefs.push({ feature: i, label: label ?? id, stage, areaId: id, schoolId: ref });
    }
  }
}

/** The feature's id, which must be there and unique ('' when absent). */
function pointId(r: PointReader, i: number, ids: Map<string, number>): string {
  const rawId = r.props.id;
  const id = typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : '';
  if (id === '') {
    r.fail('id', ' 缺少编号：每个学校、小区/村需要唯一的 id（如学校标识码或 “A001”）');
  } else if (ids.has(id)) {
    r.fail('id', `与 features[${ids.get(id)}] 重复：每个学校、小区/村的编号应唯一`, id);
  } else ids.set(id, i);
  return id;
}

/** [经度, 纬度] of a Point geometry; NaN when invalid (recorded). */
function pointCoordinates(r: PointReader, geometry: Geometry): [number, number] {
  const c = geometry?.coordinates;
  if (geometry?.type !== 'Point' || !Array.isArray(c) || c.length < 2) {
    r.fail('geometry', '无效：应为 Point 点要素，坐标写作 [经度, 纬度]', geometry?.type);
  } else if (
    typeof c[0] !== 'number' ||
    typeof c[1] !== 'number' ||
    !Number.isFinite(c[0]) ||
    !Number.isFinite(c[1])
  ) {
    r.fail('geometry', '无效：坐标应为两个数字 [经度, 纬度]', c);
  } else if (c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90) {
    r.fail(
      'geometry',
      `坐标超出范围：经度应在 −180 到 180、纬度在 −90 到 90 之间${Math.abs(c[0]) <= 90 && Math.abs(c[1]) <= 180 ? '；是否把经度和纬度写反了？GeoJSON 的顺序是 [经度, 纬度]' : ''}`,
      c,
    );
  } else {
    return [c[0], c[1]];
  }
  return [Number.NaN, Number.NaN];
}

/** A school with its classes and class-size limits per stage; null when anything is invalid. */
function readSchool(r: PointReader, point: Point, name: string | undefined): MapSchool | null {
  const classes: Partial<Record<Stage, number>> = {};
  const classSizeLimit: Partial<Record<Stage, number>> = {};
  const stages: Stage[] = [];
  for (const stage of STAGES) {
    const p = STAGE_PROPS[stage];
    const n = r.count(p.classes, `${ZONING_STAGE_NAMES[stage]}起始年级班数`, 4);
    if (n !== undefined) {
      classes[stage] = n;
      stages.push(stage);
    }
    const size = r.count(
      p.classSize,
      `${ZONING_STAGE_NAMES[stage]}班额上限，不填则用国家标准`,
      stage === 'primary' ? 45 : 50,
    );
    if (size !== undefined) {
      if (size < 1) {
        r.fail(p.classSize, '无效：班额上限应为正整数，例如 45', size);
      } else classSizeLimit[stage] = size;
    }
  }
  if (stages.length === 0 && r.props.primaryClasses === undefined && r.props.juniorClasses === undefined) {
    r.fail(null, '学校缺少学段班数：请填写 primaryClasses（小学一年级班数）和/或 juniorClasses（初一班数）');
  }
  if (!r.ok) return null;
  const school: MapSchool = { id: point.id, name: name!, lon: point.lon, lat: point.lat, stages, classes };
  if (Object.keys(classSizeLimit).length > 0) school.classSizeLimit = classSizeLimit;
  if (point.township) school.township = point.township;
  return school;
}

/** A residential area with its entrants per stage; null when anything is invalid. */
function readArea(
  r: PointReader,
  point: Point,
  kind: AreaKind,
  name: string | undefined,
): ResidentialArea | null {
  const entrants: Record<Stage, number> = { primary: 0, junior: 0 };
  let any = false;
  for (const stage of STAGES) {
    const n = r.count(STAGE_PROPS[stage].entrants, `${ZONING_STAGE_NAMES[stage]}预计入学人数`, 30);
    if (n !== undefined) {
      entrants[stage] = n;
      any = true;
    }
  }
  if (!any && r.props.primaryEntrants === undefined && r.props.juniorEntrants === undefined) {
    r.fail(null, '小区/村缺少预计入学人数：请填写 primaryEntrants（小学）和/或 juniorEntrants（初中）');
  }
  if (!r.ok) return null;
  const area: ResidentialArea = { id: point.id, name: name!, kind, lon: point.lon, lat: point.lat, entrants };
  if (point.township) area.township = point.township;
  return area;
}
