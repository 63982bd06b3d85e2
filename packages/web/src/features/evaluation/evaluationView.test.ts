import { evaluate, generateDemoCounty } from '@junheng/core';
import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '../../api/dashboard';
import {
  chartData,
  coefficientSummaries,
  dataProblems,
  failingSchools,
  itemRequirement,
  planCost,
  publicColumns,
  publicRows,
  schoolCounts,
  shortfallLines,
  stagesOf,
  trendSeries,
} from './evaluationView';

// A real result of core's demo county, so the readers follow core's shape.
const result = evaluate(generateDemoCounty({ schools: 40 }));

describe('coefficientSummaries', () => {
  const rows = coefficientSummaries(result);

  it('lists 基本均衡 rows with the composite per stage, then 优质均衡', () => {
    const basic = rows.filter((r) => r.standard === 'basic');
    const quality = rows.filter((r) => r.standard === 'quality');
    expect(basic.length).toBeGreaterThan(0);
    expect(quality.length).toBeGreaterThan(0);
    const composite = basic.filter((r) => r.indicator === 'composite');
    expect(composite.map((r) => r.stage).sort()).toEqual(stagesOf(basic).sort());
    expect(composite.every((r) => r.name === '综合差异系数' && typeof r.threshold === 'number')).toBe(true);
    expect(quality.every((r) => r.threshold !== null)).toBe(true);
    expect(rows.findIndex((r) => r.standard === 'quality')).toBeGreaterThan(
      rows.findLastIndex((r) => r.standard === 'basic'),
    );
  });

  it('is empty without a result', () => {
    expect(coefficientSummaries(null)).toEqual([]);
  });

  it('charts one standard and stage against its threshold', () => {
    const q = chartData(rows, 'quality', 'primary');
    expect(q.names).toHaveLength(q.values.length);
    expect(q.threshold).toBe(0.5);
    const b = chartData(rows, 'basic', 'junior');
    expect(b.names[b.names.length - 1]).toBe('综合差异系数');
    expect(b.threshold).toBe(0.55);
    expect(chartData([], 'basic', 'junior')).toEqual({
      names: [],
      shortNames: [],
      values: [],
      statuses: [],
      threshold: null,
    });
  });
});

describe('schools', () => {
  it('lists failing school stages, fewest indicators met first, with plan costs', () => {
    const rows = failingSchools(result);
    const counts = schoolCounts(result);
    expect(rows).toHaveLength(counts.unmet + counts.incomplete);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i].metCount).toBeGreaterThanOrEqual(rows[i - 1].metCount);
    for (const r of rows) expect(r.cost).toBe(planCost(r.plan));
  });

  it('says what a school lacks in natural units', () => {
    const part = {
      indicators: [
        {
          status: 'belowFloor',
          shortfall: { toRequirement: 312, toFloor: 100, unit: 'm²', resourceName: '教学及辅助用房' },
        },
        {
          status: 'floor',
          shortfall: { toRequirement: 3, toFloor: 0, unit: '名', resourceName: '体育艺术教师' },
        },
        { status: 'met', shortfall: null },
      ],
    } as unknown as Parameters<typeof shortfallLines>[0];
    expect(shortfallLines(part)).toEqual(['缺 312 m² 教学及辅助用房', '缺 3 名体育艺术教师']);
  });

  it('adds up plan costs, ignoring non-numbers', () => {
    expect(planCost([{ estimatedCost: 1000 }, { estimatedCost: 2500 }, { estimatedCost: Number.NaN }])).toBe(
      3500,
    );
  });
});

describe('items and trend', () => {
  it('writes an item’s requirement in its unit', () => {
    expect(itemRequirement({ threshold: 0.95, compare: 'gte', unit: 'ratio' })).toBe('≥ 95.00%');
    expect(itemRequirement({ threshold: 85, unit: 'score' })).toBe('≥ 85 分');
    expect(itemRequirement({ threshold: 0.02, compare: 'lte', unit: 'ratio' })).toBe('≤ 2.00%');
    expect(itemRequirement({})).toBe('');
  });

  it('orders the trend by year and reads composites and shares', () => {
    const rows = coefficientSummaries(result);
    const point = (
      year: number,
      standard: 'basic' | 'quality',
      schools: TrendPoint['schools'],
    ): TrendPoint => ({
      year,
      standard,
      runId: year,
      published: true,
      verdict: 'met',
      coefficients: rows.filter((r) => r.standard === standard),
      schools,
    });
    const t = trendSeries([
      point(2025, 'basic', null),
      point(2025, 'quality', { total: 10, met: 4, unmet: 5, incomplete: 1 }),
      { ...point(2024, 'basic', null), coefficients: [] },
    ]);
    expect(t.years).toEqual([2024, 2025]);
    expect(t.composite.primary[0]).toBeNull();
    expect(t.composite.primary[1]).toBe(
      rows.find((r) => r.indicator === 'composite' && r.stage === 'primary')?.cv,
    );
    expect(t.metShare).toEqual([null, 0.4]);
  });

  it('names the public table’s columns from the server or from core’s catalogue', () => {
    expect(publicColumns([{ id: 'a', name: 'A', unit: '人' }], [])).toEqual([
      { id: 'a', name: 'A', unit: '人', decimals: 2 },
    ]);
    const cols = publicColumns(undefined, [
      {
        id: '1',
        name: 'x',
        stage: 'primary',
        students: 1,
        status: 'met',
        values: { teachingSpacePerStudent: 5.2, unknown: 1 },
      },
    ]);
    expect(cols[0]).toMatchObject({ id: 'teachingSpacePerStudent', unit: 'm²' });
    expect(cols[1]).toEqual({ id: 'unknown', name: 'unknown', unit: '', decimals: 2 });
  });
});

