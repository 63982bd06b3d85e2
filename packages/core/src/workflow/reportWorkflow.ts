/**
 * @module The annual report workflow as an explicit transition table (conventions §11):
 * 填报 draft → 提交 submitted → 退回 returned ⇄ 修改/再提交 → 审核通过 approved → 锁定 locked,
 * with 重新打开 (approved → returned) and 解锁 (locked → approved), both needing a reason.
 * Every state can be left by someone: a returned report is never stuck.
 *
 * A school that does not fill in leaves its report 填报中 with nobody else able to move it (issue 10
 * #23). The bureau therefore may 催报 (remind: a message the school sees, no new version) and, as a
 * last resort, 代为填报 / 代为提交 (fill in or submit on the school's behalf, with a reason, marked on
 * the report as 教育局代报). A report the bureau submitted still needs its own 审核通过: 代报 and review
 * stay two recorded acts.
 */

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'locked';
export const REPORT_STATUSES: readonly ReportStatus[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'locked',
];

export type ReportAction =
  | 'save'
  | 'submit'
  | 'return'
  | 'approve'
  | 'reopen'
  | 'lock'
  | 'unlock'
  | 'remind'
  | 'proxySave'
  | 'proxySubmit';
export const REPORT_ACTIONS: readonly ReportAction[] = [
  'save',
  'submit',
  'return',
  'approve',
  'reopen',
  'lock',
  'unlock',
  'remind',
  'proxySave',
  'proxySubmit',
];

import { type MessageKey, message } from '../messages/catalogue.js';
import type { MessageParams } from '../messages/format.js';
import { USER_ROLE_NAMES, type UserRole } from '../policies/rules.js';

/** Roles as stored in app_user.role (one list, owned by the access policies). */
export type WorkflowRole = UserRole;

export const REPORT_STATUS_NAMES: Record<ReportStatus, string> = {
  draft: '填报中',
  submitted: '已提交',
  returned: '已退回',
  approved: '审核通过',
  locked: '已锁定',
};

export const REPORT_ACTION_NAMES: Record<ReportAction, string> = {
  save: '保存',
  submit: '提交',
  return: '退回',
  approve: '审核通过',
  reopen: '重新打开',
  lock: '锁定',
  unlock: '解锁',
  remind: '催报',
  proxySave: '代为填报',
  proxySubmit: '代为提交',
};

export interface TransitionRule {
  action: ReportAction;
  from: readonly ReportStatus[];
  to: ReportStatus | 'same';
  roles: readonly WorkflowRole[];
  /** A written reason is required (kept in the audit log). */
  needsReason?: boolean;
  /** At least one field-level comment is required (退回 says what to fix). */
  needsComments?: boolean;
  /**
   * The report itself does not change (no new version): only an event is recorded, e.g. 催报 (the
   * reason is the message the school sees).
   */
  recordOnly?: boolean;
  /** Done on the school's behalf: the report is marked 教育局代报 with who, when and the reason. */
  onBehalf?: boolean;
}

/**
 * The whole workflow. Schools fill in and submit their own reports (principal or clerk); the county
 * bureau reviews, reopens and locks; inspectors check on site but do not change the workflow.
 */
export const REPORT_TRANSITIONS: readonly TransitionRule[] = [
  { action: 'save', from: ['draft', 'returned'], to: 'same', roles: ['school', 'principal'] },
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', roles: ['school', 'principal'] },
  { action: 'return', from: ['submitted'], to: 'returned', roles: ['bureau'], needsComments: true },
  { action: 'approve', from: ['submitted'], to: 'approved', roles: ['bureau'] },
  // Edits after approval need the bureau to reopen (issue 4), with a reason for the audit log.
  { action: 'reopen', from: ['approved'], to: 'returned', roles: ['bureau'], needsReason: true },
  // Locked when the county evaluation is published.
  { action: 'lock', from: ['approved'], to: 'locked', roles: ['bureau'] },
  { action: 'unlock', from: ['locked'], to: 'approved', roles: ['bureau'], needsReason: true },
  // A report nobody at the school moves (issue 10 #23): the bureau chases it, or takes it over.
  {
    action: 'remind',
    from: ['draft', 'returned'],
    to: 'same',
    roles: ['bureau'],
    needsReason: true,
    recordOnly: true,
  },
  {
    action: 'proxySave',
    from: ['draft', 'returned'],
    to: 'same',
    roles: ['bureau'],
    needsReason: true,
    onBehalf: true,
  },
  {
    action: 'proxySubmit',
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['bureau'],
    needsReason: true,
    onBehalf: true,
  },
];

