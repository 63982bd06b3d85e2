import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignColumn,
  buildZoningModel,
  CLASS_SIZE_LIMITS,
  compareZonings,
  EARTH_RADIUS_KM,
  evaluatePrepared,
  evaluateZoning,
  exhaustiveZoning,
  greatCircleKm,
  greedyZoning,
  improveZoning,
  overflowColumn,
  prepareZoning,
  readZoningSolution,
  startColumns,
  ZoningInputError,
  ZoningSolveError,
  zoningComparisonLines,
  zoningObjective,
  zoningSchoolTable,
  zoningTotalsLines,
} from './index.js';
import type { ResidentialArea, ZoningProblem, ZoningSchool } from './types.js';

/** One degree of a great circle, km. */
const DEG = (EARTH_RADIUS_KM * Math.PI) / 180;

const area = (id: string, lon: number, lat: number, primary: number, junior = 0): ResidentialArea => ({
  id,
  name: `小区${id}`,
  kind: 'estate',
  lon,
  lat,
  entrants: { primary, junior },
});
const school = (
  id: string,
  lon: number,
  lat: number,
  primaryClasses: number,
  extra: Partial<ZoningSchool> = {},
) =>
  ({
    id,
    name: `学校${id}`,
    lon,
    lat,
    stages: ['primary'],
    classes: { primary: primaryClasses },
    ...extra,
  }) as ZoningSchool;

/** Three areas on the equator between two one-class primary schools one degree apart. */
const equator: ZoningProblem = {
  stage: 'primary',
  areas: [area('A1', 0, 0, 30), area('A2', 0.5, 0, 20), area('A3', 1, 0, 40)],
  schools: [school('S1', 0, 0, 1), school('S2', 1, 0, 1)],
};

describe('distance', () => {
  it('is the great-circle distance: one degree of latitude or of the equator is R·π/180', () => {
    expect(greatCircleKm(0, 0, 0, 1)).toBeCloseTo(111.19508, 4);
    expect(greatCircleKm(0, 0, 1, 0)).toBeCloseTo(111.19508, 4);
    expect(greatCircleKm(0, 0, 90, 0)).toBeCloseTo(10007.557, 2); // a quarter of the equator
    expect(greatCircleKm(115.7, 39, 115.7, 39)).toBe(0);
    expect(greatCircleKm(115.7, 39, 116.1, 39.3)).toBeCloseTo(greatCircleKm(116.1, 39.3, 115.7, 39), 9);
    // At 39°N a degree of longitude is cos 39° as long as on the equator (to within 0.01 %).
    expect(greatCircleKm(115, 39, 115.01, 39) / (0.01 * DEG)).toBeCloseTo(Math.cos((39 * Math.PI) / 180), 4);
  });
});

describe('capacity', () => {
  it('is classes × the class-size limit: 45 小学, 50 初中, unless overridden', () => {
    expect(CLASS_SIZE_LIMITS.primary.limit).toBe(45);
    expect(CLASS_SIZE_LIMITS.junior.limit).toBe(50);
    const schools: ZoningSchool[] = [
      {
        id: 'P',
        name: 'P',
        lon: 0,
        lat: 0,
        stages: ['primary', 'junior'],
        classes: { primary: 4, junior: 5 },
      },
      {
        id: 'Q',
        name: 'Q',
        lon: 0,
        lat: 0,
        stages: ['primary'],
        classes: { primary: 4 },
        classSizeLimit: { primary: 50 },
      },
      { id: 'R', name: 'R', lon: 0, lat: 0, stages: ['junior'], classes: { junior: 2 } },
    ];
    const primary = prepareZoning({ stage: 'primary', areas: [], schools });
    expect([...primary.capacity]).toEqual([180, 200]);
    const junior = prepareZoning({ stage: 'junior', areas: [], schools });
    expect([...junior.capacity]).toEqual([250, 100]);
    const county = prepareZoning({ stage: 'primary', areas: [], schools, classSizeLimits: { primary: 40 } });
    expect([...county.capacity]).toEqual([160, 200]); // the school's own limit beats the county's
  });

  it('rejects bad input with a Chinese message naming the area or school', () => {
    const bad = (p: Partial<ZoningProblem>) => () => prepareZoning({ ...equator, ...p });
    expect(bad({ areas: [area('A1', 0, 0, 3), area('A1', 1, 0, 3)] })).toThrow(/居住区编号重复：A1/);
    expect(bad({ areas: [area('A1', 200, 0, 3)] })).toThrow(/经度无效：200/);
    expect(bad({ areas: [area('A1', 0, 0, -1)] })).toThrow(/小学预计入学人数无效：-1/);
    expect(bad({ schools: [school('S1', 0, 0, 1.5)] })).toThrow(/起始年级班数无效：1.5/);
    expect(bad({ schools: [{ ...school('S1', 0, 0, 1), stages: ['junior'] }] })).toThrow(ZoningInputError);
    expect(bad({ schools: [{ ...school('S1', 0, 0, 1), stages: ['junior'] }] })).toThrow(
      /没有招收小学的学校/,
    );
    expect(() => evaluateZoning(equator, { A9: 'S1' })).toThrow(/居住区编号 A9 不存在/);
    expect(() => evaluateZoning(equator, { A1: 'S9' })).toThrow(/学校 S9 不存在或不招收小学/);
  });
});

