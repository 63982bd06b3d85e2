/**
 * @module The request and response schemas of the 用户管理 and 审计 routes (userRoutes.ts,
 * auditRoutes.ts): zod, validating requests and generating the OpenAPI document
 * (packages/server/openapi.json).
 */
import { USER_ROLES } from '@junheng/core';
import { z } from 'zod';
import { nullableTimestamp, pageOf, paging, timestamp, userRole } from '../platform/schemas.js';

export const userRow = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: userRole,
  roleName: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  lockedUntil: nullableTimestamp,
  disabled: z.boolean(),
  createdAt: timestamp,
});

export const userListQuery = z.object({ q: z.string().max(50).optional(), ...paging });
export const userId = z.object({ id: z.coerce.number().int().min(1) });

export const newUserBody = z.object({
  username: z.string().min(2).max(64),
  displayName: z.string().min(1).max(64),
  role: z.enum(USER_ROLES as unknown as ['system_admin', ...string[]]),
  regionCode: z.string().max(9).nullable().optional(),
  schoolId: z.string().max(10).nullable().optional(),
  password: z.string().min(1).max(256),
});

export const userChangesBody = z.object({
  username: z.string().min(2).max(64).optional(),
  displayName: z.string().min(1).max(64).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(1).max(256).optional(),
});

export const auditQuery = z.object({
  entity: z.string().max(64).optional(),
  actor: z.string().max(64).optional().describe('用户名（不区分大小写；system 为系统）'),
  action: z.string().max(64).optional().describe('动作，如 report.submit'),
  from: z.string().max(10).optional().describe('开始日期 YYYY-MM-DD（北京时间，含当天）'),
  to: z.string().max(10).optional().describe('结束日期 YYYY-MM-DD（北京时间，含当天）'),
  ...paging,
});

export const auditPage = pageOf(
  z.object({
    id: z.number(),
    at: timestamp,
    actorId: z.number().nullable(),
    actor: z.string(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
    ip: z.string().nullable(),
    hash: z.string(),
  }),
);

export const auditVerifyQuery = z.object({
  expectHead: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制哈希')
    .optional()
    .describe('县里另行记下的哈希：链中必须仍包含它'),
});

export const auditVerification = z.object({
  ok: z.boolean(),
  events: z.number(),
  lastHash: z.string(),
  firstBad: z
    .object({ id: z.number(), kind: z.enum(['hash', 'link']), reason: z.string() })
    .optional()
    .describe('第一条校验不通过的审计记录：hash 内容被改动，link 前后链接断开'),
  anchors: z
    .object({
      ok: z.boolean(),
      checkpoints: z.number(),
      latest: z.object({ at: timestamp, seq: z.number(), hash: z.string(), line: z.string() }).optional(),
      problems: z.array(z.string()),
    })
    .optional(),
});
