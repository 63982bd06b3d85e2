import { describe, expect, it } from 'vitest';
import { Refusal } from '../messages/refusal.js';
import {
  checkCommentFields,
  checkReportDataOrRefuse,
  checkReportListFilters,
  checkReportYear,
  commentsAfter,
  commentsObject,
  dataDiff,
  isValidReportKey,
  reportNotFound,
} from './reportRequests.js';

const refusal = (f: () => unknown): Refusal => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    return e as Refusal;
  }
  throw new Error('expected a refusal');
};

describe('report requests', () => {
  it('names a missing report the same way whatever the reason', () => {
    const r = reportNotFound({ schoolId: '2113171588', year: 2025, stage: 'primary' }, 'school.read');
    expect(r).toMatchObject({ code: 'notFound', rule: 'school.read' });
    expect(r.message).toBe('没有找到学校 2113171588 2025 学年小学的报表，或您无权查看该报表');
    expect(isValidReportKey({ schoolId: '1', year: 2025, stage: 'junior' })).toBe(true);
    expect(isValidReportKey({ schoolId: '1', year: 2025.5, stage: 'junior' })).toBe(false);
    expect(isValidReportKey({ schoolId: '1', year: 2025, stage: 'senior' as never })).toBe(false);
  });

  it('refuses a year outside the schema’s range', () => {
    expect(checkReportYear(2025)).toBe(2025);
    const r = refusal(() => checkReportYear(1999));
    expect(r).toMatchObject({
      code: 'invalidRequest',
      message: '学年必须是 2000～2100 之间的年份（收到 1999）',
    });
  });

  it('lists every data problem as an Issue of one refusal', () => {
    expect(() => checkReportDataOrRefuse({ students: 10 }, false)).not.toThrow();
    const one = refusal(() => checkReportDataOrRefuse({ students: -3 }, false));
    expect(one.code).toBe('invalidRequest');
    expect(one.details).toEqual([
      expect.objectContaining({
        code: 'invalidField',
        path: 'data.students',
        fix: '请按提示改正该项后重新保存',
      }),
    ]);
    const two = refusal(() => checkReportDataOrRefuse({ students: -3, nosuch: 1 }, false));
    expect(two.message).toMatch(/^报表有 2 处需要修改：.+等$/);
  });

  it('checks the fields comments name', () => {
    expect(() =>
      checkCommentFields([
        { field: '', text: 'x' },
        { field: 'students', text: 'y' },
      ]),
    ).not.toThrow();
    expect(refusal(() => checkCommentFields([{ field: 'nosuch', text: 'x' }])).message).toBe(
      '意见所指的填报项“nosuch”不存在：请从表中的项目选择',
    );
  });

  it('keeps, sets and clears comments by the step', () => {
    const c = [
      { field: 'students', text: ' a ' },
      { field: 'students', text: 'b' },
      { field: 'classes', text: '  ' },
    ];
    expect(commentsObject(c)).toEqual({ students: 'a\nb' });
    expect(commentsObject([])).toBeNull();
    const current = { '': 'old' };
    expect(commentsAfter('return', c, current)).toEqual({ students: 'a\nb' });
    expect(commentsAfter('reopen', [], current)).toBe(current);
    expect(commentsAfter('approve', c, current)).toBeNull();
    expect(commentsAfter('save', c, current)).toBe(current);
  });

  it('lists only the changed fields', () => {
    expect(dataDiff({ a: 1, b: 2 }, { a: 1, b: 3, c: null, d: 4 })).toEqual({
      before: { b: 2, d: null },
      after: { b: 3, d: 4 },
    });
  });

  it('checks the review list’s filters', () => {
    expect(checkReportListFilters({})).toEqual([]);
    expect(checkReportListFilters({ status: ['missing', 'draft'], stage: 'junior' })).toEqual([
      'missing',
      'draft',
    ]);
    expect(refusal(() => checkReportListFilters({ status: 'draft' })).message).toBe('报表状态应为列表');
    expect(refusal(() => checkReportListFilters({ status: ['finished'] })).message).toContain('“finished”');
    expect(refusal(() => checkReportListFilters({ stage: 'senior' })).message).toBe(
      '未知的学段“senior”，可选：primary、junior',
    );
  });
});
