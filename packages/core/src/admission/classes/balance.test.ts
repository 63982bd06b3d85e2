import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceClasses } from './balance.js';
import { demoCohort } from './cohort.js';
import { compareWithSnake } from './compare.js';
import { snakeDraft } from './snake.js';
import type { Entrant } from './types.js';

describe('balanceClasses — hand example', () => {
  // 8 students, 2 classes. Boys m1–m4 and girls f1–f4 score 90, 80, 70, 60.
  // m1 and f4 together, m2 and f2 apart. A perfect split exists: {m1, f4, m3, f2} and
  // {m2, m4, f1, f3}: both sum 300 (mean 75), 2 boys + 2 girls each.
  const students: Entrant[] = [90, 80, 70, 60].flatMap((score, k) => [
    { id: `m${k + 1}`, gender: 'male' as const, score },
    { id: `f${k + 1}`, gender: 'female' as const, score },
  ]);
  const constraints = { together: [['m1', 'f4']], apart: [['m2', 'f2']] as [string, string][] };
  it('finds the perfect split', () => {
    const r = balanceClasses(students, { classes: 2, constraints, seed: 7 });
    expect(r.violations).toEqual({ together: 0, apart: 0 });
    expect(r.classes.map((c) => c.size)).toEqual([4, 4]);
    expect(r.classes.map((c) => c.meanScore)).toEqual([75, 75]);
    expect(r.classes.map((c) => c.male)).toEqual([2, 2]);
    expect(r.classOf.m1).toBe(r.classOf.f4);
    expect(r.classOf.m2).not.toBe(r.classOf.f2);
    expect(r.spread.meanScore).toBe(0);
  });
  it('the snake draft deals by score, ignoring the constraints', () => {
    const s = snakeDraft(students, 2, constraints);
    // order (score, then id) f1 m1 | f2 m2 | f3 m3 | f4 m4 → classes 1 2 2 1 1 2 2 1
    expect(s.classes[0]!.studentIds).toEqual(['f1', 'm2', 'f3', 'm4']);
    expect(s.violations).toEqual({ together: 0, apart: 0 });
    expect(s.spread.meanScore).toBe(0);
  });
  it('balances categories without scores (小学)', () => {
    const r = balanceClasses(
      students.map(({ score: _, ...s }, i) => ({ ...s, leftBehind: i < 3, specialNeeds: i === 5 })),
      { classes: 3 },
    );
    expect(r.classes.every((c) => c.meanScore === null)).toBe(true);
    expect(r.spread).toMatchObject({ size: 1, male: 1, leftBehind: 0, specialNeeds: 1 });
  });
  it('rejects constraints that cannot be met', () => {
    expect(() =>
      balanceClasses(students, { classes: 4, constraints: { together: [['m1', 'm2', 'm3']] } }),
    ).toThrow(/班额/);
    expect(() =>
      balanceClasses(students, {
        classes: 2,
        constraints: { together: [['m1', 'm2']], apart: [['m1', 'm2']] },
      }),
    ).toThrow(/分开/);
    expect(() => balanceClasses(students, { classes: 2, constraints: { apart: [['m1', 'x']] } })).toThrow(
      /不存在/,
    );
    expect(() => balanceClasses(students, { classes: 0 })).toThrow();
  });
  it('refuses more classes than children instead of leaving classes empty', () => {
    expect(() => balanceClasses(students.slice(0, 3), { classes: 5 })).toThrow(
      '班级数 5 多于学生人数 3：请减少班级数',
    );
    expect(() => balanceClasses([], { classes: 1 })).toThrow(/多于学生人数 0/);
    expect(balanceClasses(students.slice(0, 3), { classes: 3 }).classes.map((c) => c.size)).toEqual([
      1, 1, 1,
    ]);
  });
});