describe('evaluation (hand-computed)', () => {
  it('gives demand, fill rate, overflow, distances and totals of any assignment', () => {
    const ev = evaluateZoning(equator, { A1: 'S1', A2: 'S1', A3: 'S2' });
    const [s1, s2] = ev.schools;
    expect(s1).toMatchObject({ capacity: 45, demand: 50, overflow: 5, spare: 0, areaIds: ['A1', 'A2'] });
    expect(s1!.fillRate).toBeCloseTo(50 / 45, 12);
    expect(s1!.meanDistanceKm).toBeCloseTo((20 * 0.5 * DEG) / 50, 6);
    expect(s1!.maxDistanceKm).toBeCloseTo(0.5 * DEG, 6);
    expect(s2).toMatchObject({
      capacity: 45,
      demand: 40,
      overflow: 0,
      spare: 5,
      meanDistanceKm: 0,
      maxDistanceKm: 0,
    });
    const t = ev.totals;
    expect(t).toMatchObject({
      areas: 3,
      unassignedAreas: 0,
      students: 90,
      assignedStudents: 90,
      capacity: 90,
      overflowingSchools: 1,
      overflowingAreas: 2,
      overflowStudents: 5,
    });
    expect(t.studentKm).toBeCloseTo(10 * DEG, 6);
    expect(t.meanDistanceKm).toBeCloseTo((10 * DEG) / 90, 6);
    expect(t.maxDistanceKm).toBeCloseTo(0.5 * DEG, 6);
    expect(t.nearestShare).toBe(1); // A2 is as near to S1 as to S2
    expect(ev.areas.map((a) => a.overflowing)).toEqual([true, true, false]);
  });

  it('reports unassigned areas and leaves them out of the figures', () => {
    const ev = evaluateZoning(equator, { A3: 'S2' });
    expect(ev.totals).toMatchObject({ unassignedAreas: 2, students: 90, assignedStudents: 40, studentKm: 0 });
    expect(ev.areas[0]).toMatchObject({
      schoolId: null,
      distanceKm: null,
      nearestSchoolId: 'S1',
      nearestDistanceKm: 0,
    });
    expect(zoningTotalsLines(ev).join('\n')).toContain('2 个小区/村未划片：小区A1（小区）、小区A2（小区）');
  });

  it('a hand adjustment is another evaluation, and the comparison lists what changed', () => {
    const before = evaluateZoning(equator, { A1: 'S1', A2: 'S1', A3: 'S2' });
    const after = evaluateZoning(equator, { A1: 'S1', A2: 'S2', A3: 'S2' });
    const cmp = compareZonings(before, after);
    expect(cmp.changedAreas).toEqual([
      {
        areaId: 'A2',
        name: '小区A2',
        demand: 20,
        from: 'S1',
        to: 'S2',
        distanceBeforeKm: before.areas[1]!.distanceKm,
        distanceAfterKm: after.areas[1]!.distanceKm,
      },
    ]);
    expect(cmp.changedStudents).toBe(20);
    expect(cmp.overflowStudentsDelta).toBe(15 - 5);
    expect(cmp.meanDistanceDeltaKm).toBeCloseTo(0, 9);
    expect(cmp.schools[1]).toMatchObject({
      demandBefore: 40,
      demandAfter: 60,
      overflowBefore: 0,
      overflowAfter: 15,
    });
    const text = zoningComparisonLines(cmp).join('\n');
    expect(text).toContain('1 个小区/村改变学校，涉及预计入学 20 人');
    expect(text).toContain('小区A2（20 人）：学校S1 → 学校S2');
    expect(() =>
      compareZonings(before, evaluateZoning({ ...equator, areas: equator.areas.slice(1) }, {})),
    ).toThrow(ZoningInputError);
  });

  it('has a Chinese table', () => {
    const rows = zoningSchoolTable(evaluateZoning(equator, { A1: 'S1', A2: 'S1', A3: 'S2' }));
    expect(rows[0]).toMatchObject({
      学校名称: '学校S1',
      学位数: 45,
      划入预计入学人数: 50,
      满额率: '111.1%',
      超出学位人数: 5,
    });
  });
});

