/**
 * @module zod schemas shared by the routes: the error body every status ≥ 400 carries, and the
 * small values many routes take (school year, 学段, page).
 */
import {
  type ConflictDetails,
  type Issue,
  type OutstandingReport,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  USER_ROLES,
  type UserRole,
} from '@junheng/core';
import { z } from 'zod';

/** A list of a core vocabulary as the non-empty tuple z.enum wants. */
function values<T extends string>(list: readonly T[]): [T, ...T[]] {
  return list as unknown as [T, ...T[]];
}
export const stageValue = z.enum(['primary', 'junior']);

/** One problem of a refusal's list: core's Issue (what is wrong, where, how to fix it). */
export const issueSchema = z
  .object({
    code: z.string().describe('问题的稳定代码；moreErrors 表示“另有 N 处错误未列出”'),
    message: z.string().describe('哪里错了'),
    fix: z.string().describe('如何修改'),
    file: z.string().optional(),
    sheet: z.string().optional(),
    row: z.number().int().optional().describe('行号（与 Excel 显示的一致）'),
    column: z.string().optional().describe('列名（与模板一致）'),
    path: z.string().optional().describe('JSON 文件或请求中的位置，如 data.students'),
    value: z.unknown().optional().describe('填写的值'),
    omitted: z.number().int().optional().describe('moreErrors 行：未列出的错误数'),
  })
  .describe('一处问题') satisfies z.ZodType<Issue>;

/** 409 conflict: the version to start again from, and who saved first. */
export const conflictDetails = z
  .object({
    currentVersion: z.number().int(),
    updatedAt: z.string().optional(),
    updatedByName: z.string().optional(),
  })
  .describe('冲突：当前版本') satisfies z.ZodType<ConflictDetails>;

/** 409 reportsOutstanding: a report not yet approved (or not made) for the run's year. */
export const outstandingReport = z
  .object({
    schoolId: z.string(),
    schoolName: z.string(),
    stage: stageValue,
    status: z.enum(['draft', 'submitted', 'returned', 'missing']),
  })
  .describe('尚未审核通过的报表') satisfies z.ZodType<OutstandingReport>;

export const errorBody = z
  .object({
    code: z.string().describe('稳定的错误代码，见 docs/api.md'),
    message: z.string().describe('中文说明：哪里错了、如何修改'),
    details: z
      .union([z.array(issueSchema), conflictDetails, z.array(outstandingReport)])
      .optional()
      .describe(
        'importInvalid、invalidRequest：问题列表；conflict：当前版本；reportsOutstanding：尚未审核通过的报表',
      ),
  })
  .describe('错误');

// Named in the OpenAPI document's components (app.ts: transformObject), so each route refers to
// them instead of repeating them, and the web's generated types name them too.
z.globalRegistry.add(issueSchema, { id: 'Issue' });
z.globalRegistry.add(conflictDetails, { id: 'ConflictDetails' });
z.globalRegistry.add(outstandingReport, { id: 'OutstandingReport' });
z.globalRegistry.add(errorBody, { id: 'ErrorBody' });

/** Error responses every route may give (validation, session, policy, state). */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  429: errorBody,
  500: errorBody,
} as const;

export const ok = z.object({ ok: z.literal(true) });

/** The version a write was based on (a stale one ends in 409). */
export const versionBody = z.object({ version: z.number().int().min(1) });

/** 学年 by its start year: 2025 = 2025—2026学年. */
export const year = z.coerce
  .number()
  .int()
  .min(2000)
  .max(2100)
  .describe('学年起始年份，2025 表示 2025—2026学年');
export const stage = z.enum(['primary', 'junior']).describe('学段：primary 小学，junior 初中');

// ── Words of the glossary as answer fields: the contract names the values, so the web's generated
// types carry them (core's lists are the one source).

export const reportStatus = z.enum(values<ReportStatus>(REPORT_STATUSES));
/** The review list's statuses: the workflow's, and missing = 未填报 (a report not started). */
export const reportStatusOrMissing = z.enum(['missing', ...values<ReportStatus>(REPORT_STATUSES)]);
export const reportAction = z.enum(values<ReportAction>(REPORT_ACTIONS));
/** A verdict: met 达标, unmet 未达标, incomplete 数据不全, notApplicable 不适用. */
export const verdictStatus = z.enum(['met', 'unmet', 'incomplete', 'notApplicable']);
export const standardValue = z.enum(['basic', 'quality']);
export const userRole = z.enum(values<UserRole>(USER_ROLES));
export const schoolType = z.enum(values(Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[]));
/** How a county item is entered (core CountyItemInputKind). */
export const countyItemInput = z.enum(['percent', 'number', 'yesno', 'veto', 'computed', 'schoolsOrYesno']);
export const locality = z.enum(['urban', 'town', 'rural']);

export const schoolId = z.string().regex(/^\d{10}$/, '学校标识码应为 10 位数字');
export const countyCode = z.string().regex(/^[1-9]\d{5}$/, '县级行政区划代码应为 6 位数字');

export const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  order: z.enum(['asc', 'desc']).optional(),
};

/** A list page as every list route answers. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** A Date from the database; sent as an ISO 8601 string (documented as date-time). */
export const timestamp = z.date();
export const nullableTimestamp = timestamp.nullable();
