import { describe, expect, it } from 'vitest';
import { Refusal } from '../messages/refusal.js';
import { checkRegisterChange, isCalendarDate, type SchoolRegisterFields } from './registerChange.js';
import { checkSchoolListFilters } from './schoolList.js';
import { expectedReportStages, schoolStages } from './stages.js';

describe('schoolStages / expectedReportStages', () => {
  it('follows the school type; special and vocational schools are not waited for', () => {
    expect(schoolStages('primary')).toEqual(['primary']);
    expect(schoolStages('nineYear')).toEqual(['primary', 'junior']);
    expect(schoolStages('completeMiddle')).toEqual(['junior']);
    expect(schoolStages('teachingPoint')).toEqual(['primary']);
    expect(expectedReportStages('twelveYear')).toEqual(['primary', 'junior']);
    expect(expectedReportStages('special')).toEqual([]);
    expect(expectedReportStages('vocational')).toEqual([]);
  });
});

/** The refusal a call throws (fails when it throws none). */
function refusal(f: () => unknown): Refusal {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    return err as Refusal;
  }
  throw new Error('expected a refusal');
}

describe('checkSchoolListFilters', () => {
  it('admits core’s values and names the allowed ones otherwise', () => {
    expect(() =>
      checkSchoolListFilters({ type: 'primary', locality: 'rural', status: 'closed' }),
    ).not.toThrow();
    const r = refusal(() => checkSchoolListFilters({ type: 'kindergarten' as never }));
    expect(r).toMatchObject({ code: 'invalidRequest', key: 'schools.unknownType' });
    expect(r.message).toMatch(/^未知的学校类型“kindergarten”，可选：primary、/);
    expect(refusal(() => checkSchoolListFilters({ locality: 'x' as never })).message).toBe(
      '未知的城乡分类“x”，可选：urban、town、rural',
    );
    expect(refusal(() => checkSchoolListFilters({ status: 'gone' as never })).message).toBe(
      '未知的办学状态“gone”，可选：open、merged、closed',
    );
  });
});

describe('checkRegisterChange', () => {
  const entry: SchoolRegisterFields = {
    name: '城关小学',
    address: null,
    locality: 'urban',
    latitude: null,
    longitude: null,
    status: 'open',
    mergedInto: null,
    firstYear: 2025,
  };
  const check = (change: Parameters<typeof checkRegisterChange>[2]) =>
    checkRegisterChange('S1', entry, change);

  it('corrects the entry’s fields, trimmed, without a status change', () => {
    expect(
      check({ name: ' 城关第一小学 ', address: ' ', latitude: 1, longitude: 2, firstYear: null }),
    ).toEqual({
      after: { ...entry, name: '城关第一小学', address: null, latitude: 1, longitude: 2, firstYear: null },
      statusChange: null,
    });
    // The same status again is no status change.
    expect(check({ status: 'open' }).statusChange).toBeNull();
  });

  it('refuses a field it cannot take, saying what to fix', () => {
    expect(refusal(() => check({ name: ' ' })).message).toBe('学校名称不能为空：请填写学校全称');
    expect(refusal(() => check({ locality: 'city' as never })).message).toBe(
      '城乡类型应为 城区、镇区 或 乡村',
    );
    expect(refusal(() => check({ latitude: 30 })).message).toBe('经度和纬度要么都填，要么都不填');
    expect(refusal(() => check({ firstYear: 1999 })).message).toContain('启用学年应为 2000～2100');
    expect(refusal(() => check({ name: '' })).code).toBe('invalidRequest');
  });

  it('needs a reason and a real date for a status change, and a target other than itself for a merger', () => {
    expect(refusal(() => check({ status: 'closed', effectiveOn: '2026-09-01' })).message).toBe(
      '将学校改为“已停办”需要写明原因（如撤并文件文号）',
    );
    expect(
      refusal(() => check({ status: 'closed', reason: '停办', effectiveOn: '2026-13-45' })).message,
    ).toContain('生效日期');
    const merge = { status: 'merged' as const, reason: '撤并', effectiveOn: '2026-09-01' };
    expect(refusal(() => check(merge)).message).toBe('撤并需要选择并入的学校');
    expect(refusal(() => check({ ...merge, mergedInto: 'S1' })).message).toBe(
      '学校不能并入自己：请选择另一所学校',
    );
    expect(check({ ...merge, mergedInto: 'S2', reason: ' 清教〔2026〕12 号 ' })).toEqual({
      after: { ...entry, status: 'merged', mergedInto: 'S2' },
      statusChange: { status: 'merged', effectiveOn: '2026-09-01', reason: '清教〔2026〕12 号' },
    });
    // Reopening clears the target.
    const merged = { ...entry, status: 'merged' as const, mergedInto: 'S2' };
    expect(
      checkRegisterChange('S1', merged, { status: 'open', reason: '恢复', effectiveOn: '2027-09-01' }).after,
    ).toMatchObject({ status: 'open', mergedInto: null });
  });

  it('knows a calendar date', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2026-9-1')).toBe(false);
  });
});