describe('greedy, brute force and the model', () => {
  it('greedy: largest areas first to the nearest school with room, else the one with most room', () => {
    const prep = prepareZoning(equator);
    // A3 (40) → S2; A1 (30) → S1; A2 (20): neither has 20 left, S1 has more room (15 vs 5).
    expect([...greedyZoning(prep)]).toEqual([0, 0, 1]);
    const best = exhaustiveZoning(prep);
    expect(best.tried).toBe(8);
    expect(best.objective).toBeCloseTo(10 * DEG + prep.penaltyKm * 5, 6);
    expect(prep.penaltyKm).toBe(Math.ceil(10 * DEG));
  });

  it('writes an LP with one assignment row per area with entrants and one capacity row per school', () => {
    const prep = prepareZoning({ ...equator, areas: [...equator.areas, area('A4', 0.2, 0, 0)] });
    const model = buildZoningModel(prep, { candidates: 1 });
    expect(model.binaries).toBe(3);
    expect(model.fixed[3]).toBe(0); // no entrants: nearest school, outside the model
    expect(model.lp).toContain('Minimize');
    expect(model.lp).toMatch(/ a1: \+ x1_0\n {3}= 1/);
    expect(model.lp).toMatch(/ c0: \+ 30 x0_0 \+ 20 x1_0 - o0\n {3}<= 45/);
    const wide = buildZoningModel(prep, { candidates: 1, include: [Int32Array.from([1, 1, 0, -1])] });
    expect(wide.binaries).toBe(6);
    const cols = (values: Record<string, number>) => ({
      Status: 'Optimal',
      ObjectiveValue: 0,
      Columns: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { Primal: v }])),
    });
    const got = readZoningSolution(
      wide,
      cols({ x0_0: 1, x0_1: 0, x1_0: 0, x1_1: 1, x2_0: 0, x2_1: 1, o0: 0, o1: 15 }),
    );
    expect([...got]).toEqual([0, 1, 1, 0]);
    expect(() => readZoningSolution(wide, { Status: 'Infeasible', ObjectiveValue: 0, Columns: {} })).toThrow(
      ZoningSolveError,
    );
    expect(startColumns(prep, wide, Int32Array.from([1, 1, 1, 0]))).toEqual({
      [assignColumn(0, 1)]: 1,
      [assignColumn(1, 1)]: 1,
      [assignColumn(2, 1)]: 1,
      [overflowColumn(1)]: 45,
    });
  });

  it('local search never makes an assignment worse', () => {
    fc.assert(
      fc.property(smallInstance(), (problem) => {
        const prep = prepareZoning(problem);
        const g = greedyZoning(prep);
        const better = improveZoning(prep, g);
        expect(zoningObjective(prep, better)).toBeLessThanOrEqual(zoningObjective(prep, g) + 1e-9);
        expect(evaluatePrepared(prep, better).totals.unassignedAreas).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

/** Random tiny instances: up to 6 areas, 3 schools, within a few km. */
function smallInstance(maxAreas = 6, maxSchools = 3) {
  const pt = fc.record({
    lon: fc.double({ min: 115.5, max: 115.6, noNaN: true }),
    lat: fc.double({ min: 39, max: 39.08, noNaN: true }),
  });
  return fc
    .record({
      areas: fc.array(fc.record({ p: pt, primary: fc.integer({ min: 0, max: 60 }) }), {
        minLength: 1,
        maxLength: maxAreas,
      }),
      schools: fc.array(fc.record({ p: pt, classes: fc.integer({ min: 0, max: 3 }) }), {
        minLength: 1,
        maxLength: maxSchools,
      }),
    })
    .map(
      ({ areas, schools }): ZoningProblem => ({
        stage: 'primary',
        areas: areas.map((a, i) => area(`A${i}`, a.p.lon, a.p.lat, a.primary)),
        schools: schools.map((s, i) => school(`S${i}`, s.p.lon, s.p.lat, s.classes)),
      }),
    );
}
