/**
 * @module The request and response schemas of the 均衡分班 routes (routes.ts): zod, validating
 * requests and generating the OpenAPI document (packages/server/openapi.json).
 */
import { MAX_CLASSES, MAX_ENTRANTS } from '@junheng/core';
import { z } from 'zod';
import { nullableTimestamp, schoolId, stage, stageValue, timestamp, year } from '../../platform/schemas.js';

export const tags = ['均衡分班'];

export const summary = z.object({
  id: z.number(),
  schoolId: z.string(),
  schoolName: z.string(),
  countyCode: z.string(),
  year: z.number(),
  stage: stageValue,
  gradeLabel: z.string(),
  classCount: z.number(),
  studentCount: z.number(),
  status: z.enum(['draft', 'published']).describe('draft 草稿，published 已公示'),
  version: z.number().describe('乐观锁版本号：修改时原样带回'),
  meanSpread: z.number().nullable().describe('各班平均成绩极差（本系统）'),
  snakeMeanSpread: z.number().nullable().describe('各班平均成绩极差（蛇形分班）'),
  headTeacherDrawId: z.number().nullable(),
  updatedAt: timestamp,
  updatedByName: z.string().nullable(),
  publishedAt: nullableTimestamp,
});

export const rosterEntry = z.object({
  key: z.string(),
  maskedName: z.string(),
  gender: z.enum(['male', 'female']),
  score: z.number().nullable(),
  specialNeeds: z.boolean(),
  leftBehind: z.boolean(),
  together: z.string().nullable(),
  apart: z.string().nullable(),
});

export const reportClass = z.object({
  classNo: z.number(),
  name: z.string(),
  size: z.number(),
  meanScore: z.number().nullable(),
  sdScore: z.number().nullable(),
  male: z.number(),
  female: z.number(),
  specialNeeds: z.number(),
  leftBehind: z.number(),
  notes: z.array(z.string()),
});
export const spread = z.object({
  size: z.number(),
  meanScore: z.number(),
  sdScore: z.number(),
  male: z.number(),
  female: z.number(),
  specialNeeds: z.number(),
  leftBehind: z.number(),
});
export const violations = z.object({ together: z.number(), apart: z.number() });
export const report = z.object({
  seed: z.string(),
  iterations: z.number(),
  hasScores: z.boolean(),
  classes: z.array(reportClass).describe('本系统（局部搜索）'),
  snake: z.array(reportClass).describe('同一批学生的蛇形分班'),
  spread: z.object({ ours: spread, snake: spread }).describe('各项的极差（最大 − 最小）'),
  meanSpreadRatio: z.number().nullable().describe('蛇形分班平均分极差 ÷ 本系统的'),
  violations: z.object({ ours: violations, snake: violations }),
  constraints: z.array(
    z.object({
      kind: z.enum(['together', 'apart']),
      code: z.string(),
      members: z.array(z.string()),
      classes: z.array(z.string()),
      honoured: z.boolean(),
      snakeHonoured: z.boolean(),
    }),
  ),
  allHonoured: z.boolean(),
});

export const view = summary.extend({
  classNames: z.array(z.string()),
  seed: z.string(),
  detail: z
    .enum(['full', 'aggregate', 'lists'])
    .describe(
      'full 本校和本县教育局：脱敏名单（含随班就读、留守标记）和完整报告；aggregate 督学、市级等：各班汇总数字，不含学生个人标记，约束检查不列成员；lists 仅因已公示可见：只有脱敏的各班名单',
    ),
  roster: z.array(rosterEntry).nullable().describe('脱敏名单（含每名学生的随班就读、留守标记）；仅 full'),
  assignment: z.record(z.string(), z.number()).nullable().describe('新生编号 → 班级序号；仅 full'),
  report: report
    .nullable()
    .describe(
      '均衡报告：各班人数、平均分、标准差、男女、随班就读、留守，与蛇形分班对比，约束检查；lists 为 null，aggregate 的约束检查不列成员和班级',
    ),
  classLists: z
    .array(
      z.object({
        classNo: z.number(),
        name: z.string(),
        students: z.array(z.object({ no: z.number(), maskedName: z.string(), gender: z.enum(['男', '女']) })),
      }),
    )
    .nullable(),
  headTeachers: z.array(z.string()).nullable(),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  publishedByName: z.string().nullable(),
  canEdit: z.boolean(),
});

export const entrant = z.object({
  name: z.string().min(1).max(30),
  gender: z.enum(['male', 'female']),
  score: z.number().min(0).max(1000).nullable().optional(),
  specialNeeds: z.boolean().optional(),
  leftBehind: z.boolean().optional(),
  togetherCode: z.string().max(20).nullable().optional(),
  apartCode: z.string().max(20).nullable().optional(),
});

export const headTeacherTableSchema = z
  .object({
    drawId: z.number(),
    teachers: z.array(z.string()),
    rows: z
      .array(z.object({ classNo: z.number(), className: z.string(), teacher: z.string(), rank: z.number() }))
      .nullable()
      .describe('派位前为 null'),
  })
  .nullable();

export const placementId = z.object({ id: z.coerce.number().int().min(1) });
export const classCount = z.coerce.number().int().min(1).max(MAX_CLASSES);
export const gradeLabel = z.string().min(1).max(20);

export const placementListQuery = z.object({ year: year.optional(), schoolId: schoolId.optional() });

export const newPlacementBody = z.object({
  schoolId,
  year: z.number().int().min(2000).max(2100),
  stage: stage.optional(),
  gradeLabel: gradeLabel.optional(),
  classCount: z.number().int().min(1).max(MAX_CLASSES),
  classNames: z.array(z.string().max(30)).max(MAX_CLASSES).optional(),
  seed: z.string().min(1).max(64).optional(),
  entrants: z.array(entrant).max(MAX_ENTRANTS).optional(),
  demo: z
    .object({ students: z.number().int().min(2).max(1000) })
    .optional()
    .describe('用演示新生名单（虚构姓名）'),
});

export const importQuery = z.object({
  schoolId,
  year,
  classCount,
  stage: stage.optional(),
  gradeLabel: gradeLabel.optional(),
});
export const importAnswer = view.extend({ warnings: z.array(z.string()) });

export const runBody = z.object({
  version: z.number().int().min(1),
  classCount: z.number().int().min(1).max(MAX_CLASSES).optional(),
  classNames: z.array(z.string().max(30)).max(MAX_CLASSES).optional(),
  seed: z.string().min(1).max(64).optional(),
});

export const headTeachersBody = z.object({
  version: z.number().int().min(1),
  teachers: z.array(z.string().max(20)).min(1).max(MAX_CLASSES),
});
export const headTeacherDraw = z.object({ drawId: z.number(), version: z.number() });