describe('balanceClasses — cases found by testers', () => {
  it('puts one of three 随班就读 children in each of three classes (9 children)', () => {
    const { students } = demoCohort({ students: 9, seed: 246 });
    expect(students.filter((s) => s.specialNeeds).length).toBe(3);
    for (const seed of [1, 246]) {
      const r = balanceClasses(students, { classes: 3, seed, iterations: 20_000 });
      expect(r.classes.map((c) => c.specialNeeds)).toEqual([1, 1, 1]);
      expect(r.spread).toMatchObject({ size: 0, male: 0, female: 0, specialNeeds: 0, leftBehind: 0 });
    }
  });
  it('packs together-groups of 3, 3, 2, 2, 2 into two classes of 6 (A+B / C+D+E)', () => {
    const twelve: Entrant[] = Array.from({ length: 12 }, (_, i) => ({
      id: `s${i}`,
      gender: i % 2 === 0 ? 'female' : 'male',
      score: 50 + i,
    }));
    const together = [
      ['s0', 's1', 's2'],
      ['s3', 's4', 's5'],
      ['s6', 's7'],
      ['s8', 's9'],
      ['s10', 's11'],
    ];
    const r = balanceClasses(twelve, { classes: 2, constraints: { together }, seed: 3 });
    expect(r.violations).toEqual({ together: 0, apart: 0 });
    expect(r.classes.map((c) => c.size)).toEqual([6, 6]);
    expect(r.classOf.s0).toBe(r.classOf.s3);
    expect(r.classOf.s6).toBe(r.classOf.s8);
    expect(r.classOf.s6).toBe(r.classOf.s10);
  });
  it('still refuses together-groups that cannot fit: 4, 4, 4 into two classes of 6', () => {
    const twelve: Entrant[] = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, gender: 'male' }));
    const together = [0, 4, 8].map((k) => [`s${k}`, `s${k + 1}`, `s${k + 2}`, `s${k + 3}`]);
    expect(() => balanceClasses(twelve, { classes: 2, constraints: { together } })).toThrow(
      '同班组无法装入班级：请减少同班要求或调整班级数',
    );
  });
  it('keeps together-groups apart when an apart-pair joins two of them and a packing allows it', () => {
    const twelve: Entrant[] = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, gender: 'male' }));
    const together = [
      ['s0', 's1', 's2'],
      ['s3', 's4', 's5'],
      ['s6', 's7'],
      ['s8', 's9'],
      ['s10', 's11'],
    ];
    const apart: [string, string][] = [['s6', 's0']];
    const r = balanceClasses(twelve, { classes: 2, constraints: { together, apart } });
    expect(r.violations).toEqual({ together: 0, apart: 0 });
    expect(r.classOf.s0).toBe(r.classOf.s3);
  });
});

/** Σ over classes and over male, female, 随班就读, 留守 of (count − total/classes)². */
function countCost(students: readonly Entrant[], classOf: (i: number) => number, classes: number): number {
  const has = [
    (s: Entrant) => s.gender === 'male',
    (s: Entrant) => s.gender === 'female',
    (s: Entrant) => s.specialNeeds === true,
    (s: Entrant) => s.leftBehind === true,
  ];
  let cost = 0;
  for (const h of has) {
    const counts = new Array<number>(classes).fill(0);
    students.forEach((s, i) => {
      if (h(s)) counts[classOf(i)]!++;
    });
    const t = counts.reduce((a, b) => a + b, 0) / classes;
    for (const c of counts) cost += (c - t) ** 2;
  }
  return cost;
}

/**
 * The best placement with sizes within 1 and together-groups kept: fewest apart-pairs sharing a
 * class (a tiny cohort may leave no other way), then least count cost.
 */