describe('server shapes', () => {
  it('merges trend points given per year and standard', () => {
    const ids = { runId: 1, published: true, verdict: 'met' as const, schools: null };
    const t = trendSeries([
      {
        ...ids,
        year: 2024,
        standard: 'basic',
        coefficients: [
          {
            stage: 'primary',
            indicator: 'composite',
            name: '综合差异系数',
            cv: 0.41,
            threshold: 0.65,
            status: 'met',
          },
        ],
      },
      {
        ...ids,
        year: 2024,
        standard: 'quality',
        coefficients: [
          {
            stage: 'primary',
            indicator: 'booksPerStudent',
            name: '生均图书',
            cv: 0.3,
            threshold: 0.5,
            status: 'met',
          },
        ],
      },
      {
        ...ids,
        year: 2025,
        standard: 'basic',
        coefficients: [
          {
            stage: 'primary',
            indicator: 'composite',
            name: '综合差异系数',
            cv: 0.38,
            threshold: 0.65,
            status: 'met',
          },
        ],
      },
    ]);
    expect(t.years).toEqual([2024, 2025]);
    expect(t.composite.primary).toEqual([0.41, 0.38]);
    expect(t.qualityMax.primary).toEqual([0.3, null]);
    expect(t.metShare).toEqual([null, null]);
  });

  it('reads the public figures with names into codes and indicator values', () => {
    const [row] = publicRows([
      {
        schoolId: '2130012345',
        name: '城关第一小学',
        type: '小学',
        locality: '城区',
        stage: '小学',
        students: 1394,
        status: '未达标',
        indicators: [
          {
            indicator: 'booksPerStudent',
            name: '生均图书',
            unit: '册',
            value: 31.2,
            requirement: 30,
            status: 'met',
          },
        ],
      },
    ]);
    expect(row).toMatchObject({
      id: '2130012345',
      stage: 'primary',
      status: 'unmet',
      typeName: '小学',
      values: { booksPerStudent: 31.2 },
    });
    expect(publicColumns(undefined, [row])[0]).toMatchObject({ id: 'booksPerStudent', unit: '册' });
  });

  it('puts the 基本均衡 composite last in a chart', () => {
    const d = chartData(
      [
        {
          standard: 'basic',
          stage: 'primary',
          indicator: 'composite',
          name: '综合差异系数',
          cv: 0.4,
          threshold: 0.65,
          status: 'met',
        },
        {
          standard: 'basic',
          stage: 'primary',
          indicator: 'booksPerStudent',
          name: '生均图书',
          cv: 0.3,
          threshold: null,
          status: 'met',
        },
      ],
      'basic',
      'primary',
    );
    expect(d.names).toEqual(['生均图书', '综合差异系数']);
    expect(d.shortNames[1]).toBe('综合');
    expect(d.threshold).toBe(0.65);
  });
});

describe('dataProblems', () => {
  it('the tab count and the rows shown come from one list: excluded schools are listed, not hidden', () => {
    // The demo county has no data issue but leaves out 特殊教育学校 and small 教学点.
    const r = evaluate(generateDemoCounty({ schools: 30 }), { standard: 'quality' });
    expect(r.issues).toEqual([]);
    const rows = dataProblems(r);
    expect(rows.length).toBe(r.issues.length + r.excluded.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.kind === '未纳入计算' && x.message !== '')).toBe(true);
    expect(rows[0]).toMatchObject({ name: r.excluded[0].name, message: r.excluded[0].reason });
  });

  it('lists data issues first, then the schools left out', () => {
    const r = evaluate(generateDemoCounty({ schools: 30 }), { standard: 'quality' });
    const withIssue = {
      ...r,
      issues: [
        {
          schoolId: '1',
          name: '甲小学',
          stage: 'primary' as const,
          field: 'books',
          message: '图书册数未填报',
        },
      ],
    };
    const rows = dataProblems(withIssue);
    expect(rows[0]).toMatchObject({ kind: '数据问题', name: '甲小学', message: '图书册数未填报' });
    expect(rows.length).toBe(1 + r.excluded.length);
    expect(dataProblems(null)).toEqual([]);
  });
});
