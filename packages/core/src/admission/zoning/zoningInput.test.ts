/**
 * 划片 input checks without a database: a plan save's fields (refused with a catalogue key and the
 * same words as before), the entry classes set or estimated from the reports, and an area import
 * checked against the county's schools with every problem listed where it is.
 */
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../messages/refusal.js';
import { zoningSchoolRows, zoningStagesOf } from './entryClasses.js';
import { checkZoningImport, type ZoningAreaInput, type ZoningCountySchool } from './importCheck.js';
import {
  checkPlanAssignment,
  checkPlanSource,
  checkPlanTitle,
  checkZoningStage,
  checkZoningYear,
} from './planInput.js';

function refusalOf(f: () => unknown): Refusal {
  try {
    f();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('划片 plan input', () => {
  it('accepts what a save brings and refuses the rest as invalidRequest in Chinese', () => {
    expect(checkZoningYear(2027)).toBe(2027);
    expect(checkZoningStage('junior')).toBe('junior');
    expect(checkPlanTitle('  小学方案 ')).toBe('小学方案');
    expect(checkPlanSource('hand')).toBe('hand');
    expect(checkPlanAssignment({ A1: '1306600001' })).toEqual({ A1: '1306600001' });

    const year = refusalOf(() => checkZoningYear(1999));
    expect([year.code, year.key, year.message]).toEqual([
      'invalidRequest',
      'zoning.yearInvalid',
      '学年必须是 2000～2100 之间的年份（收到 1999）',
    ]);
    expect(refusalOf(() => checkZoningStage('senior')).message).toBe(
      '学段应为 primary（小学）或 junior（初中），收到 senior',
    );
    expect(refusalOf(() => checkPlanTitle(' ')).message).toBe('请填写方案名称（1～100 个字）');
    expect(refusalOf(() => checkPlanTitle('字'.repeat(101))).key).toBe('zoning.titleInvalid');
    expect(refusalOf(() => checkPlanSource('x')).message).toBe(
      '方案来源应为 solver（求解）、hand（手动调整）或 current（现行划片），收到 x',
    );
    expect(refusalOf(() => checkPlanAssignment([])).message).toBe(
      '划片方案应为“小区/村编号 → 学校标识码”的对象',
    );
    expect(refusalOf(() => checkPlanAssignment({ A1: 3 })).message).toBe(
      '小区/村 A1 的学校应为学校标识码（文字），收到 3',
    );
  });
});

describe('划片 entry classes', () => {
  it('takes the bureau’s figure, else estimates from the latest report, per zoned stage', () => {
    expect(zoningStagesOf('nineYear')).toEqual(['primary', 'junior']);
    expect(zoningStagesOf('special')).toEqual([]);
    const [p, n] = zoningSchoolRows({
      schools: [
        { schoolId: 'P', name: '甲小学', type: 'primary', township: null, lon: 1, lat: 2 },
        { schoolId: 'N', name: '乙学校', type: 'nineYear', township: '城关镇', lon: null, lat: null },
      ],
      stored: [{ schoolId: 'N', stage: 'junior', classes: 4, classSizeLimit: 40 }],
      reported: [
        { schoolId: 'P', stage: 'primary', year: 2025, classes: 20 },
        { schoolId: 'N', stage: 'primary', year: 2024, classes: 2 },
      ],
    });
    expect(p!.entry.primary).toEqual({
      classes: 3,
      classSizeLimit: 45,
      classSizeOverride: null,
      capacity: 135,
      estimated: true,
      reportClasses: 20,
      reportYear: 2025,
    });
    // round(2 ÷ 6) = 0, but a school with classes takes at least one.
    expect(n!.entry.primary).toMatchObject({ classes: 1, estimated: true, capacity: 45 });
    expect(n!.entry.junior).toMatchObject({
      classes: 4,
      classSizeLimit: 40,
      capacity: 160,
      estimated: false,
    });
  });
});

describe('划片 import check', () => {
  const schools: ZoningCountySchool[] = [
    { id: '1306600001', name: '城关小学', type: 'primary', status: 'open' },
    { id: '1306600002', name: '城关中学', type: 'junior', status: 'open' },
    { id: '1306600003', name: '旧小学', type: 'primary', status: 'merged' },
  ];
  const area = (over: Partial<ZoningAreaInput>, row: number): ZoningAreaInput => ({
    id: `A${row}`,
    name: '阳光小区',
    kind: 'estate',
    lon: 115.7,
    lat: 39,
    entrants: { primary: 10, junior: 8 },
    at: { sheet: '小区村', row },
    ...over,
  });

  it('resolves current zones by code or name, a single column to every stage the school teaches', () => {
    const r = checkZoningImport(
      {
        countyCode: '130660',
        year: 2027,
        file: 'a.xlsx',
        areas: [
          area({ current: { primary: '城关小学', junior: '1306600002' } }, 2),
          area({ current: { any: '城关中学' } }, 3),
        ],
      },
      schools,
    );
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => x.current)).toEqual([
      { primary: '1306600001', junior: '1306600002' },
      { primary: null, junior: '1306600002' },
    ]);
  });

  it('lists every problem with its row and column and writes nothing', () => {
    const r = checkZoningImport(
      {
        countyCode: '130660',
        year: 2027,
        file: 'a.xlsx',
        areas: [
          area({}, 2),
          area({ id: 'A2' }, 3),
          area({ lat: 120 }, 4),
          area({ current: { primary: '旧小学' } }, 5),
          area({ current: { primary: '1306600003' } }, 6),
          area({ current: { junior: '城关小学' } }, 7),
        ],
        schools: [
          { schoolId: '2113999999', name: '外县小学', lon: 115, lat: 39, at: { label: '学校“外县小学”' } },
        ],
      },
      schools,
    );
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [undefined, '学校标识码'],
      [3, '编号'],
      [4, '纬度'],
      [5, '现划片学校(小学)'],
      [6, '现划片学校(小学)'],
      [7, '现划片学校(初中)'],
    ]);
    expect(r.issues[0]!.message).toMatch(/^学校“外县小学”：学校 外县小学 不是本县的学校/);
    expect(r.issues[1]!.message).toBe('编号与第 2 行重复：每个小区/村的编号应唯一');
    expect(r.issues[4]!.message).toBe('学校 旧小学 已合并：请填写现在招生的学校');
    expect(r.rows.map((x) => x.a.id)).toEqual(['A2']);
  });

  it('refuses an empty file', () => {
    const r = checkZoningImport({ countyCode: '130660', year: 2027, file: 'a.xlsx', areas: [] }, schools);
    expect(r.issues.map((i) => i.message)).toEqual([
      '文件中没有小区或村：请每行（或每个点要素）填写一个小区或村',
    ]);
  });
});
