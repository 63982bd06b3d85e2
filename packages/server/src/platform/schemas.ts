/**
 * @module zod schemas shared by the routes: the error body every status ≥ 400 carries, and the
 * small values many routes take (school year, 学段, page).
 */
import {
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

export const errorBody = z
  .object({
    code: z.string().describe('稳定的错误代码，见 docs/api.md'),
    message: z.string().describe('中文说明：哪里错了、如何修改'),
    details: z.unknown().optional(),
  })
  .describe('错误');

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

/** A list of a core vocabulary as the non-empty tuple z.enum wants. */
function values<T extends string>(list: readonly T[]): [T, ...T[]] {
  return list as unknown as [T, ...T[]];
}
export const stageValue = z.enum(['primary', 'junior']);
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
