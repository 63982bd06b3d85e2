/**
 * @module Every check of a report command, in order, writing nothing: the key and data, the view
 * and the access policy (core's explain), the workflow rule and the version (decideTransition),
 * and the actor's account. Commands run them on the locked row; a preview runs them alone.
 */
import {
  type Actor,
  decideTransition,
  explain,
  type FieldComment,
  type ReportAction,
  type TransitionResult,
} from '@junheng/core';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import {
  checkVisible,
  isValidKey,
  notFound,
  type ReportRow,
  readReport,
  resourceOf,
} from './reportRecords.js';
import { REPORT_POLICY_ACTIONS, ReportError, type ReportKey } from './reportTypes.js';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface Command extends ReportKey {
  action: ReportAction;
  expectedVersion: number;
  data?: Record<string, unknown>;
  reason?: string;
  comments?: FieldComment[];
  ip?: string | null;
}

/** What a command will do, once every check passed. */
export interface Checked {
  row: ReportRow;
  decision: Extract<TransitionResult, { ok: true }>;
  by: { id: number; username: string };
}

/** Every check of a command, in order; nothing is written. The row is locked when `lock`. */
export async function checkCommand(
  tx: Queryable,
  actor: Actor,
  cmd: Command,
  lock: boolean,
): Promise<Checked> {
  if (!isValidKey(cmd)) throw notFound(cmd);
  if ((cmd.action === 'save' || cmd.action === 'proxySave') && !isPlainObject(cmd.data)) {
    throw new ReportError('invalidData', '保存报表需要提供报表数据（“字段: 数值”形式的对象）');
  }
  const row = checkVisible(actor, cmd, await readReport(tx, cmd, lock));
  const policy = explain(actor, REPORT_POLICY_ACTIONS[cmd.action], resourceOf(row));
  if (!policy.allowed) throw new ReportError('notAllowed', policy.reason, policy.rule);

  const decision = decideTransition(
    { status: row.status, version: row.version },
    {
      action: cmd.action,
      role: actor.role,
      expectedVersion: cmd.expectedVersion,
      reason: cmd.reason,
      comments: cmd.comments,
    },
  );
  if (!decision.ok) throw new ReportError(decision.code, decision.message);

  const by = await sqlOf(tx)
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('id', '=', Number(actor.id))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!by) throw new ReportError('notAllowed', '账号不存在或已停用，请重新登录');
  return { row, decision, by };
}
