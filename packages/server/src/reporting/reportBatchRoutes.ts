/**
 * @module 审核 in bulk (POST /api/reports/batch): approve, return (one reason for all) or chase
 * (催报) many reports in one request — each report through the single action's command in its own
 * transaction, with a per-report result and a dry run for the confirmation; a report the school
 * never started (version 0) can only be chased, which creates it with the reminder.
 */
import {
  can,
  REPORT_ACTION_NAMES,
  REPORT_STATUS_NAMES,
  type ReportStatus,
  rolesFor,
  USER_ROLE_NAMES,
} from '@junheng/core';
import {
  AccessError,
  checkStartOnBehalf,
  previewTransition,
  ReportError,
  type ReportKey,
  remindUnstartedReport,
  schoolsByIds,
  transitionReport,
} from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type AuthContext, requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { type BATCH_ACTIONS, batchAnswer, batchBody, type batchResult, reportTags } from './schema.js';

type BatchAction = (typeof BATCH_ACTIONS)[number];
type BatchBody = z.infer<typeof batchBody>;
type BatchResult = z.infer<typeof batchResult>;

/** Status names of the review list and the batch results (未填报 is no workflow state). */
const listStatusName = (s: string): string =>
  s === 'missing' ? '未填报' : (REPORT_STATUS_NAMES[s as ReportStatus] ?? s);

/** The transition a batch asks of each report: a return's reason is its overall comment. */
function batchTransition(action: BatchAction, reason: string | undefined, count: number) {
  const text = reason?.trim() || undefined;
  if (action === 'return') return { reason: text, comments: text ? [{ field: '', text }] : [] };
  if (action === 'remind') return { reason: text };
  return { reason: text ?? `批量审核通过（共 ${count} 份）` };
}

/** School names of the reports the actor may see (null for the others: nothing leaks). */
async function visibleSchoolNames(
  ctx: AppContext,
  auth: AuthContext,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const s of await schoolsByIds(ctx.db, ids)) {
    if (can(auth.actor, 'view', { kind: 'schoolReport', regionCode: s.regionCode, schoolId: s.id }))
      names.set(s.id, s.name);
  }
  return names;
}

interface BatchItem extends ReportKey {
  action: BatchAction;
  dryRun: boolean;
  ip: string;
}

type BatchDone = { from: ReportStatus | 'missing'; to: ReportStatus; version: number };

/** One existing report of a batch: the single action's checks (dry run) or the action itself. */
async function batchExisting(
  ctx: AppContext,
  auth: AuthContext,
  item: BatchItem & { version: number; extra: ReturnType<typeof batchTransition> },
): Promise<BatchDone> {
  const { dryRun, version, extra, ...rest } = item;
  const input = { ...rest, expectedVersion: version, ...extra };
  const before = await previewTransition(ctx.db, auth.actor, input);
  const after = dryRun ? null : await transitionReport(ctx.db, auth.actor, input);
  return { from: before.from, to: after?.status ?? before.to, version: after?.version ?? before.version };
}

/**
 * One report of a batch that the school has not started (未填报, version 0): it can only be chased —
 * the chase creates the empty report with the reminder (db reportCreation.ts); there is nothing to
 * approve or return.
 */
async function batchUnstarted(
  ctx: AppContext,
  auth: AuthContext,
  item: BatchItem & { reason: string | undefined },
): Promise<BatchDone> {
  const { action, dryRun, reason, ip, ...key } = item;
  if (action !== 'remind') {
    throw new ReportError(
      'wrongState',
      `学校尚未开始填报这份报表，不能${REPORT_ACTION_NAMES[action]}：可以催报，或打开后由教育局代为填报`,
    );
  }
  if (dryRun) {
    const { exists } = await checkStartOnBehalf(ctx.db, auth.actor, key, { action, reason: reason ?? '' });
    if (exists) throw new ReportError('conflict', '学校已开始填报这份报表：请刷新列表后再操作');
  } else {
    await remindUnstartedReport(ctx.db, auth.actor, { ...key, reason: reason ?? '', ip });
  }
  return { from: 'missing', to: 'draft', version: 1 };
}

