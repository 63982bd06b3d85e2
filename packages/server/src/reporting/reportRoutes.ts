/**
 * @module 数据填报与审核: one school's report of a year and 学段 — read, save draft, the workflow
 * actions, its versions and the diff between two of them, and the review queue.
 * Policy, workflow and version checks happen in @junheng/db's report commands (one transaction
 * each, audited); this file validates the request, checks the data (core checkReportData) and shapes
 * the answer.
 *
 * POST /reports/batch (issue 10 #23) approves, returns or chases (催报) many reports at once: each
 * report goes through the same command as the single action, in its own transaction, and the answer
 * lists every report's result, so a partial failure names the reports that did not change and why.
 * With dryRun the same checks run and nothing is written: the confirmation dialog lists what will
 * change. A role the workflow table never lets do the action is refused as a whole (403).
 */
import {
  availableActions,
  can,
  checkReportData,
  REPORT_STATUS_NAMES,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
  reportField,
} from '@junheng/core';
import {
  createReport,
  getReport,
  getSchool,
  lastSaveOf,
  listReports,
  listReportVersions,
  REPORT_POLICY_ACTIONS,
  type Report,
  ReportError,
  type ReportKey,
  saveReportDraft,
  transitionReport,
} from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthContext, requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import {
  errorResponses,
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

const reportKey = z.object({ schoolId, year, stage });
const reportData = z.record(z.string(), z.number().nullable());
/** The review list's statuses: the workflow's, and 未填报 (a report the school has not started). */
const listStatusEnum = z.enum(['missing', ...REPORT_STATUSES] as unknown as ['missing', ...string[]]);
const reportSchema = z.object({
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

/** What this user may do now to a report in this status: the workflow's actions their rules allow. */
function actionsOn(
  auth: AuthContext,
  status: ReportStatus,
  regionCode: string,
  schoolId: string,
): ReportAction[] {
  const resource = { kind: 'schoolReport' as const, regionCode, schoolId };
  return availableActions(status, auth.actor.role).filter((a) =>
    can(auth.actor, REPORT_POLICY_ACTIONS[a], resource),
  );
}

function withActions(auth: AuthContext, r: Report) {
  const actions = actionsOn(auth, r.status, r.regionCode, r.schoolId);
  return {
    schoolId: r.schoolId,
    year: r.year,
    stage: r.stage,
    status: r.status,
    statusName: REPORT_STATUS_NAMES[r.status],
    version: r.version,
    data: r.data,
    reviewComments: r.reviewComments,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
    actions,
    proxy: r.proxy,
    reminders: r.reminders,
  };
}

/**
 * A report nobody has started yet, for a school the user may see and a 学段 the school has: an empty
 * draft at version 0 (saving it with version 0 creates it).
 */
async function notStartedReport(ctx: AppContext, auth: AuthContext, key: ReportKey) {
  const school = await getSchool(ctx.db, auth.actor, key.schoolId, key.year).catch(() => null);
  if (school?.status !== 'open' || !school.stages.includes(key.stage)) return null;
  return {
    ...key,
    status: 'draft' as const,
    statusName: REPORT_STATUS_NAMES.draft,
    version: 0,
    data: {},
    reviewComments: null,
    updatedAt: null,
    submittedAt: null,
    reviewedAt: null,
    // The school fills it in; the bureau may fill it in for the school (its first save creates the
    // report, with the reason). A chase of a report never started goes through the batch (催报 of
    // the review list's 未填报 rows), which creates the report with the reminder.
    actions: actionsOn(auth, 'draft', school.regionCode, school.id).filter((a) => a !== 'remind'),
    proxy: null,
    reminders: [],
  };
}

/** A stale version: the conflict with who saved the newer one and when, for the user's dialog. */
async function withConflictDetails<T>(ctx: AppContext, key: ReportKey, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof ReportError) || e.code !== 'conflict') throw e;
    const r = await lastSaveOf(ctx.db, key);
    throw new ApiError(
      409,
      'conflict',
      e.message,
      r ? { currentVersion: r.version, updatedAt: r.updatedAt, updatedByName: r.updatedByName } : undefined,
    );
  }
}

/** Data problems as one invalidRequest with every field listed. */
function rejectIssues(data: Record<string, unknown>, forSubmit: boolean): void {
  const issues = checkReportData(data, forSubmit);
  if (issues.length === 0) return;
  throw new ApiError(
    400,
    'invalidRequest',
    issues.length === 1 ? issues[0].message : `报表有 ${issues.length} 处需要修改：${issues[0].message}等`,
    issues.map((i) => ({ path: `data.${i.field}`, field: i.field, message: i.message })),
  );
}

