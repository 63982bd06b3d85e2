import { evaluateZoning } from '@junheng/core';
import { describe, expect, it } from 'vitest';
import type { ZoningAreaRow, ZoningSchoolRow } from '../../../api/zoning';
import { fillColor, fillPercent, mapOption, schoolColors, stageProblem, ZONE_PALETTE } from './zoningView';

const entry = (classes: number, limit: number, override: number | null = null) => ({
  classes,
  classSizeLimit: override ?? limit,
  classSizeOverride: override,
  capacity: classes * (override ?? limit),
  estimated: false,
  reportClasses: null,
  reportYear: null,
});

const schools: ZoningSchoolRow[] = [
  {
    schoolId: 'P',
    name: '甲小学',
    type: 'primary',
    township: null,
    lon: 115,
    lat: 39,
    stages: ['primary'],
    entry: { primary: entry(2, 45) },
  },
  {
    schoolId: 'N',
    name: '乙九年一贯制',
    type: 'nineYear',
    township: null,
    lon: 115.1,
    lat: 39,
    stages: ['primary', 'junior'],
    entry: { primary: entry(1, 45, 40), junior: entry(1, 50) },
  },
  {
    schoolId: 'X',
    name: '丙小学（无坐标）',
    type: 'primary',
    township: null,
    lon: null,
    lat: null,
    stages: ['primary'],
    entry: { primary: entry(3, 45) },
  },
];
const areas: ZoningAreaRow[] = [
  {
    id: 'A1',
    name: '一村',
    kind: 'village',
    township: '城关镇',
    lon: 115.01,
    lat: 39,
    entrants: { primary: 50, junior: 20 },
    current: { primary: 'P', junior: 'N' },
  },
  {
    id: 'A2',
    name: '二区',
    kind: 'estate',
    township: null,
    lon: 115.09,
    lat: 39,
    entrants: { primary: 30, junior: 10 },
    current: { primary: 'X', junior: null },
  },
];

describe('the zoning page in the browser', () => {
  it('builds the problem as the server does: located schools of the stage, their own class-size limits', () => {
    const { problem, current, unlocated } = stageProblem({ areas, schools }, 'primary');
    expect(problem.schools.map((s) => s.id)).toEqual(['P', 'N']);
    expect(unlocated.map((s) => s.schoolId)).toEqual(['X']);
    // A current zone at a school left out is not a current zone of the problem.
    expect(current).toEqual({ A1: 'P' });
    const ev = evaluateZoning(problem, { A1: 'P', A2: 'N' });
    // 2 × 45 and 1 × 40 (the school's own limit).
    expect(ev.schools.map((s) => [s.schoolId, s.capacity, s.demand])).toEqual([
      ['P', 90, 50],
      ['N', 40, 30],
    ]);
    const junior = stageProblem({ areas, schools }, 'junior');
    expect(junior.problem.schools.map((s) => s.id)).toEqual(['N']);
    expect(junior.current).toEqual({ A1: 'N' });
  });

  it('colours near schools differently', () => {
    const pts = Array.from({ length: 7 }, (_, i) => ({ id: `S${i}`, lon: 115 + i * 0.001, lat: 39 }));
    const colors = schoolColors(pts);
    expect(new Set(Object.values(colors)).size).toBe(7);
    expect(Object.values(colors).every((c) => ZONE_PALETTE.includes(c))).toBe(true);
  });

  it('shows fill rates as bars: red above 100 %, capped width', () => {
    expect(fillColor(1.2)).toBe('#f56c6c');
    expect(fillColor(0.95)).toBe('#e6a23c');
    expect(fillColor(0.5)).toBe('#67c23a');
    expect(fillPercent(1.2)).toBe(100);
    expect(fillPercent(0.456)).toBe(46);
    expect(fillPercent(null)).toBe(0);
  });

  it('shows a tooltip on areas and schools of the map, none on the township regions', () => {
    const { problem } = stageProblem({ areas, schools }, 'primary');
    const o = mapOption({
      mapName: 'm',
      problem,
      evaluation: evaluateZoning(problem, { A1: 'P' }),
      colors: {},
      selected: null,
    }) as { geo: { tooltip: { show: boolean } }; series: { id: string; tooltip?: { show: boolean } }[] };
    expect(o.geo.tooltip.show).toBe(false);
    // ECharts reads a point's tooltip from the point, its series, then the geo: the series must say so.
    const shown = (id: string) => o.series.find((s) => s.id === id)?.tooltip?.show;
    expect(shown('areas')).toBe(true);
    expect(shown('schools')).toBe(true);
  });
});
