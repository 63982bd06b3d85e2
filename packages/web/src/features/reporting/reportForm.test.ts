import { describe, expect, it } from 'vitest';
import {
  checkReportForm,
  completeData,
  errorList,
  fallbackReportFields,
  groupBySection,
  REPORT_SECTIONS,
  type ReportData,
  reportFields,
  serverFieldErrors,
} from './reportForm';

const fields = fallbackReportFields();

function data(over: Record<string, number | null> = {}): ReportData {
  return {
    ...completeData(fields, {
      students: 1394,
      classes: 37,
      maxClassSize: 45,
      fullTimeTeachers: 90,
      aboveDegreeTeachers: 80,
      midTitleTeachers: 40,
      backboneTeachers: 12,
      peArtsTeachers: 9,
      teachingSpace: 9250,
    }),
    ...over,
  };
}

describe('report form fields', () => {
  it('falls back to core’s fields in four sections, counts as integers', () => {
    expect(fields.map((f) => f.key)).toContain('students');
    expect(fields.find((f) => f.key === 'students')).toMatchObject({
      label: '在校生数',
      unit: '人',
      integer: true,
    });
    expect(fields.find((f) => f.key === 'teachingSpace')).toMatchObject({
      unit: 'm²',
      integer: false,
      section: '校舍与场地',
    });
    expect(groupBySection(fields).map((g) => g.section)).toEqual([...REPORT_SECTIONS]);
  });

  it('uses the server’s fields as sent, with the form’s help lines', () => {
    const own = reportFields([
      {
        key: 'students',
        label: '在校生数',
        unit: '人',
        section: '学生与班级',
        integer: true,
        min: 0,
        max: 20_000,
        requiredOnSubmit: true,
      },
      {
        key: 'teachingSpace',
        label: '教学及辅助用房面积',
        unit: 'm²',
        section: '校舍与场地',
        integer: false,
        min: 0,
        max: 1e6,
        requiredOnSubmit: false,
      },
    ]);
    expect(own).toHaveLength(2);
    expect(own[0]).toMatchObject({ requiredOnSubmit: true, help: '本学段学籍在校生人数（学年初）' });
    expect(own[1]).toMatchObject({ section: '校舍与场地', integer: false, help: undefined });
    expect(reportFields([])).toHaveLength(fields.length);
  });

  it('completes data: every field present, non-numbers as null', () => {
    const d = completeData(fields, { students: 10, classes: 'x', extra: 3 });
    expect(d.students).toBe(10);
    expect(d.classes).toBeNull();
    expect(d).not.toHaveProperty('extra');
    expect(Object.keys(d)).toHaveLength(fields.length);
  });
});

describe('checkReportForm', () => {
  it('accepts a consistent report', () => {
    const c = checkReportForm(data(), fields, true);
    expect(c.errors).toEqual({});
  });

  it('says a count must be a whole number, not negative', () => {
    const c = checkReportForm(data({ students: -3, classes: 2.5 }), fields, false);
    expect(c.errors.students).toMatch(/^在校生数不能为负数/);
    expect(c.errors.classes).toMatch(/^班级数应为整数/);
  });

  it('allows decimals in amounts', () => {
    expect(checkReportForm(data({ teachingSpace: 9250.5 }), fields, false).errors).toEqual({});
    expect(checkReportForm(data({ teachingSpace: -1 }), fields, false).errors.teachingSpace).toMatch(
      /^教学及辅助用房面积不能为负数/,
    );
  });

  it('keeps 最大班额 and 班级数 within 在校生数', () => {
    const c = checkReportForm(data({ students: 40, classes: 41, maxClassSize: 50 }), fields, false);
    expect(c.errors.maxClassSize).toBe('最大班额（50）不能多于在校生数（40 人）：请核对两项数字');
    expect(c.errors.classes).toContain('不能多于在校生数');
  });

  it('keeps teacher sub-kinds within 专任教师', () => {
    const c = checkReportForm(data({ fullTimeTeachers: 10, backboneTeachers: 12 }), fields, false);
    expect(c.errors.backboneTeachers).toMatch(/^县级以上骨干教师数不能多于专任教师数（10 人）/);
  });

  it('requires the stage and teacher fields only for submission', () => {
    const d = data({ students: null, peArtsTeachers: null, books: null });
    expect(checkReportForm(d, fields, false).errors).toEqual({});
    const c = checkReportForm(d, fields, true);
    expect(c.errors.students).toBe('提交前请填写在校生数（人）');
    expect(c.errors.peArtsTeachers).toBeDefined();
    expect(c.errors.books).toBeUndefined();
    expect(errorList(c, fields).map((e) => e.field)).toEqual(['students', 'peArtsTeachers']);
  });

  it('warns about unlikely figures without blocking', () => {
    const small = checkReportForm(data({ students: 1394, classes: 37, maxClassSize: 30 }), fields, false);
    expect(small.errors).toEqual({});
    expect(small.warnings.maxClassSize).toContain('小于平均班额');
    const large = checkReportForm(data({ maxClassSize: 66 }), fields, false);
    expect(large.warnings.maxClassSize).toContain('大班额');
    expect(checkReportForm(data({ students: 10, classes: 0 }), fields, false).errors.classes).toContain(
      '不能为 0',
    );
  });
});

describe('serverFieldErrors', () => {
  it('maps request paths to form fields', () => {
    const out = serverFieldErrors(
      [
        { path: 'body.data.students', message: '应为整数' },
        { path: 'data.books', message: '太大' },
        { path: 'body.version', message: '必填' },
      ],
      fields,
    );
    expect(out).toEqual({ students: '应为整数', books: '太大' });
    expect(serverFieldErrors(null, fields)).toEqual({});
  });
});

describe('report form — what was typed', () => {
  it('a field whose text is not a number blocks saving with the parser’s message, not the stale value', () => {
    const c = checkReportForm(data({ students: 51 }), fields, false, {
      students: '在校生数只能填写数字，“5x1”含有其他字符：请改为数字（允许范围 0～20000 人）',
      classes: '',
    });
    expect(c.errors.students).toContain('“5x1”');
    expect(c.errors.classes).toBeUndefined();
  });
  it('fields carry core’s plausible bounds', () => {
    expect(fields.find((f) => f.key === 'students')?.max).toBe(20_000);
    expect(checkReportForm(data({ students: 1e308 }), fields, false).errors.students).toContain(
      '超出合理范围',
    );
  });
});
