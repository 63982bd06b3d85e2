/**
 * @module Answer schemas of evaluation results shared by the dashboard, the evaluation runs and the
 * public page: a verdict, a coefficient against its threshold, a point of the trend, a school's
 * published figures, a stored run; and the requests of the evaluation routes (evaluationRoutes.ts).
 * The web's types are generated from them (api/openapi.d.ts).
 */
import { z } from 'zod';
import {
  countyCode,
  nullableTimestamp,
  paging,
  stageValue,
  standardValue,
  timestamp,
  verdictStatus,
  year,
} from '../platform/schemas.js';

export const tags = ['督导评估'];

/** A county verdict of one standard (core's StandardResult status and reasons). */
export const verdict = z.object({
  status: verdictStatus,
  statusName: z.string(),
  reasons: z.array(z.string()),
});

/** One difference coefficient (core CoefficientSummaryRow); indicator 'composite' = 综合差异系数. */
export const coefficientRow = z.object({
  standard: standardValue,
  stage: stageValue,
  indicator: z.string(),
  name: z.string(),
  cv: z.number().nullable(),
  threshold: z.number().nullable().describe('基本均衡的单项指标为 null（只判综合差异系数）'),
  status: verdictStatus,
});

/** 优质均衡 school stages by result. */
export const schoolCounts = z.object({
  total: z.number(),
  met: z.number(),
  unmet: z.number(),
  incomplete: z.number(),
});

/** One year and standard of the trend: the newest published run, else the newest run. */
export const trendPoint = z.object({
  year: z.number(),
  standard: standardValue,
  runId: z.number(),
  published: z.boolean(),
  verdict: verdictStatus,
  coefficients: z.array(coefficientRow.omit({ standard: true })),
  schools: schoolCounts.nullable().describe('优质均衡各校学段的达标情况；基本均衡为 null'),
});

/** A school stage of a published 优质均衡 result: names, not codes, and the 7 school indicators. */
export const schoolFigure = z.object({
  schoolId: z.string(),
  name: z.string(),
  type: z.string().describe('学校类型名称'),
  locality: z.string().describe('城乡类型名称'),
  stage: z.string().describe('学段名称'),
  students: z.number(),
  status: z.string().describe('结论名称'),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      name: z.string(),
      unit: z.string(),
      value: z.number().nullable(),
      requirement: z.number(),
      status: z
        .enum(['met', 'floor', 'belowFloor', 'missing'])
        .describe('met 达到要求；floor 达到要求的 85% 及以上；belowFloor 不足 85%；missing 未填报'),
    }),
  ),
});

/** A stored evaluation run (without its result). */
export const runSummary = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number(),
  standard: z.enum(['basic', 'quality', 'both']),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  publishedAt: nullableTimestamp,
  publishedByName: z.string().nullable(),
  inputsSha256: z.string(),
  verdict: verdictStatus,
  engineVersion: z.string(),
  stale: z.boolean().optional().describe('已过期：运行之后学校报表或县级指标有改动（评估记录列表中给出）'),
});

export const runId = z.object({ id: z.coerce.number().int().min(1) });

export const evaluationBody = z.object({
  year: z.number().int().min(2000).max(2100),
  standard: z.enum(['basic', 'quality', 'both']),
  countyCode: countyCode.optional(),
});

export const runListQuery = z.object({ year: year.optional(), countyCode: countyCode.optional(), ...paging });

export const runDetail = runSummary.extend({
  result: z.record(z.string(), z.unknown()),
  freshness: z
    .object({ current: z.boolean(), reasons: z.array(z.string()) })
    .describe('current = false 即已过期：reasons 说明运行之后哪些数据有改动，需重新运行评估'),
});

export const publishedRun = z.object({
  run: runSummary,
  lockedReports: z.array(
    z.object({ id: z.number(), schoolId: z.string(), stage: stageValue, version: z.number() }),
  ),
});