export interface FieldComment {
  /** Model field the comment is about, e.g. "students"; "" for the report as a whole. */
  field: string;
  text: string;
}

export interface TransitionRequest {
  action: ReportAction;
  role: WorkflowRole;
  /** The version the user was editing; must equal the stored version (no silent overwrite). */
  expectedVersion: number;
  reason?: string;
  comments?: FieldComment[];
}

export type TransitionResult =
  | { ok: true; to: ReportStatus; version: number; rule: TransitionRule }
  | {
      ok: false;
      code: 'conflict' | 'notAllowed' | 'wrongState' | 'reasonRequired' | 'commentsRequired';
      /** The catalogue's key and parameters (a command refuses with them), and the zh-CN text. */
      key: MessageKey;
      params: MessageParams;
      message: string;
    };

type Refused = Extract<TransitionResult, { ok: false }>;

function refused(code: Refused['code'], key: MessageKey, params: MessageParams): Refused {
  return { ok: false, code, key, params, message: message(key, params) };
}

/**
 * Decide a transition of a report.
 * @param current the stored status and version
 * @param req what the user asks for
 * @returns the new status and version, or why not (Chinese message, stable code)
 */
export function decideTransition(
  current: { status: ReportStatus; version: number },
  req: TransitionRequest,
): TransitionResult {
  if (req.expectedVersion !== current.version) {
    return refused('conflict', 'reporting.staleVersion', {
      current: current.version,
      expected: req.expectedVersion,
    });
  }
  const action = REPORT_ACTION_NAMES[req.action];
  const rules = REPORT_TRANSITIONS.filter((r) => r.action === req.action);
  const byRole = rules.filter((r) => r.roles.includes(req.role));
  if (byRole.length === 0) {
    const roles = [...new Set(rules.flatMap((r) => r.roles))].map((r) => USER_ROLE_NAMES[r]).join('、');
    return refused('notAllowed', 'reporting.actionRoles', { action, roles });
  }
  const rule = byRole.find((r) => r.from.includes(current.status));
  if (!rule) {
    const from = [...new Set(byRole.flatMap((r) => r.from))].map((s) => REPORT_STATUS_NAMES[s]).join('、');
    const status = REPORT_STATUS_NAMES[current.status];
    return refused('wrongState', 'reporting.actionWrongStatus', { status, action, from });
  }
  if (rule.needsReason && !req.reason?.trim()) {
    return refused('reasonRequired', 'reporting.actionNeedsReason', { action });
  }
  if (rule.needsComments && !(req.comments ?? []).some((c) => c.text.trim())) {
    return refused('commentsRequired', 'reporting.actionNeedsComments', { action });
  }
  return {
    ok: true,
    to: rule.to === 'same' ? current.status : rule.to,
    version: rule.recordOnly ? current.version : current.version + 1,
    rule,
  };
}

/** The roles the table lets do an action in some status (a batch refuses everyone else up front). */
export function rolesFor(action: ReportAction): WorkflowRole[] {
  return [...new Set(REPORT_TRANSITIONS.filter((r) => r.action === action).flatMap((r) => r.roles))];
}

/** Actions a role may take on a report in this status (for showing buttons). */
export function availableActions(status: ReportStatus, role: WorkflowRole): ReportAction[] {
  return REPORT_TRANSITIONS.filter((r) => r.roles.includes(role) && r.from.includes(status)).map(
    (r) => r.action,
  );
}
