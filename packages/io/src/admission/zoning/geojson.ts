/**
 * @module A county map for zoning as a GeoJSON FeatureCollection (RFC 7946, coordinates [经度, 纬度]):
 * Point features for schools and residential areas, optional Polygon / MultiPolygon features for
 * townships (乡镇) and zones (学区) that are only drawn. Reading validates every feature
 * (./mapFeatures.ts) and lists all problems at once in Chinese (feature index, property, value, how
 * to fix); writing puts the result back on the map (./mapResult.ts: each area carries its assigned
 * school). The format is in docs/zoning.md. Callers import from here.
 */
import { readFile } from 'node:fs/promises';
import { type Stage, ZONING_STAGE_NAMES, type ZoningAssignment, type ZoningProblem } from '@junheng/core';
import { type CurrentRef, isObject, type MapParts, readFeature } from './mapFeatures.js';
import {
  type MapSchool,
  STAGE_PROPS,
  type ZoningMap,
  ZoningMapFileError,
  type ZoningMapIssue,
} from './mapFormat.js';

export {
  formatZoningMapIssue,
  type MapRegion,
  type MapSchool,
  type ZoningMap,
  ZoningMapFileError,
  type ZoningMapIssue,
} from './mapFormat.js';
export { zoningResultGeoJson } from './mapResult.js';

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
  const parts: MapParts = { schools: [], areas: [], regions: [], currentRefs: [], ids: new Map() };
  json.features.forEach((f: unknown, i: number) => {
    readFeature(f, i, parts, issues);
  });
  const { schools, areas, regions } = parts;
  const current = currentZonesOf(schools, parts.currentRefs, issues);
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

/** Current zones refer to schools of the right stage: area id → school id per stage. */
function currentZonesOf(
  schools: readonly MapSchool[],
  currentRefs: readonly CurrentRef[],
  issues: ZoningMapIssue[],
): Record<Stage, Record<string, string>> {
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
  return current;
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
