/**
 * Property tests on small random instances, against independent brute-force checks written here on
 * plain nested arrays (not the typed-array code under test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockingPairs, compareMechanisms } from './audit.js';
import { boston } from './boston.js';
import { deferredAcceptance } from './deferredAcceptance.js';
import type { MatchingInput } from './types.js';

/** A small instance: full category matrix so that any misreported list has priorities. */
interface Instance {
  readonly m: number;
  readonly cap: readonly number[];
  readonly prefs: readonly (readonly number[])[];
  /** cat[i][s]: category of applicant i at school s (lower = higher priority). */
  readonly cat: readonly (readonly number[])[];
  readonly lottery: readonly number[];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function instanceArb(maxApplicants: number): fc.Arbitrary<Instance> {
  return fc
    .record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: maxApplicants }) })
    .chain(({ m, n }) =>
      fc.record({
        m: fc.constant(m),
        cap: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
        prefs: fc.array(fc.shuffledSubarray(range(m)), { minLength: n, maxLength: n }),
        cat: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: m, maxLength: m }), {
          minLength: n,
          maxLength: n,
        }),
        // Small lottery numbers make ties (broken by applicant order) frequent.
        lottery: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffffffff })), {
          minLength: n,
          maxLength: n,
        }),
      }),
    );
}

function toInput(inst: Instance, prefs: readonly (readonly number[])[] = inst.prefs): MatchingInput {
  const n = prefs.length;
  const k = inst.m;
  const choices = new Int32Array(n * k).fill(-1);
  const category = new Uint8Array(n * k);
  prefs.forEach((list, i) => {
    list.forEach((s, r) => {
      choices[i * k + r] = s;
      category[i * k + r] = inst.cat[i]![s]!;
    });
  });
  return {
    applicants: n,
    schools: inst.m,
    k,
    choices,
    capacity: Int32Array.from(inst.cap),
    category,
    lottery: Uint32Array.from(inst.lottery),
  };
}

/** Independent priority rule: category, then lottery, then applicant index; lower wins. */
function outranks(inst: Instance, i: number, j: number, s: number): boolean {
  const ci = inst.cat[i]![s]!;
  const cj = inst.cat[j]![s]!;
  if (ci !== cj) return ci < cj;
  if (inst.lottery[i] !== inst.lottery[j]) return inst.lottery[i]! < inst.lottery[j]!;
  return i < j;
}

/** Does applicant i, with list `list`, strictly prefer school s to outcome t (−1 = unplaced)? */
function prefers(list: readonly number[], s: number, t: number): boolean {
  const rs = list.indexOf(s);
  if (rs < 0) return false;
  return t === -1 || rs < list.indexOf(t);
}

/** Is `asg` a matching: each placed applicant at a listed school, capacities respected. */
function isMatching(inst: Instance, prefs: readonly (readonly number[])[], asg: ArrayLike<number>): boolean {
  const used = new Array<number>(inst.m).fill(0);
  for (let i = 0; i < prefs.length; i++) {
    const s = asg[i]!;
    if (s === -1) continue;
    if (!prefs[i]!.includes(s)) return false;
    used[s]!++;
  }
  return used.every((u, s) => u <= inst.cap[s]!);
}

/** Brute-force blocking pairs: [justified envy, empty seat]. */
function bruteBlocking(inst: Instance, prefs: readonly (readonly number[])[], asg: ArrayLike<number>) {
  let envy = 0;
  let empty = 0;
  for (let i = 0; i < prefs.length; i++) {
    for (const s of prefs[i]!) {
      if (!prefers(prefs[i]!, s, asg[i]!)) continue;
      const held = range(prefs.length).filter((j) => asg[j] === s);
      if (held.length < inst.cap[s]!) empty++;
      else if (held.some((j) => outranks(inst, i, j, s))) envy++;
    }
  }
  return { envy, empty };
}

/** All stable matchings, by exhaustive search (each applicant: unplaced or one listed school). */
function allStableMatchings(inst: Instance): number[][] {
  const n = inst.prefs.length;
  const out: number[][] = [];
  const asg = new Array<number>(n).fill(-1);
  const used = new Array<number>(inst.m).fill(0);
  const go = (i: number) => {
    if (i === n) {
      const b = bruteBlocking(inst, inst.prefs, asg);
      if (b.envy === 0 && b.empty === 0) out.push(asg.slice());
      return;
    }
    asg[i] = -1;
    go(i + 1);
    for (const s of inst.prefs[i]!) {
      if (used[s]! >= inst.cap[s]!) continue;
      used[s]!++;
      asg[i] = s;
      go(i + 1);
      used[s]!--;
      asg[i] = -1;
    }
  };
  go(0);
  return out;
}