function bestPlacement(
  students: readonly Entrant[],
  classes: number,
  constraints: { together: readonly (readonly string[])[]; apart: readonly (readonly [string, string])[] },
): { apart: number; countCost: number } {
  const n = students.length;
  const index = new Map(students.map((s, i) => [s.id, i]));
  const at = new Array<number>(n).fill(0);
  let best = { apart: Number.POSITIVE_INFINITY, countCost: Number.POSITIVE_INFINITY };
  for (let code = 0; code < classes ** n; code++) {
    let rest = code;
    for (let i = 0; i < n; i++) {
      at[i] = rest % classes;
      rest = Math.floor(rest / classes);
    }
    const sizes = new Array<number>(classes).fill(0);
    for (const c of at) sizes[c]!++;
    if (Math.max(...sizes) - Math.min(...sizes) > 1) continue;
    const same = (a: string, b: string) => at[index.get(a)!] === at[index.get(b)!];
    if (!constraints.together.every((g) => g.every((id) => same(id, g[0]!)))) continue;
    const apart = constraints.apart.filter(([a, b]) => same(a, b)).length;
    if (apart > best.apart) continue;
    const cost = countCost(students, (i) => at[i]!, classes);
    if (apart < best.apart || cost < best.countCost) best = { apart, countCost: cost };
  }
  return best;
}

const cohortArb = fc
  .record({
    n: fc.integer({ min: 2, max: 150 }),
    classes: fc.integer({ min: 2, max: 8 }),
    seed: fc.integer(),
    groups: fc.integer({ min: 0, max: 4 }),
    pairs: fc.integer({ min: 0, max: 4 }),
    scores: fc.boolean(),
  })
  .filter((x) => x.classes <= x.n && x.n >= 3 * (x.groups + x.pairs) && x.n / x.classes >= 3);

describe('balanceClasses — properties', () => {
  it('places everyone once, sizes within 1, honours constraints, balances counts', () => {
    fc.assert(
      fc.property(cohortArb, (x) => {
        const { students, constraints } = demoCohort({
          students: x.n,
          seed: x.seed,
          togetherGroups: x.groups,
          apartPairs: x.pairs,
          scores: x.scores,
        });
        const r = balanceClasses(students, {
          classes: x.classes,
          constraints,
          seed: x.seed,
          iterations: 20_000,
        });
        const ids = r.classes.flatMap((c) => c.studentIds);
        expect(ids.length).toBe(x.n);
        expect(new Set(ids).size).toBe(x.n);
        expect(Object.keys(r.classOf).length).toBe(x.n);
        expect(r.spread.size).toBeLessThanOrEqual(1);
        for (const g of constraints.together) expect(new Set(g.map((id) => r.classOf[id])).size).toBe(1);
        for (const [a, b] of constraints.apart) expect(r.classOf[a]).not.toBe(r.classOf[b]);
        expect(r.violations).toEqual({ together: 0, apart: 0 });
        // Twins who stay together may both be 随班就读 (or boys, or 留守): then one class has both, and
        // a spread of 1 is impossible. The bound is the most such children one together-group holds.
        const byId = new Map(students.map((s) => [s.id, s]));
        const forced = (has: (id: string) => boolean) =>
          Math.max(1, ...constraints.together.map((g) => g.filter(has).length));
        expect(r.spread.male).toBeLessThanOrEqual(forced((id) => byId.get(id)!.gender === 'male'));
        expect(r.spread.specialNeeds).toBeLessThanOrEqual(
          forced((id) => byId.get(id)!.specialNeeds === true),
        );
        expect(r.spread.leftBehind).toBeLessThanOrEqual(forced((id) => byId.get(id)!.leftBehind === true));
        // With equal class sizes, girls = size − boys: twin boys held together unbalance the girls too.
        if (x.n % x.classes === 0)
          expect(r.spread.female).toBeLessThanOrEqual(
            Math.max(
              forced((id) => byId.get(id)!.gender === 'male'),
              forced((id) => byId.get(id)!.gender === 'female'),
            ),
          );
      }),
      {
        numRuns: 60,
        examples: [
          // Found by a run: twins who are both 随班就读 in a class of 33 split in two.
          [{ n: 33, classes: 2, seed: -1350574236, groups: 1, pairs: 0, scores: true }],
          // Found by a run (then pinned as seed 20261123): 3 随班就读 among 9 children in 3 classes
          // were placed 2/0/1, the score terms outweighing the counts.
          [{ n: 9, classes: 3, seed: 246, groups: 0, pairs: 0, scores: true }],
          // Found by a run: twin boys, the only boys of 8 children in 2 classes of 4 (2 and 4 girls).
          [{ n: 8, classes: 2, seed: 1282752762, groups: 1, pairs: 0, scores: true }],
        ],
      },
    );
  });
  it('balances the counts as well as the best placement does (tiny cohorts, every placement tried)', () => {
    const tiny = fc
      .record({
        n: fc.integer({ min: 4, max: 9 }),
        classes: fc.integer({ min: 2, max: 3 }),
        seed: fc.integer(),
        groups: fc.integer({ min: 0, max: 1 }),
        pairs: fc.integer({ min: 0, max: 1 }),
        scores: fc.boolean(),
      })
      .filter((x) => x.classes <= x.n);
    fc.assert(
      fc.property(tiny, (x) => {
        const { students, constraints } = demoCohort({
          students: x.n,
          seed: x.seed,
          togetherGroups: x.groups,
          apartPairs: x.pairs,
          scores: x.scores,
        });
        const r = balanceClasses(students, { classes: x.classes, constraints, seed: x.seed });
        const ours = countCost(students, (i) => r.classOf[students[i]!.id]! - 1, x.classes);
        const best = bestPlacement(students, x.classes, constraints);
        expect(r.violations).toEqual({ together: 0, apart: best.apart });
        expect(ours).toBeLessThanOrEqual(best.countCost + 1e-9);
      }),
      // Found by a run: twins and an apart-pair among 4 children in 2 classes of 2 (the pair
      // cannot be parted).
      {
        numRuns: 40,
        examples: [
          [{ n: 4, classes: 2, seed: 0, groups: 1, pairs: 1, scores: false }],
          // Found by a run: the 留守 child who would even the counts had an apart-partner in the
          // class short of one; only a cycle through the third class balances them.
          [{ n: 9, classes: 3, seed: 1143095881, groups: 1, pairs: 1, scores: true }],
        ],
      },
    );
  });
  it('is reproducible from the seed', () => {
    const { students, constraints } = demoCohort({ students: 200, seed: 5 });
    const a = balanceClasses(students, { classes: 5, constraints, seed: 'x' });
    const b = balanceClasses(students, { classes: 5, constraints, seed: 'x' });
    expect(a.classOf).toEqual(b.classOf);
  });
});

