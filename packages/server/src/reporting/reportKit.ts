/**
 * @module What the 数据填报 route groups share: a report as they answer it (with the actions this
 * user may do now), a report nobody has started yet, a stale version's conflict with who saved the
 * newer one, and the data check of a save or a submit.
 */
import {
  availableActions,
  type ConflictDetails,
  can,
  checkReportData,
  type Issue,
  REPORT_STATUS_NAMES,
  type ReportAction,
  type ReportStatus,
} from '@junheng/core';
import {
  getSchool,
  lastSaveOf,
  REPORT_POLICY_ACTIONS,
  type Report,
  ReportError,
  type ReportKey,
} from '@junheng/db';
import type { AuthContext } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';

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

export function withActions(auth: AuthContext, r: Report) {
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
export async function notStartedReport(ctx: AppContext, auth: AuthContext, key: ReportKey) {
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
export async function withConflictDetails<T>(
  ctx: AppContext,
  key: ReportKey,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof ReportError) || e.code !== 'conflict') throw e;
    const r = await lastSaveOf(ctx.db, key);
    throw new ApiError(409, 'conflict', e.message, r ? conflictWith(r) : undefined);
  }
}

/** The conflict's details: the version saved, when, and by whom (when the saver is known). */
function conflictWith(r: {
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}): ConflictDetails {
  return {
    currentVersion: r.version,
    updatedAt: r.updatedAt.toISOString(),
    ...(r.updatedByName === null ? {} : { updatedByName: r.updatedByName }),
  };
}

/** Data problems as one invalidRequest with every field listed. */
export function rejectIssues(data: Record<string, unknown>, forSubmit: boolean): void {
  const issues = checkReportData(data, forSubmit);
  if (issues.length === 0) return;
  throw new ApiError(
    400,
    'invalidRequest',
    issues.length === 1 ? issues[0].message : `报表有 ${issues.length} 处需要修改：${issues[0].message}等`,
    issues.map(
      (i): Issue => ({
        code: 'invalidField',
        path: `data.${i.field}`,
        message: i.message,
        fix: '请按提示改正该项后重新保存',
      }),
    ),
  );
}
