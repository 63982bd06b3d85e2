/**
 * @module What the 划片 page computes in the browser: the zoning problem of a stage from the page's
 * data (the same rules as the server's: schools of the stage with coordinates, entry classes ×
 * class-size limit), the current zones, one colour per school (neighbours differ), and the ECharts
 * option of the map (township polygons from the county's GeoJSON, no online tiles).
 */
import {
  greatCircleKm,
  type Stage,
  type ZoningEvaluation,
  type ZoningProblem,
  type ZoningSchool,
} from '@junheng/core';
import type { ZoningAreaRow, ZoningData, ZoningSchoolRow } from '../../../api/zoning';

export interface StageProblem {
  problem: ZoningProblem;
  /** Current zones of the stage (area id → school id), schools in the problem only. */
  current: Record<string, string>;
  /** Schools of the stage without coordinates (left out). */
  unlocated: ZoningSchoolRow[];
}

/** The problem of one stage, as the server builds it (packages/db/src/admission/zoning/zoningProblem.ts problemOf). */
export function stageProblem(data: Pick<ZoningData, 'areas' | 'schools'>, stage: Stage): StageProblem {
  const unlocated: ZoningSchoolRow[] = [];
  const schools: ZoningSchool[] = [];
  for (const s of data.schools) {
    if (!s.stages.includes(stage)) continue;
    if (s.lon === null || s.lat === null) {
      unlocated.push(s);
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
      const e = s.entry[st];
      if (!e) continue;
      school.classes[st] = e.classes;
      if (e.classSizeOverride !== null) limits[st] = e.classSizeOverride;
    }
    if (Object.keys(limits).length > 0) school.classSizeLimit = limits;
    schools.push(school);
  }
  const ids = new Set(schools.map((s) => s.id));
  const current: Record<string, string> = {};
  const areas = data.areas.map((a: ZoningAreaRow) => {
    const c = a.current[stage];
    if (c && ids.has(c)) current[a.id] = c;
    return {
      id: a.id,
      name: a.name,
      kind: a.kind,
      lon: a.lon,
      lat: a.lat,
      entrants: a.entrants,
      ...(a.township ? { township: a.township } : {}),
    };
  });
  return { problem: { stage, areas, schools }, current, unlocated };
}

/** Distinct, readable colours (Element Plus and ECharts palettes, darkest last). */
export const ZONE_PALETTE = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
  '#2f4554',
  '#c4ccd3',
  '#d48265',
  '#61a0a8',
  '#bda29a',
  '#6e7074',
  '#ca8622',
];

/**
 * One colour per school: each takes the first palette colour none of its 6 nearest already coloured
 * schools has, so neighbouring zones are told apart even with more schools than colours.
 */
