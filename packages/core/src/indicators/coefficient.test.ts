import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedCoefficient } from './coefficient.js';

describe('weightedCoefficient — golden examples from the spec', () => {
  it('3-school 生均教学仪器设备值 example (spec §a.3): X̄ 2350, S 672.68, CV 0.2862', () => {
    // P = 200 + 500 + 300 = 1000; ΣR = 400 000 + 1 500 000 + 450 000 = 2 350 000; X̄ = 2350.
    // Σ w(X−X̄)² = 0.2·(−350)² + 0.5·650² + 0.3·(−850)² = 24 500 + 211 250 + 216 750 = 452 500.
    // S = √452 500 = 672.681..., CV = 672.681 / 2350 = 0.28625...
    const s = weightedCoefficient([200, 500, 300], [400_000, 1_500_000, 450_000]);
    expect(s.n).toBe(3);
    expect(s.totalStudents).toBe(1000);
    expect(s.totalResource).toBe(2_350_000);
    expect(s.mean).toBe(2350);
    expect(s.sd).toBeCloseTo(Math.sqrt(452_500), 9);
    expect(s.sd).toBeCloseTo(672.68, 2);
    expect(s.cv).toBeCloseTo(0.2862, 4);
  });

  it('5-school 生均图书册数 example (spec §a.3, published CV 0.52)', () => {
    // P = 45+37+89+76+55 = 302; ΣR = 279+137+935+160+402 = 1913; X̄ = 1913/302 = 6.334...
    // X_i = 6.2, 3.7027, 10.5056, 2.1053, 7.3091; published Σ w(X−X̄)² ≈ 10.65, S ≈ 3.26, CV ≈ 0.52.
    const s = weightedCoefficient([45, 37, 89, 76, 55], [279, 137, 935, 160, 402]);
    expect(s.mean).toBeCloseTo(6.33, 2);
    expect(s.sd! ** 2).toBeCloseTo(10.65, 1);
    expect(s.sd).toBeCloseTo(3.26, 2);
    expect(s.cv).toBeCloseTo(0.52, 2);
  });

  it('differs from the unweighted CV when school sizes differ', () => {
    // Unweighted population CV of X = 2000, 3000, 1500 is 623.61 / 2166.67 = 0.2878 (spec §a.3).
    const s = weightedCoefficient([200, 500, 300], [400_000, 1_500_000, 450_000]);
    expect(s.cv).not.toBeCloseTo(0.2878, 4);
  });
});

describe('weightedCoefficient — edge cases', () => {
  it('one school: CV = 0', () => {
    expect(weightedCoefficient([800], [3600]).cv).toBe(0);
  });
  it('all schools equal per student: CV = 0', () => {
    expect(weightedCoefficient([100, 300, 50], [450, 1350, 225]).cv).toBe(0);
  });
  it('no school: CV not applicable (null), never 0', () => {
    const s = weightedCoefficient([], []);
    expect(s).toMatchObject({ n: 0, mean: null, sd: null, cv: null });
  });
  it('mean 0: CV not applicable', () => {
    expect(weightedCoefficient([10, 20], [0, 0]).cv).toBeNull();
  });
  it('missing values (NaN) are skipped and not counted', () => {
    const s = weightedCoefficient([200, 999, 500, 300], [400_000, Number.NaN, 1_500_000, 450_000]);
    expect(s.n).toBe(3);
    expect(s.cv).toBeCloseTo(0.2862, 4);
  });
  it('row subset selects schools', () => {
    const s = weightedCoefficient([7, 200, 500, 300], [1, 400_000, 1_500_000, 450_000], 1, [1, 2, 3]);
    expect(s.cv).toBeCloseTo(0.2862, 4);
  });
  it('scale (每百名) changes the mean, not the CV', () => {
    const a = weightedCoefficient([120, 340], [5, 9]);
    const b = weightedCoefficient([120, 340], [5, 9], 100);
    expect(b.mean).toBeCloseTo(a.mean! * 100, 9);
    expect(b.cv).toBeCloseTo(a.cv!, 12);
  });
  it('a huge resource (1e200) gives a finite CV, the same as the input scaled down', () => {
    const big = weightedCoefficient([100, 200, 300], [1e200, 3e200, 2e200], 100);
    const small = weightedCoefficient([100, 200, 300], [1, 3, 2], 100);
    expect(Number.isFinite(big.cv)).toBe(true);
    expect(big.cv!).toBeCloseTo(small.cv!, 12);
    expect(big.mean! / 1e200).toBeCloseTo(small.mean!, 10);
    expect(big.sd! / 1e200).toBeCloseTo(small.sd!, 10);
    // Even the largest finite values, whose sum overflows, give a finite CV.
    const max = weightedCoefficient([1, 1], [Number.MAX_VALUE, Number.MAX_VALUE / 2]);
    expect(max.cv).toBeCloseTo(weightedCoefficient([1, 1], [2, 1]).cv!, 12);
  });
  it('scaling by a power of two changes no figure by a single bit', () => {
    const a = weightedCoefficient([120, 340, 77], [5.3, 9.1, 2.2], 100);
    const b = weightedCoefficient([120, 340, 77], [5.3 * 2 ** 600, 9.1 * 2 ** 600, 2.2 * 2 ** 600], 100);
    expect(b.cv).toBe(a.cv);
    expect(b.mean).toBe(a.mean! * 2 ** 600);
  });
});

const school = fc.record({
  p: fc.integer({ min: 1, max: 3000 }),
  x: fc.double({ min: 0.01, max: 10_000, noNaN: true }),
});
const schools = fc.array(school, { minLength: 1, maxLength: 40 });
const cvOf = (list: { p: number; x: number }[]) =>
  weightedCoefficient(
    list.map((s) => s.p),
    list.map((s) => s.p * s.x),
  ).cv!;

describe('weightedCoefficient — properties', () => {
  it('invariant to school order', () => {
    const listAndPermutation = schools.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    );
    fc.assert(
      fc.property(listAndPermutation, ([list, shuffled]) => {
        expect(cvOf(shuffled)).toBeCloseTo(cvOf(list), 9);
      }),
    );
  });
  it('invariant to scaling every value', () => {
    fc.assert(
      fc.property(schools, fc.double({ min: 0.001, max: 1000, noNaN: true }), (list, k) => {
        expect(cvOf(list.map((s) => ({ p: s.p, x: s.x * k })))).toBeCloseTo(cvOf(list), 9);
      }),
    );
  });
  it('zero when all schools have the same value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        (ps, x) => {
          expect(cvOf(ps.map((p) => ({ p, x })))).toBeCloseTo(0, 9);
        },
      ),
    );
  });
  it('weights matter: duplicating a school equals doubling its students', () => {
    fc.assert(
      fc.property(schools, fc.nat(), (list, pick) => {
        const i = pick % list.length;
        const duplicated = [...list, list[i]];
        const doubled = list.map((s, j) => (j === i ? { p: s.p * 2, x: s.x } : s));
        expect(cvOf(duplicated)).toBeCloseTo(cvOf(doubled), 9);
      }),
    );
  });
  it('matches an independent array-of-objects computation', () => {
    fc.assert(
      fc.property(schools, (list) => {
        const P = list.reduce((a, s) => a + s.p, 0);
        const mean = list.reduce((a, s) => a + s.p * s.x, 0) / P;
        const variance = list.reduce((a, s) => a + (s.p / P) * (s.x - mean) ** 2, 0);
        expect(cvOf(list)).toBeCloseTo(Math.sqrt(variance) / mean, 9);
      }),
    );
  });
});
