/**
 * HiGHS through solveZoning (a worker thread per solve): a golden instance checked by brute force,
 * properties on random tiny instances, and an infeasible county that reports overflow.
 */
import {
  exhaustiveZoning,
  greedyZoning,
  prepareZoning,
  type ResidentialArea,
  type ZoningProblem,
  type ZoningSchool,
  zoningObjective,
} from '@junheng/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveZoning } from './solve.js';

const area = (id: string, lon: number, lat: number, primary: number): ResidentialArea => ({
  id,
  name: `区${id}`,
  kind: 'village',
  lon,
  lat,
  entrants: { primary, junior: 0 },
});
const school = (id: string, lon: number, lat: number, classes: number): ZoningSchool => ({
  id,
  name: `校${id}`,
  lon,
  lat,
  stages: ['primary'],
  classes: { primary: classes },
});

/**
 * Golden: 6 villages, 3 schools of 1 class (45 places) each. Four villages sit around S1 and would
 * all pick it, 110 children for 45 places: the optimum sends A1+A4 (43) to S1 — the largest
 * subset that fits nearest — and the rest to the next schools.
 */
const golden: ZoningProblem = {
  stage: 'primary',
  areas: [
    area('A1', 115.5, 39.0, 25),
    area('A2', 115.51, 39.0, 30),
    area('A3', 115.5, 39.01, 35),
    area('A4', 115.49, 39.0, 18),
    area('A5', 115.6, 39.0, 12),
    area('A6', 115.55, 39.08, 10),
  ],
  schools: [school('S1', 115.5, 39.0, 1), school('S2', 115.58, 39.0, 1), school('S3', 115.52, 39.06, 1)],
};

describe('solveZoning (HiGHS)', () => {
  it('finds the brute-force optimum of the golden 6 × 3 instance', async () => {
    const prep = prepareZoning(golden);
    const best = exhaustiveZoning(prep);
    expect(best.tried).toBe(3 ** 6);
    const r = await solveZoning(golden, { mipRelGap: 0 });
    expect(r.solver.status).toBe('Optimal');
    expect(r.solver.optimal).toBe(true);
    expect(r.solver.objective).toBeCloseTo(best.objective, 6);
    expect(r.evaluation.totals.overflowStudents).toBe(0);
    // The optimum, as brute force finds it (unique here).
    expect(r.assignment).toEqual(
      Object.fromEntries(golden.areas.map((a, i) => [a.id, prep.schools[best.assignment[i]!]!.id])),
    );
    expect(r.assignment).toEqual({ A1: 'S1', A2: 'S2', A3: 'S3', A4: 'S1', A5: 'S2', A6: 'S3' });
    expect(r.greedyObjective).toBeGreaterThanOrEqual(r.solver.objective - 1e-9);
  });

  it('reports overflow instead of failing when the county has too few places', async () => {
    // S3 has no class: 130 children, 90 places.
    const short: ZoningProblem = {
      ...golden,
      schools: golden.schools.map((s) => ({ ...s, classes: { primary: s.id === 'S3' ? 0 : 1 } })),
    };
    const r = await solveZoning(short);
    const t = r.evaluation.totals;
    expect(t.capacity).toBe(90);
    expect(t.unassignedAreas).toBe(0);
    expect(t.overflowStudents).toBe(130 - 90 + exhaustiveOverflowExtra(short));
    expect(t.overflowingSchools).toBeGreaterThan(0);
    expect(t.overflowingAreas).toBeGreaterThan(0);
    expect(r.evaluation.schools.find((s) => s.schoolId === 'S3')!.fillRate).toBeNull();
    // The model is the brute-force optimum here too (overflow first, then distance).
    expect(r.solver.objective).toBeLessThanOrEqual(
      exhaustiveZoning(prepareZoning(short)).objective * (1 + 1e-3),
    );
  });

  it('compares with the current zones', async () => {
    const current = { A1: 'S1', A2: 'S1', A3: 'S1', A4: 'S1', A5: 'S2', A6: 'S3' };
    const r = await solveZoning(golden, { current });
    expect(r.current!.evaluation.totals.overflowStudents).toBe(108 - 45);
    expect(r.current!.comparison.changedAreas.map((c) => c.areaId).sort()).toEqual(['A2', 'A3']);
    expect(r.current!.comparison.overflowStudentsDelta).toBe(-(108 - 45));
  });

  it('properties on random tiny instances: each area once, capacity kept when possible, ≤ greedy, = brute force', async () => {
    const pt = fc.record({
      lon: fc.double({ min: 115.5, max: 115.6, noNaN: true }),
      lat: fc.double({ min: 39, max: 39.08, noNaN: true }),
    });
    const instance = fc
      .record({
        areas: fc.array(fc.record({ p: pt, n: fc.integer({ min: 0, max: 60 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        schools: fc.array(fc.record({ p: pt, c: fc.integer({ min: 0, max: 3 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
      })
      .map(
        ({ areas, schools }): ZoningProblem => ({
          stage: 'primary',
          areas: areas.map((a, i) => area(`A${i}`, a.p.lon, a.p.lat, a.n)),
          schools: schools.map((s, i) => school(`S${i}`, s.p.lon, s.p.lat, s.c)),
        }),
      );
    await fc.assert(
      fc.asyncProperty(instance, async (problem) => {
        const prep = prepareZoning(problem);
        const r = await solveZoning(problem, { mipRelGap: 0 });
        // Every area assigned exactly once, to a school of the stage.
        expect(Object.keys(r.assignment).sort()).toEqual(problem.areas.map((a) => a.id).sort());
        for (const s of Object.values(r.assignment)) expect(prep.schoolIndex.has(s)).toBe(true);
        const best = exhaustiveZoning(prep);
        const tol = 1e-6 * Math.max(1, best.objective);
        expect(Math.abs(r.solver.objective - best.objective)).toBeLessThanOrEqual(tol);
        expect(r.solver.objective).toBeLessThanOrEqual(zoningObjective(prep, greedyZoning(prep)) + tol);
        // Capacity respected whenever some assignment respects it.
        const bestOverflow = prepareAndOverflow(prep, best.assignment);
        if (bestOverflow === 0) {
          for (const s of r.evaluation.schools) expect(s.demand).toBeLessThanOrEqual(s.capacity);
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('fails in Chinese for a non-positive time limit', async () => {
    await expect(solveZoning(golden, { timeLimitSeconds: 0 })).rejects.toThrow(/时间限制无效/);
  });
});

/** Children beyond the shortfall that whole areas cannot avoid leaving without a place (brute force). */
function exhaustiveOverflowExtra(problem: ZoningProblem): number {
  const prep = prepareZoning(problem);
  const total = prep.demand.reduce((a, b) => a + b, 0) - prep.capacity.reduce((a, b) => a + b, 0);
  return prepareAndOverflow(prep, exhaustiveZoning(prep).assignment) - total;
}

function prepareAndOverflow(prep: ReturnType<typeof prepareZoning>, indices: Int32Array): number {
  const load = new Float64Array(prep.schools.length);
  indices.forEach((s, a) => {
    load[s] += prep.demand[a]!;
  });
  return load.reduce((sum, l, s) => sum + Math.max(0, l - prep.capacity[s]!), 0);
}