/** Reference Boston on nested arrays. */
function bruteBoston(inst: Instance): number[] {
  const n = inst.prefs.length;
  const asg = new Array<number>(n).fill(-1);
  const left = inst.cap.slice();
  for (let r = 0; r < inst.m; r++) {
    for (let s = 0; s < inst.m; s++) {
      const applying = range(n).filter((i) => asg[i] === -1 && inst.prefs[i]![r] === s);
      applying.sort((a, b) => (outranks(inst, a, b, s) ? -1 : 1));
      for (const i of applying.slice(0, left[s]!)) asg[i] = s;
      left[s] = Math.max(0, left[s]! - applying.length);
    }
  }
  return asg;
}

/** Every list of ≤ 3 distinct schools out of m, in every order (including the empty list). */
function allLists(m: number): number[][] {
  const out: number[][] = [[]];
  const grow = (list: number[]) => {
    if (list.length === Math.min(3, m)) return;
    for (let s = 0; s < m; s++) {
      if (list.includes(s)) continue;
      const next = [...list, s];
      out.push(next);
      grow(next);
    }
  };
  grow([]);
  return out;
}

describe('deferred acceptance: properties', () => {
  it('returns a matching that respects capacities and lists, with no blocking pair', () => {
    fc.assert(
      fc.property(instanceArb(7), (inst) => {
        const input = toInput(inst);
        const { assignment } = deferredAcceptance(input);
        expect(isMatching(inst, inst.prefs, assignment)).toBe(true);
        expect(bruteBlocking(inst, inst.prefs, assignment)).toEqual({ envy: 0, empty: 0 });
        expect(blockingPairs(input, assignment).count).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('is applicant-optimal: every applicant weakly prefers it to every stable matching (≤ 6 applicants)', () => {
    fc.assert(
      fc.property(instanceArb(6), (inst) => {
        const { assignment } = deferredAcceptance(toInput(inst));
        const stable = allStableMatchings(inst);
        expect(stable).toContainEqual(Array.from(assignment));
        for (const other of stable) {
          inst.prefs.forEach((list, i) => {
            expect(prefers(list, other[i]!, assignment[i]!)).toBe(false);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is strategy-proof: no applicant gets a truly preferred school by any misreport of ≤ 3 schools', () => {
    fc.assert(
      fc.property(instanceArb(7), (inst) => {
        const truthful = deferredAcceptance(toInput(inst)).assignment;
        const lists = allLists(inst.m);
        inst.prefs.forEach((trueList, i) => {
          for (const lie of lists) {
            const reported = inst.prefs.map((l, j) => (j === i ? lie : l));
            const got = deferredAcceptance(toInput(inst, reported)).assignment[i]!;
            if (prefers(trueList, got, truthful[i]!)) {
              throw new Error(`applicant ${i} gains ${got} over ${truthful[i]} by reporting [${lie}]`);
            }
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('Boston mechanism: properties', () => {
  it('respects capacities and lists, agrees with a reference implementation, and maximises first choices', () => {
    fc.assert(
      fc.property(instanceArb(7), (inst) => {
        const input = toInput(inst);
        const { assignment } = boston(input);
        expect(isMatching(inst, inst.prefs, assignment)).toBe(true);
        expect(Array.from(assignment)).toEqual(bruteBoston(inst));
        const [da, bo] = compareMechanisms(input).rows;
        expect(bo.firstChoice).toBeGreaterThanOrEqual(da.firstChoice);
      }),
      { numRuns: 500 },
    );
  });

  it('audit counts the same blocking pairs as the brute-force check, for both mechanisms', () => {
    fc.assert(
      fc.property(instanceArb(7), (inst) => {
        const input = toInput(inst);
        for (const row of compareMechanisms(input).rows) {
          const b = bruteBlocking(inst, inst.prefs, row.assignment);
          expect([row.justifiedEnvyPairs, row.emptySeatPairs]).toEqual([b.envy, b.empty]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is sometimes not stable: a random instance with justified envy, reported by compareMechanisms', () => {
    const found = fc
      .sample(instanceArb(7), { numRuns: 2000, seed: 20251 })
      .find((inst) => bruteBlocking(inst, inst.prefs, boston(toInput(inst)).assignment).envy > 0);
    expect(found).toBeDefined();
    const [da, bo] = compareMechanisms(toInput(found!)).rows;
    expect(bo.envyApplicants).toBeGreaterThanOrEqual(1);
    expect(bo.justifiedEnvyPairs).toBeGreaterThanOrEqual(1);
    expect(da.justifiedEnvyPairs).toBe(0);
  });
});