const WORKFLOW_ACTIONS = [
  'submit',
  'return',
  'approve',
  'reopen',
  'lock',
  'unlock',
  'remind',
  'proxySubmit',
] as const;

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };

    app.get(
      '/reports',
      {
        config: signedIn,
        schema: {
          tags: ['数据填报'],
          summary: '报表列表（审核队列）：只含当前用户可见的学校',
          querystring: z.object({
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
          }),
          response: {
            200: pageOf(
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
            ),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return listReports(ctx.db, auth.actor, req.query as Parameters<typeof listReports>[2]);
      },
    );

    app.get(
      '/reports/:schoolId/:year/:stage',
      {
        config: signedIn,
        schema: {
          tags: ['数据填报'],
          summary: '读取一份报表（ETag 为版本号）',
          params: reportKey,
          response: { 200: reportSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        try {
          const r = await getReport(ctx.db, auth.actor, req.params);
          reply.header('etag', `"v${r.version}"`);
          return withActions(auth, r);
        } catch (e) {
          if (!(e instanceof ReportError) || e.code !== 'notFound') throw e;
          const blank = await notStartedReport(ctx, auth, req.params);
          if (!blank) throw e;
          reply.header('etag', '"v0"');
          return blank;
        }
      },
    );

    app.put(
      '/reports/:schoolId/:year/:stage',
      {
        config: signedIn,
        schema: {
          tags: ['数据填报'],
          summary:
            '保存草稿（version 为编辑时的版本；尚无报表时 version 为 0 即新建）；教育局代为填报时须给 proxyReason',
          params: reportKey,
          body: z.object({
            data: reportData,
            version: z.number().int().min(0),
            proxyReason: z
              .string()
              .max(500)
              .optional()
              .describe('代为填报（教育局）：理由，记入审计日志，报表显示“教育局代报”'),
          }),
          response: { 200: reportSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        rejectIssues(req.body.data, false);
        let expectedVersion = req.body.version;
        if (expectedVersion === 0) {
          // 代为填报 of a report the school never started: the bureau creates it (audited with the
          // reason), then saves as it would into an existing one.
          const proxyReason = req.body.proxyReason?.trim();
          const created = await createReport(
            ctx.db,
            auth.actor,
            { ...req.params, ip: req.ip },
            proxyReason ? { action: 'proxySave', reason: proxyReason } : undefined,
          );
          if (created.version !== 1 || Object.keys(created.data).length > 0) {
            throw new ApiError(
              409,
              'conflict',
              '这份报表已由他人创建并保存过：请刷新页面，在最新版本上修改',
              {
                currentVersion: created.version,
              },
            );
          }
          expectedVersion = created.version;
        }
        const r = await withConflictDetails(ctx, req.params, () =>
          saveReportDraft(ctx.db, auth.actor, {
            ...req.params,
            data: req.body.data,
            expectedVersion,
            proxyReason: req.body.proxyReason,
            ip: req.ip,
          }),
        );
        reply.header('etag', `"v${r.version}"`);
        return withActions(auth, r);
      },
    );

    app.post(
      '/reports/:schoolId/:year/:stage/:action',
      {
        config: signedIn,
        schema: {
          tags: ['数据填报'],
          summary:
            '流程操作：提交、退回（需逐项意见）、通过、重新打开（需理由）、锁定、解锁（需理由）、催报（reason 为催报内容）、代为提交（教育局，需理由）',
          params: reportKey.extend({ action: z.enum(WORKFLOW_ACTIONS) }),
          body: z.object({
            version: z.number().int().min(1),
            reason: z.string().max(500).optional(),
            comments: z
              .array(z.object({ field: z.string().max(64), text: z.string().max(500) }))
              .max(100)
              .optional(),
          }),
          response: { 200: reportSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const { action, ...key } = req.params;
        if (action === 'submit' || action === 'proxySubmit') {
          const current = await getReport(ctx.db, auth.actor, key);
          // Only the version being submitted is checked; a stale one ends in the command's conflict.
          if (current.version === req.body.version) rejectIssues(current.data, true);
        }
        for (const c of req.body.comments ?? []) {
          if (c.field !== '' && !reportField(c.field)) {
            throw new ApiError(
              400,
              'invalidRequest',
              `意见所指的填报项“${c.field}”不存在：请从表中的项目选择`,
            );
          }
        }
        const r = await withConflictDetails(ctx, key, () =>
          transitionReport(ctx.db, auth.actor, {
            ...key,
            action: action as Exclude<ReportAction, 'save' | 'proxySave'>,
            expectedVersion: req.body.version,
            reason: req.body.reason,
            comments: req.body.comments,
            ip: req.ip,
          }),
        );
        reply.header('etag', `"v${r.version}"`);
        return withActions(auth, r);
      },
    );

    const versionSchema = z.object({
      version: z.number(),
      status: reportStatus,
      statusName: z.string(),
      actorName: z.string().nullable(),
      at: timestamp,
      reviewComments: z.record(z.string(), z.string()).nullable(),
    });

    app.get(
      '/reports/:schoolId/:year/:stage/versions',
      {
        config: signedIn,
        schema: {
          tags: ['数据填报'],
          summary: '报表的全部版本（最早的在前）',
          params: reportKey,
          response: { 200: z.array(versionSchema), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const versions = await listReportVersions(ctx.db, auth.actor, req.params);
        return versions.map((v) => ({
          version: v.version,
          status: v.status,
          statusName: REPORT_STATUS_NAMES[v.status as keyof typeof REPORT_STATUS_NAMES] ?? v.status,
          actorName: v.actorName,
          at: v.at,
          reviewComments: v.reviewComments,
        }));
      },
    );

    app.get(
      '/reports/:schoolId/:year/:stage/diff',
      {
        config: signedIn,
        schema: {
          tags: ['数据填报'],
          summary: '两个版本之间有变化的填报项',
          params: reportKey,
          querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
          response: {
            200: z.array(
              z.object({
                field: z.string(),
                label: z.string(),
                unit: z.string(),
                before: z.number().nullable(),
                after: z.number().nullable(),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const versions = await listReportVersions(ctx.db, auth.actor, req.params);
        const pick = (v: number) => {
          const found = versions.find((x) => x.version === v);
          if (!found)
            throw new ApiError(404, 'notFound', `这份报表没有第 ${v} 版（共 ${versions.length} 版）`);
          // Every version was saved through checkReportData (numbers, null for 未填).
          return found.data as Record<string, number | null>;
        };
        const before = pick(req.query.from);
        const after = pick(req.query.to);
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        return keys
          .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
          .map((k) => {
            const f = reportField(k);
            return {
              field: k,
              label: f?.label ?? k,
              unit: f?.unit ?? '',
              before: before[k] ?? null,
              after: after[k] ?? null,
            };
          });
      },
    );
  };
}
