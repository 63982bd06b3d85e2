import { describe, expect, it } from 'vitest';
import { FACILITY_FIELDS, TEACHER_FIELDS } from '../model.js';
import { checkReportData, REPORT_FIELDS, REPORT_SECTIONS } from './reportForm.js';

const complete = {
  students: 600,
  classes: 14,
  maxClassSize: 45,
  fullTimeTeachers: 40,
  aboveDegreeTeachers: 38,
  midTitleTeachers: 20,
  backboneTeachers: 5,
  peArtsTeachers: 6,
};

describe('report form', () => {
  it('lists every stage field and every facility once, each in a known section', () => {
    const keys = REPORT_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of ['students', 'classes', 'maxClassSize', ...TEACHER_FIELDS, ...FACILITY_FIELDS]) {
      expect(keys).toContain(k);
    }
    for (const f of REPORT_FIELDS) expect(REPORT_SECTIONS).toContain(f.section);
    expect(REPORT_FIELDS.find((f) => f.key === 'equipmentValue')).toMatchObject({
      unit: '元',
      kind: 'amount',
    });
  });

  it('accepts a complete report and an empty draft', () => {
    expect(checkReportData(complete, true)).toEqual([]);
    expect(checkReportData({}, false)).toEqual([]);
    expect(checkReportData({ students: null }, false)).toEqual([]);
  });

  it('names the field and the fix for wrong values', () => {
    expect(checkReportData({ students: -3 }, false)).toEqual([
      { field: 'students', message: expect.stringMatching(/^在校生数不能为负数/) },
    ]);
    expect(checkReportData({ classes: 2.5 }, false)[0].message).toMatch(/^班级数应为整数/);
    expect(checkReportData({ teachingSpace: 1234.5 }, false)).toEqual([]);
    expect(checkReportData({ teachingSpace: '12' }, false)[0].field).toBe('teachingSpace');
    expect(checkReportData({ color: 1 }, false)[0].message).toContain('没有“color”这一填报项');
  });

  it('refuses values beyond a plausible bound, naming field, value and range', () => {
    expect(checkReportData({ students: 1e308 }, false)).toEqual([
      {
        field: 'students',
        message: '在校生数超出合理范围 0～20000 人（收到 1e+308）：请核对是否多写了位数或用错了单位',
      },
    ]);
    expect(checkReportData({ teachingSpace: 1e200 }, false)[0]!.message).toContain('0～1000000 m²');
    expect(checkReportData({ students: 20_000, teachingSpace: 1_000_000 }, false)).toEqual([]);
    for (const f of REPORT_FIELDS) expect(Number.isFinite(f.max) && f.max > 0).toBe(true);
  });

  it('checks teacher sub-kinds against 专任教师 and class figures against 在校生数', () => {
    // A small stage (40 在校生), so 最大班额 41 is within its own bound and only the cross-check fails.
    const issues = checkReportData(
      { ...complete, students: 40, classes: 1, backboneTeachers: 41, maxClassSize: 41 },
      false,
    );
    expect(issues.map((i) => i.field).sort()).toEqual(['backboneTeachers', 'maxClassSize']);
    expect(issues.find((i) => i.field === 'backboneTeachers')!.message).toContain(
      '不能多于专任教师数（40 人）',
    );
    expect(issues.find((i) => i.field === 'maxClassSize')!.message).toContain('不能多于在校生数（40 人）');
  });

  it('refuses 0 classes for a stage with students', () => {
    expect(checkReportData({ students: 30, classes: 0 }, false)).toEqual([
      { field: 'classes', message: '有在校生（30 人）时班级数不能为 0：请填写实际班级数' },
    ]);
    expect(checkReportData({ students: 0, classes: 0 }, false)).toEqual([]);
  });

  it('requires the stage figures for submission but not the facilities', () => {
    const { peArtsTeachers: _, ...missingOne } = complete;
    expect(checkReportData(missingOne, false)).toEqual([]);
    expect(checkReportData(missingOne, true)).toEqual([
      { field: 'peArtsTeachers', message: '提交前请填写体育艺术专任教师数（人）' },
    ]);
    expect(checkReportData({ ...complete, books: null }, true)).toEqual([]);
  });
});
