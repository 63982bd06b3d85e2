/**
 * @module Schemas of the school routes (schoolRoutes.ts): the list, one school's register entry with
 * its reports and history, its place in the county's evaluation and its plan (一校一策), and the
 * requests. Parts that are core's evaluation records (SchoolCompliance, IndicatorResult, PlanStep)
 * are documented as such and typed from core on the web.
 */
import { SCHOOL_TYPE_NAMES } from '@junheng/core';
import { z } from 'zod';
import {
  locality,
  nullableTimestamp,
  paging,
  reportStatus,
  schoolId,
  schoolType,
  stage,
  stageValue,
  standardValue,
  timestamp,
  verdictStatus,
  year,
} from '../platform/schemas.js';

export const tags = ['学校'];

const schoolStatus = z
  .enum(['open', 'merged', 'closed'])
  .describe('学校自身状态：open 开办，merged 已合并，closed 已撤销');

/** What the list and the detail both say of a school. */
const schoolNames = {
  id: z.string(),
  name: z.string(),
  type: schoolType,
  typeName: z.string(),
  locality,
  localityName: z.string(),
  regionCode: z.string(),
};

export const schoolListItem = z.object({
  ...schoolNames,
  status: schoolStatus,
  stages: z.array(stageValue),
  students: z.number().nullable(),
  reports: z.record(z.string(), z.object({ status: reportStatus, version: z.number() })),
});

/** GET /schools/:id (db SchoolDetail). */
export const schoolDetail = z.object({
  ...schoolNames,
  regionName: z.string(),
  countyCode: z.string(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  status: schoolStatus,
  mergedInto: z.string().nullable(),
  firstYear: z.number().nullable().describe('启用学年：从这一学年起填报；null 表示每一学年'),
  createdAt: timestamp,
  updatedAt: timestamp,
  stages: z.array(stageValue),
  year: z.number(),
  info: z
    .object({
      sharedFacilities: z.record(z.string(), z.number().nullable()).nullable(),
      seniorStudents: z.number().nullable(),
      meetsProvincialStandard: z.boolean().nullable(),
      rosterPosition: z.number().nullable(),
      updatedAt: timestamp,
    })
    .nullable()
    .describe('全校数据（设施全校合计、高中部在校生数、是否达到省定办学基本标准）；未填写时为 null'),
  reports: z.array(
    z.object({
      stage: stageValue,
      status: reportStatus,
      version: z.number(),
      updatedAt: timestamp,
      submittedAt: nullableTimestamp,
      reviewedAt: nullableTimestamp,
    }),
  ),
  statusHistory: z.array(
    z.object({
      status: schoolStatus,
      mergedInto: z.string().nullable(),
      effectiveOn: z.string(),
      reason: z.string().nullable(),
      changedByName: z.string().nullable(),
      changedAt: timestamp,
    }),
  ),
});

/** PATCH /schools/:id: the register entry after the change. */
export const schoolRegister = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  locality,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  status: schoolStatus,
  merged_into: z.string().nullable(),
  first_year: z.number().nullable(),
  region_code: z.string(),
});

/** The school's value in one county coefficient, beside the county mean. */
const schoolCoefficientLine = z.object({
  standard: standardValue,
  stage: stageValue,
  indicator: z.string(),
  name: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  countyMean: z.number().nullable(),
  cv: z.number().nullable(),
  threshold: z.number().nullable(),
  status: verdictStatus,
});

export const schoolEvaluation = z.object({
  source: z.literal('live'),
  schoolId: z.string(),
  year: z.number(),
  quality: z.array(z.unknown()).describe('本校各学段的优质均衡校际达标情况（core SchoolCompliance）'),
  coefficients: z.array(schoolCoefficientLine),
  excluded: z.array(
    z.object({
      schoolId: z.string(),
      name: z.string(),
      type: schoolType,
      stage: stageValue,
      students: z.number().nullable(),
      reason: z.string(),
      standards: z.array(standardValue),
    }),
  ),
  issues: z.array(
    z.object({
      schoolId: z.string(),
      name: z.string(),
      stage: stageValue.optional(),
      field: z.string(),
      message: z.string(),
    }),
  ),
  statusNames: z.record(z.string(), z.string()),
});

export const schoolPlan = z.object({
  schoolId: z.string(),
  name: z.string(),
  year: z.number(),
  stages: z.array(
    z.object({
      stage: stageValue,
      status: verdictStatus,
      statusName: z.string(),
      reason: z.string(),
      metCount: z.number(),
      indicators: z.array(z.unknown()).describe('各项指标的数值、要求与缺口（core IndicatorResult）'),
      plan: z.array(z.unknown()).describe('达标所需的最少补充（core PlanStep）'),
      estimatedCost: z.number(),
    }),
  ),
});

export const schoolListQuery = z.object({
  year,
  q: z.string().max(50).optional(),
  type: z.enum(Object.keys(SCHOOL_TYPE_NAMES) as [string, ...string[]]).optional(),
  locality: z.enum(['urban', 'town', 'rural']).optional(),
  status: z.enum(['open', 'merged', 'closed']).optional(),
  sort: z.enum(['id', 'name', 'type', 'locality', 'students']).optional(),
  ...paging,
});

export const schoolParams = z.object({ id: schoolId });
export const yearQuery = z.object({ year });
export const planQuery = z.object({ year, stage: stage.optional() });

export const schoolChangesBody = z.object({
  name: z.string().max(100).optional(),
  address: z.string().max(200).nullable().optional(),
  locality: z.enum(['urban', 'town', 'rural']).optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  status: z.enum(['open', 'merged', 'closed']).optional(),
  mergedInto: schoolId.nullable().optional(),
  effectiveOn: z.iso.date('生效日期应为有效的 年-月-日，如 2026-09-01').optional(),
  reason: z.string().max(500).optional(),
  firstYear: z.number().int().min(2000).max(2100).nullable().optional(),
});