export function schoolColors(
  schools: readonly { id: string; lon: number; lat: number }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  const done: { id: string; lon: number; lat: number }[] = [];
  for (const s of schools) {
    const near = done
      .map((d) => ({ d, km: greatCircleKm(s.lon, s.lat, d.lon, d.lat) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, 6)
      .map((x) => out[x.d.id]);
    out[s.id] =
      ZONE_PALETTE.find((c) => !near.includes(c)) ?? ZONE_PALETTE[done.length % ZONE_PALETTE.length]!;
    done.push(s);
  }
  return out;
}

/** A fill rate bar's colour: red above 100 %, orange from 90 %, green below. */
export function fillColor(rate: number | null): string {
  if (rate === null) return '#909399';
  if (rate > 1) return '#f56c6c';
  if (rate >= 0.9) return '#e6a23c';
  return '#67c23a';
}

/** A fill rate as a whole percentage for a progress bar (capped at 100 for the bar's width). */
export function fillPercent(rate: number | null): number {
  return rate === null ? 0 : Math.min(100, Math.round(rate * 100));
}

export interface MapInput {
  mapName: string;
  problem: ZoningProblem;
  evaluation: ZoningEvaluation;
  colors: Record<string, string>;
  /** The area selected by hand adjustment (highlighted). */
  selected: string | null;
}

/** Symbol size by a count: area ∝ count, within [min, max] px. */
function sized(n: number, max: number, lo: number, hi: number): number {
  return max <= 0 ? lo : lo + (hi - lo) * Math.sqrt(Math.max(0, n) / max);
}

/**
 * The ECharts option: the county's townships (geo), zone lines from each area to its school in the
 * school's colour, areas (size = entrants, colour = its school's, red ring = its school is over
 * capacity) and schools (size = places, a square).
 */
export function mapOption(input: MapInput): Record<string, unknown> {
  const { problem, evaluation, colors } = input;
  const school = new Map(problem.schools.map((s) => [s.id, s]));
  const load = new Map(evaluation.schools.map((s) => [s.schoolId, s]));
  const placement = new Map(evaluation.areas.map((a) => [a.areaId, a]));
  const maxDemand = Math.max(1, ...evaluation.areas.map((a) => a.demand));
  const maxCapacity = Math.max(1, ...evaluation.schools.map((s) => s.capacity));
  const lines: Record<string, unknown>[] = [];
  const areaPoints: Record<string, unknown>[] = [];
  for (const a of problem.areas) {
    const p = placement.get(a.id);
    const to = p?.schoolId ? school.get(p.schoolId) : undefined;
    const color = to ? (colors[to.id] ?? '#909399') : '#909399';
    if (to) {
      lines.push({
        coords: [
          [a.lon, a.lat],
          [to.lon, to.lat],
        ],
        lineStyle: { color },
      });
    }
    const selected = input.selected === a.id;
    areaPoints.push({
      name: a.name,
      value: [a.lon, a.lat, p?.demand ?? 0],
      areaId: a.id,
      symbolSize: selected ? 18 : sized(p?.demand ?? 0, maxDemand, 4, 14),
      itemStyle: {
        color,
        borderColor: selected ? '#303133' : p?.overflowing ? '#f56c6c' : '#ffffff',
        borderWidth: selected ? 3 : p?.overflowing ? 2 : 0.5,
      },
    });
  }
  const schoolPoints = problem.schools.map((s) => {
    const l = load.get(s.id);
    return {
      name: s.name,
      value: [s.lon, s.lat, l?.capacity ?? 0],
      schoolId: s.id,
      symbolSize: sized(l?.capacity ?? 0, maxCapacity, 9, 22),
      itemStyle: {
        color: colors[s.id] ?? '#409eff',
        borderColor: l && l.overflow > 0 ? '#f56c6c' : '#303133',
        borderWidth: l && l.overflow > 0 ? 3 : 1.5,
      },
    };
  });
  return {
    animation: false,
    tooltip: { trigger: 'item', confine: true },
    geo: {
      map: input.mapName,
      roam: true,
      // Fill the box (the aspect ratio is kept).
      top: 12,
      bottom: 12,
      left: 12,
      right: 12,
      scaleLimit: { min: 0.8, max: 12 },
      label: { show: true, color: '#909399', fontSize: 11 },
      itemStyle: { areaColor: '#f5f7fa', borderColor: '#c0c4cc', borderWidth: 1 },
      emphasis: { disabled: true },
      select: { disabled: true },
      // Township regions have no tooltip. A series on the geo inherits the geo's tooltip (ECharts
      // cascades item → series → coordinate system), so the point series turn theirs back on.
      tooltip: { show: false },
    },
    series: [
      {
        id: 'zones',
        type: 'lines',
        coordinateSystem: 'geo',
        silent: true,
        data: lines,
        lineStyle: { width: 1, opacity: 0.55 },
        zlevel: 1,
      },
      {
        id: 'areas',
        tooltip: { show: true },
        type: 'scatter',
        name: '小区/村',
        coordinateSystem: 'geo',
        data: areaPoints,
        zlevel: 2,
        cursor: 'pointer',
      },
      {
        id: 'schools',
        tooltip: { show: true },
        type: 'scatter',
        name: '学校',
        coordinateSystem: 'geo',
        symbol: 'rect',
        data: schoolPoints,
        zlevel: 3,
        label: { show: false },
      },
    ],
  };
}

/** A GeoJSON FeatureCollection covering the points, for a county without a map file (a bounding box). */
export function boundingMap(problem: ZoningProblem): Record<string, unknown> {
  const pts = [...problem.areas, ...problem.schools];
  const lons = pts.map((p) => p.lon);
  const lats = pts.map((p) => p.lat);
  const pad = 0.01;
  const [w, e, s, n] =
    pts.length > 0
      ? [Math.min(...lons) - pad, Math.max(...lons) + pad, Math.min(...lats) - pad, Math.max(...lats) + pad]
      : [115, 116, 39, 40];
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: '' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [e, s],
              [e, n],
              [w, n],
              [w, s],
            ],
          ],
        },
      },
    ],
  };
}