/**
 * What refuses a batch as a whole: a role the workflow never lets do the action (403), a return or
 * a chase without its text (unless a dry run), the same report twice.
 */
function checkBatch(auth: AuthContext, body: BatchBody, dryRun: boolean): void {
  const { action, reports, reason } = body;
  const roles = rolesFor(action);
  if (!roles.includes(auth.actor.role)) {
    throw new ApiError(
      403,
      'notAllowed',
      `批量${REPORT_ACTION_NAMES[action]}只能由${roles.map((r) => USER_ROLE_NAMES[r]).join('、')}操作`,
    );
  }
  if (action !== 'approve' && !reason?.trim() && !dryRun) {
    throw new ApiError(
      400,
      'reasonRequired',
      action === 'return'
        ? '批量退回需要填写退回理由：理由作为整体意见发给每所学校，并记入审计日志'
        : '催报需要填写催报内容：学校在报表页面看到这段话',
    );
  }
  const keys = reports.map((r) => `${r.schoolId}/${r.stage}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) {
    throw new ApiError(400, 'invalidRequest', `同一份报表（${twice}）在批量操作中出现了两次`);
  }
}

/**
 * Every report of the batch, one at a time, each in its own transaction: a refusal (a report or
 * access error) is that report's result and leaves the others as done.
 */
async function runBatch(
  ctx: AppContext,
  auth: AuthContext,
  body: BatchBody,
  dryRun: boolean,
  ip: string,
): Promise<BatchResult[]> {
  const { year: y, action, reports, reason } = body;
  const names = await visibleSchoolNames(
    ctx,
    auth,
    reports.map((r) => r.schoolId),
  );
  // A dry run checks before the reason is written: a stand-in lets the checks run.
  const extra = batchTransition(
    action,
    reason?.trim() || (dryRun && action !== 'approve' ? '（待填写）' : reason),
    reports.length,
  );
  const results: BatchResult[] = [];
  for (const r of reports) {
    const key = { schoolId: r.schoolId, year: y, stage: r.stage };
    const schoolName = names.get(r.schoolId) ?? null;
    try {
      const done =
        r.version === 0
          ? await batchUnstarted(ctx, auth, { ...key, action, reason: extra.reason, dryRun, ip })
          : await batchExisting(ctx, auth, { ...key, action, extra, version: r.version, dryRun, ip });
      results.push({
        ...key,
        schoolName,
        ok: true,
        from: done.from,
        fromName: listStatusName(done.from),
        to: done.to,
        toName: listStatusName(done.to),
        version: done.version,
      });
    } catch (e) {
      if (!(e instanceof ReportError) && !(e instanceof AccessError)) throw e;
      results.push({
        ...key,
        schoolName,
        ok: false,
        from: null,
        fromName: null,
        to: null,
        toName: null,
        version: null,
        code: e.code,
        message: e.message,
      });
    }
  }
  return results;
}

/** The batch route. */
export function reportBatchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/reports/batch',
      {
        config: signedIn,
        schema: {
          tags: reportTags,
          summary:
            '批量审核通过、退回（需理由）或催报（需内容）：逐份按单份操作的规则办理，逐份给出结果；dryRun 只检查不写入',
          body: batchBody,
          response: { 200: batchAnswer, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const dryRun = req.body.dryRun === true;
        checkBatch(auth, req.body, dryRun);
        const results = await runBatch(ctx, auth, req.body, dryRun, req.ip);
        const changed = results.filter((r) => r.ok).length;
        const { action } = req.body;
        return {
          action,
          actionName: REPORT_ACTION_NAMES[action],
          dryRun,
          changed,
          failed: results.length - changed,
          results,
        };
      },
    );
  };
}