describe('balanceClasses — 1,000 students into 20 classes (issue target)', () => {
  it('beats the snake draft’s mean spread 50-fold with every constraint and count balanced', () => {
    const { students, constraints } = demoCohort({ students: 1000, seed: 1 });
    const { balanced, snake, meanSpreadRatio } = compareWithSnake(students, {
      classes: 20,
      constraints,
      seed: 1,
    });
    expect(balanced.classes.every((c) => c.size === 50)).toBe(true);
    expect(balanced.violations).toEqual({ together: 0, apart: 0 });
    expect(balanced.spread).toMatchObject({ male: 1, female: 1, specialNeeds: 1, leftBehind: 1 });
    expect(snake.violations.together).toBeGreaterThan(0);
    expect(snake.spread.meanScore).toBeGreaterThan(0.2);
    expect(balanced.spread.meanScore).toBeLessThanOrEqual(snake.spread.meanScore / 50);
    expect(meanSpreadRatio).toBeGreaterThanOrEqual(50);
  });
  // Scores have one decimal and classes 50 children, so class means move in steps of 0.002: the
  // polish used to stop at 0.004 for these seeds, swapping only between the two extreme classes.
  it.each([2, 'x'])('narrows the spread of class means to one step (0.002) with seed %s', (seed) => {
    const { students, constraints } = demoCohort({ students: 1000, seed: 1 });
    const r = balanceClasses(students, { classes: 20, constraints, seed });
    expect(r.violations).toEqual({ together: 0, apart: 0 });
    expect(r.spread).toMatchObject({ size: 0, male: 1, female: 1, specialNeeds: 1, leftBehind: 1 });
    expect(r.spread.meanScore).toBeLessThanOrEqual(0.002 + 1e-9);
  });
});
