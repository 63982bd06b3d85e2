/**
 * @module The request and response schemas of the 划片 routes (routes.ts): zod, validating requests
 * and generating the OpenAPI document (packages/server/openapi.json).
 */
import { z } from 'zod';
import { schoolType, stage, timestamp } from '../../platform/schemas.js';

export const km = z.number().nullable().describe('直线距离（公里），无则为 null');
export const entrants = z.object({ primary: z.number(), junior: z.number() });
export const areaKind = z.enum(['estate', 'village']).describe('estate 小区，village 村');

export const totals = z
  .object({
    areas: z.number(),
    unassignedAreas: z.number(),
    students: z.number(),
    assignedStudents: z.number(),
    capacity: z.number(),
    studentKm: z.number(),
    meanDistanceKm: km,
    maxDistanceKm: km,
    nearestShare: z.number().nullable().describe('就近入学比例（0～1）'),
    overflowingSchools: z.number(),
    overflowingAreas: z.number(),
    overflowStudents: z.number(),
  })
  .describe('合计（core ZoningTotals）');

export const evaluation = z
  .object({
    stage,
    schools: z.array(
      z.object({
        schoolId: z.string(),
        name: z.string(),
        classes: z.number(),
        classSizeLimit: z.number(),
        capacity: z.number(),
        demand: z.number(),
        fillRate: z.number().nullable(),
        overflow: z.number(),
        spare: z.number(),
        areaIds: z.array(z.string()),
        meanDistanceKm: km,
        maxDistanceKm: km,
      }),
    ),
    areas: z.array(
      z.object({
        areaId: z.string(),
        name: z.string(),
        kind: areaKind,
        demand: z.number(),
        schoolId: z.string().nullable(),
        distanceKm: km,
        nearestSchoolId: z.string(),
        nearestDistanceKm: z.number(),
        overflowing: z.boolean(),
      }),
    ),
    totals,
  })
  .describe('一个划片方案的评价（core ZoningEvaluation）');

export const comparison = z
  .object({
    changedAreas: z.array(
      z.object({
        areaId: z.string(),
        name: z.string(),
        demand: z.number(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        distanceBeforeKm: km,
        distanceAfterKm: km,
      }),
    ),
    changedStudents: z.number(),
    schools: z.array(
      z.object({
        schoolId: z.string(),
        name: z.string(),
        capacity: z.number(),
        demandBefore: z.number(),
        demandAfter: z.number(),
        fillRateBefore: z.number().nullable(),
        fillRateAfter: z.number().nullable(),
        overflowBefore: z.number(),
        overflowAfter: z.number(),
      }),
    ),
    before: totals,
    after: totals,
    meanDistanceDeltaKm: km,
    maxDistanceDeltaKm: km,
    overflowStudentsDelta: z.number(),
    overflowingSchoolsDelta: z.number(),
  })
  .describe('现行划片 → 本方案的对比（core ZoningComparison）');

export const solverInfo = z
  .object({
    status: z.string(),
    statusName: z.string(),
    optimal: z.boolean(),
    objective: z.number(),
    solverObjective: z.number(),
    penaltyKm: z.number(),
    candidates: z.number(),
    binaries: z.number(),
    rows: z.number(),
    widened: z.boolean(),
    solveMs: z.number(),
    totalMs: z.number(),
  })
  .describe('求解器信息（io ZoningSolverInfo）');

export const problemSchema = z.object({
  stage,
  areas: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: areaKind,
        lon: z.number(),
        lat: z.number(),
        entrants,
        township: z.string().optional(),
      }),
    )
    .readonly(),
  schools: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        lon: z.number(),
        lat: z.number(),
        stages: z.array(stage).readonly(),
        classes: z.object({ primary: z.number().optional(), junior: z.number().optional() }),
        classSizeLimit: z
          .object({ primary: z.number().optional(), junior: z.number().optional() })
          .optional(),
      }),
    )
    .readonly(),
});

export const entryClasses = z.object({
  classes: z.number(),
  classSizeLimit: z.number(),
  classSizeOverride: z.number().nullable(),
  capacity: z.number(),
  estimated: z.boolean().describe('true：按学校报表班级数 ÷ 6（小学）或 ÷ 3（初中）估算，尚未由教育局确认'),
  reportClasses: z.number().nullable(),
  reportYear: z.number().nullable(),
});

export const schoolRow = z.object({
  schoolId: z.string(),
  name: z.string(),
  type: schoolType,
  township: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  stages: z.array(stage),
  entry: z.object({ primary: entryClasses.optional(), junior: entryClasses.optional() }),
});

export const areaRow = z.object({
  id: z.string(),
  name: z.string(),
  kind: areaKind,
  township: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  entrants,
  current: z.object({ primary: z.string().nullable(), junior: z.string().nullable() }),
});

export const planSummary = z.object({
  id: z.number(),
  countyCode: z.string(),
  year: z.number(),
  stage,
  title: z.string(),
  source: z.enum(['solver', 'hand', 'current']),
  status: z.enum(['draft', 'published', 'withdrawn']),
  totals,
  solver: solverInfo
    .nullable()
    .describe('保存方案时带上的求解器信息（来自 /zoning/solve）；非求解方案为 null'),
  version: z.number(),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  updatedAt: timestamp,
  updatedByName: z.string().nullable(),
  publishedAt: timestamp.nullable(),
});

export const planView = planSummary.extend({
  assignment: z.record(z.string(), z.string()),
  problem: problemSchema,
  current: z.record(z.string(), z.string()),
  evaluation,
  comparison: comparison.nullable(),
});

export const assignment = z
  .record(z.string().max(40), z.string().max(20))
  .describe('小区/村编号 → 学校标识码；未列出的小区/村为未划片');

/** The county's township (or 学区) regions as stored: a GeoJSON FeatureCollection of faces. */
export const mapRegions = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({
          type: z.enum(['Polygon', 'MultiPolygon']),
          coordinates: z
            .unknown()
            .describe('GeoJSON 坐标：Polygon 为 [经度, 纬度] 点组成的环的数组，MultiPolygon 再多一层'),
        }),
        properties: z.record(z.string(), z.unknown()).describe('导入的地图中该要素的全部属性'),
      }),
    ),
  })
  .describe('GeoJSON FeatureCollection（乡镇/学区面）');

export type SolverInfo = z.infer<typeof solverInfo>;
export type MapRegions = z.infer<typeof mapRegions>;

// ── helpers ──────────────────────────────────────────────────────────────────────────────────
