/**
 * @module The zoning result put back on the map as GeoJSON: regions as read, each school with its
 * load and each area with its assigned school, for GIS software and the web map.
 */
import { STAGES, type Stage, type ZoningComparison, type ZoningEvaluation } from '@junheng/core';
import { STAGE_PROPS, type ZoningMap } from './mapFormat.js';

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
