import { describe, expect, it } from 'vitest';
import {
  availableActions,
  decideTransition,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
  rolesFor,
  type WorkflowRole,
} from './reportWorkflow.js';

const ROLES: WorkflowRole[] = ['system_admin', 'bureau', 'inspector', 'principal', 'school', 'viewer'];

/**
 * The expected workflow, written out by hand from issue 4 (not read from the table under test):
 * status → action → [roles allowed, resulting status].
 */
// Issue 10 #23: the bureau chases (催报) a report nobody at the school moves, or takes it over
// (代为填报 / 代为提交); it still approves it as a separate act.
const EXPECTED: Record<ReportStatus, Partial<Record<ReportAction, [WorkflowRole[], ReportStatus]>>> = {
  draft: {
    save: [['school', 'principal'], 'draft'],
    submit: [['school', 'principal'], 'submitted'],
    remind: [['bureau'], 'draft'],
    proxySave: [['bureau'], 'draft'],
    proxySubmit: [['bureau'], 'submitted'],
  },
  submitted: { return: [['bureau'], 'returned'], approve: [['bureau'], 'approved'] },
  returned: {
    save: [['school', 'principal'], 'returned'],
    submit: [['school', 'principal'], 'submitted'],
    remind: [['bureau'], 'returned'],
    proxySave: [['bureau'], 'returned'],
    proxySubmit: [['bureau'], 'submitted'],
  },
  approved: { reopen: [['bureau'], 'returned'], lock: [['bureau'], 'locked'] },
  locked: { unlock: [['bureau'], 'approved'] },
};

const complete = {
  reason: '数据核实后需更正',
  comments: [{ field: 'students', text: '在校生数与学籍系统不符' }],
};

describe('report workflow: every status × action × role', () => {
  for (const status of REPORT_STATUSES) {
    for (const action of REPORT_ACTIONS) {
      for (const role of ROLES) {
        const expected = EXPECTED[status][action];
        const allowed = expected !== undefined && expected[0].includes(role);
        it(`${status} —${action}→ by ${role}: ${allowed ? expected![1] : 'refused'}`, () => {
          const r = decideTransition(
            { status, version: 3 },
            { action, role, expectedVersion: 3, ...complete },
          );
          if (allowed) {
            // 催报 records a message; the report itself gets no new version.
            expect(r).toMatchObject({ ok: true, to: expected![1], version: action === 'remind' ? 3 : 4 });
          } else {
            expect(r.ok).toBe(false);
            if (!r.ok) expect(['notAllowed', 'wrongState']).toContain(r.code);
          }
        });
      }
    }
  }
});

describe('report workflow: rules around the table', () => {
  it('no status is a dead end: someone can always move it on', () => {
    for (const status of REPORT_STATUSES) {
      expect(ROLES.some((role) => availableActions(status, role).some((a) => a !== 'save'))).toBe(true);
    }
  });
  it('a stale version is rejected as a conflict, whatever the action', () => {
    const r = decideTransition(
      { status: 'draft', version: 5 },
      { action: 'save', role: 'school', expectedVersion: 4 },
    );
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
    if (!r.ok) expect(r.message).toContain('第 5 版');
  });
  it('returning needs a field comment; reopening and unlocking need a reason', () => {
    const ret = decideTransition(
      { status: 'submitted', version: 1 },
      { action: 'return', role: 'bureau', expectedVersion: 1, comments: [{ field: 'books', text: ' ' }] },
    );
    expect(ret).toMatchObject({ ok: false, code: 'commentsRequired' });
    const reopen = decideTransition(
      { status: 'approved', version: 1 },
      { action: 'reopen', role: 'bureau', expectedVersion: 1 },
    );
    expect(reopen).toMatchObject({ ok: false, code: 'reasonRequired' });
    const unlock = decideTransition(
      { status: 'locked', version: 1 },
      { action: 'unlock', role: 'bureau', expectedVersion: 1, reason: '  ' },
    );
    expect(unlock).toMatchObject({ ok: false, code: 'reasonRequired' });
  });
  it('messages say who may act and from which status', () => {
    const r = decideTransition(
      { status: 'submitted', version: 1 },
      { action: 'approve', role: 'school', expectedVersion: 1 },
    );
    expect(r).toMatchObject({ ok: false, code: 'notAllowed', message: '“审核通过”只能由教育局用户操作' });
    const w = decideTransition(
      { status: 'draft', version: 1 },
      { action: 'approve', role: 'bureau', expectedVersion: 1 },
    );
    expect(w).toMatchObject({ ok: false, code: 'wrongState' });
    if (!w.ok) expect(w.message).toContain('只有已提交的报表可以审核通过');
  });
  it('催报, 代为填报 and 代为提交 need a reason; only the last two are done on the school’s behalf', () => {
    for (const action of ['remind', 'proxySave', 'proxySubmit'] as const) {
      const r = decideTransition(
        { status: 'draft', version: 2 },
        { action, role: 'bureau', expectedVersion: 2, reason: ' ' },
      );
      expect(r).toMatchObject({ ok: false, code: 'reasonRequired' });
    }
    const proxy = decideTransition(
      { status: 'draft', version: 2 },
      { action: 'proxySubmit', role: 'bureau', expectedVersion: 2, reason: '学校无人填报，电话核实后代报' },
    );
    expect(proxy).toMatchObject({ ok: true, to: 'submitted', version: 3, rule: { onBehalf: true } });
    const remind = decideTransition(
      { status: 'returned', version: 5 },
      { action: 'remind', role: 'bureau', expectedVersion: 5, reason: '请于周五前按意见修改并提交' },
    );
    expect(remind).toMatchObject({ ok: true, to: 'returned', version: 5, rule: { recordOnly: true } });
    expect(rolesFor('approve')).toEqual(['bureau']);
    expect(rolesFor('submit')).toEqual(['school', 'principal']);
  });

  it('a 填报中 report is no dead end for the bureau', () => {
    expect(availableActions('draft', 'bureau')).toEqual(['remind', 'proxySave', 'proxySubmit']);
    expect(availableActions('draft', 'inspector')).toEqual([]);
  });

  it('buttons offered match the table', () => {
    expect(availableActions('returned', 'school')).toEqual(['save', 'submit']);
    expect(availableActions('submitted', 'bureau')).toEqual(['return', 'approve']);
    expect(availableActions('submitted', 'inspector')).toEqual([]);
  });
});
