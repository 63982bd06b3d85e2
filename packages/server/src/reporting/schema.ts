/**
 * @module The request and response schemas of the 数据填报 routes (reportRoutes.ts, the batch
 * reportBatchRoutes.ts) and of the imports (importRoutes.ts): zod, validating requests and
 * generating the OpenAPI document (packages/server/openapi.json).
 */
import { REPORT_STATUSES } from '@junheng/core';
import { z } from 'zod';
import {
  countyCode,
  nullableTimestamp,
  pageOf,
  paging,
  reportAction,
  reportStatus,
  reportStatusOrMissing,
  schoolId,
  stage,
  stageValue,
  timestamp,
  year,
} from '../platform/schemas.js';

export const reportTags = ['数据填报'];
export const reportKey = z.object({ schoolId, year, stage });
export const reportData = z.record(z.string(), z.number().nullable());
/** The review list's statuses: the workflow's, and 未填报 (a report the school has not started). */
const listStatusEnum = z.enum(['missing', ...REPORT_STATUSES] as unknown as ['missing', ...string[]]);

export const reportSchema = z.object({
  schoolId: z.string(),
  year: z.number(),
  stage: stageValue,
  status: reportStatus,
  statusName: z.string(),
  version: z.number(),
  data: z.record(z.string(), z.number().nullable()).describe('填报项的值；null 表示未填'),
  reviewComments: z.record(z.string(), z.string()).nullable(),
  updatedAt: nullableTimestamp.describe('尚未填报（version 0）时为 null'),
  submittedAt: nullableTimestamp,
  reviewedAt: nullableTimestamp,
  actions: z.array(reportAction).describe('此用户现在可做的操作'),
  proxy: z
    .object({ byName: z.string().nullable(), at: timestamp, reason: z.string() })
    .nullable()
    .describe('教育局代报：教育局代学校填报或提交（谁、何时、理由）'),
  reminders: z
    .array(z.object({ message: z.string(), byName: z.string().nullable(), at: timestamp }))
    .describe('教育局的催报，最新的在前'),
});

export const reportListQuery = z.object({
  year,
  status: z
    .union([listStatusEnum, z.array(listStatusEnum)])
    .optional()
    .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
  stage: stage.optional(),
  schoolId: schoolId.optional(),
  q: z.string().max(50).optional(),
  sort: z.enum(['schoolId', 'schoolName', 'status', 'updatedAt', 'submittedAt']).optional(),
  ...paging,
});

export const reportList = pageOf(
  z.object({
    schoolId: z.string(),
    schoolName: z.string(),
    regionCode: z.string(),
    year: z.number(),
    stage: stageValue,
    status: reportStatusOrMissing.describe('missing = 未填报：学校尚未开始填报（version 为 0）'),
    version: z.number(),
    updatedAt: nullableTimestamp,
    submittedAt: nullableTimestamp,
    reviewedAt: nullableTimestamp,
    proxied: z.boolean().describe('教育局代报'),
    reminders: z.number().describe('催报次数'),
    lastRemindedAt: nullableTimestamp,
  }),
);

export const draftBody = z.object({
  data: reportData,
  version: z.number().int().min(0),
  proxyReason: z
    .string()
    .max(500)
    .optional()
    .describe('代为填报（教育局）：理由，记入审计日志，报表显示“教育局代报”'),
});

export const WORKFLOW_ACTIONS = [
  'submit',
  'return',
  'approve',
  'reopen',
  'lock',
  'unlock',
  'remind',
  'proxySubmit',
] as const;

export const workflowParams = reportKey.extend({ action: z.enum(WORKFLOW_ACTIONS) });

export const workflowBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().max(500).optional(),
  comments: z
    .array(z.object({ field: z.string().max(64), text: z.string().max(500) }))
    .max(100)
    .optional(),
});

export const versionSchema = z.object({
  version: z.number(),
  status: reportStatus,
  statusName: z.string(),
  actorName: z.string().nullable(),
  at: timestamp,
  reviewComments: z.record(z.string(), z.string()).nullable(),
});

export const diffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const diffItem = z.object({
  field: z.string(),
  label: z.string(),
  unit: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
});

/** What a batch may do: review the submitted ones, or chase the ones still at the school. */
export const BATCH_ACTIONS = ['approve', 'return', 'remind'] as const;

/** Largest batch: a county's reports of a year fit, a mistaken "select all" of many years does not. */
const BATCH_MAX = 500;

export const batchBody = z.object({
  year,
  action: z.enum(BATCH_ACTIONS),
  reports: z
    .array(
      z.object({
        schoolId,
        stage,
        version: z.number().int().min(0).describe('0：学校尚未开始填报（未填报，只能催报）'),
      }),
    )
    .min(1)
    .max(BATCH_MAX),
  reason: z.string().max(500).optional(),
  dryRun: z.boolean().optional(),
});

export const batchResult = z.object({
  schoolId: z.string(),
  schoolName: z.string().nullable().describe('无权查看的报表为 null'),
  stage: stageValue,
  ok: z.boolean(),
  from: reportStatusOrMissing.nullable(),
  fromName: z.string().nullable(),
  to: reportStatus.nullable(),
  toName: z.string().nullable(),
  version: z.number().nullable().describe('操作后的版本号（dryRun 时为将得到的版本号）'),
  code: z.string().optional(),
  message: z.string().optional(),
});

export const batchAnswer = z.object({
  action: z.string(),
  actionName: z.string(),
  dryRun: z.boolean(),
  changed: z.number().describe('已办理（dryRun 时为可办理）的份数'),
  failed: z.number(),
  results: z.array(batchResult),
});

export const importTags = ['导入导出'];

export const importSummary = z.object({
  file: z.string(),
  schools: z.number(),
  schoolsCreated: z.number(),
  reportsCreated: z.number(),
  reportsUpdated: z.number(),
  countyItems: z.number(),
  warnings: z.array(z.string()),
  otherReports: z.array(z.object({ schoolId: z.string(), stage: stageValue })),
  approved: z.number().describe('导入即审核通过的报表数'),
  dryRun: z.boolean().optional().describe('true：只是试导入，没有写入任何数据'),
  approvedReports: z
    .array(
      z.object({
        schoolId: z.string(),
        schoolName: z.string(),
        stage: stageValue,
        stageName: z.string(),
        from: reportStatusOrMissing.describe('导入前的状态，missing = 尚无报表'),
        fromName: z.string(),
        to: reportStatus,
        toName: z.string(),
      }),
    )
    .optional()
    .describe('导入即审核时审核通过（dryRun 时为将审核通过）的报表'),
});

export const countyImportQuery = z.object({
  year,
  countyCode: countyCode.optional(),
  approve: z.enum(['true', 'false']).default('false').describe('教育局已收齐各校数据时：导入即审核通过'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true：完整检查并试导入后撤销，返回将审核通过的报表（导入即审核的确认）'),
});

export const schoolParams = z.object({ schoolId });
export const yearQuery = z.object({ year });
export const countyYearQuery = z.object({ year, countyCode: countyCode.optional() });
export const schoolTemplateParams = z.object({
  schoolId: z.string().regex(/^\d{10}(\.xlsx)?$/, '学校标识码应为 10 位数字'),
});
