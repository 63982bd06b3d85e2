/**
 * @module Answer schemas of evaluation results shared by the dashboard, the evaluation runs and the
 * public page: a verdict, a coefficient against its threshold, a point of the trend, a school's
 * published figures. The web's types are generated from them (api/openapi.d.ts).
 */
import { z } from 'zod';
import { stageValue, standardValue, verdictStatus } from '../platform/schemas.js';

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
