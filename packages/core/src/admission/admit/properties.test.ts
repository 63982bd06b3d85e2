/**
 * Property tests of admitByZone on small random instances. The checks are written here from the
 * rules (plain arrays, a reference of phase 1 where needed), not from the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deferredAcceptance } from '../matching/deferredAcceptance.js';
import { type AdmitApplicant, type AdmitResult, admitByZone } from './admit.js';
import { type AdmissionCategoryConfig, defaultCategoryConfig } from './categories.js';

interface FamilySpec {
  size: number;
  zone: number; // −1 = no zone
  cat: number;
  eligible: boolean;
  sibling: boolean;
  choices: number[];
}

interface Instance {
  config: AdmissionCategoryConfig;
  caps: number[];
  groups: string[];
  families: FamilySpec[];
  /** ranks[f] for family f: a permutation of 1..F. */
  ranks: number[];
}

const CATS = defaultCategoryConfig().categories;
const MIGRANT = CATS.findIndex((c) => c.migrantGuarantee);

function instanceArb(opts: { families?: boolean; migrants?: boolean } = {}): fc.Arbitrary<Instance> {
  return fc
    .record({ m: fc.integer({ min: 1, max: 4 }), f: fc.integer({ min: 0, max: 12 }) })
    .chain(({ m, f }) =>
      fc.record({
        config: fc.boolean().map((siblingPriority) => ({ categories: CATS, siblingPriority })),
        caps: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: m, maxLength: m }),
        groups: fc.array(fc.constantFrom('甲', '乙'), { minLength: m, maxLength: m }),
        families: fc.array(
          fc.record({
            size:
              opts.families === false
                ? fc.constant(1)
                : fc.oneof(fc.constant(1), fc.constant(1), fc.integer({ min: 2, max: 3 })),
            zone: fc.integer({ min: -1, max: m - 1 }),
            cat: fc.integer({ min: 0, max: CATS.length - 1 }),
            eligible: opts.migrants === false ? fc.constant(false) : fc.boolean(),
            sibling: fc.boolean(),
            choices: fc.shuffledSubarray(
              Array.from({ length: m }, (_, i) => i),
              { maxLength: m },
            ),
          }),
          { minLength: f, maxLength: f },
        ),
        ranks: fc.shuffledSubarray(
          Array.from({ length: f }, (_, i) => i + 1),
          { minLength: f, maxLength: f },
        ),
      }),
    );
}

function toInput(inst: Instance) {
  const schools = inst.caps.map((capacity, s) => ({ id: `S${s}`, capacity, group: inst.groups[s]! }));
  const applicants: AdmitApplicant[] = [];
  const ranks = new Map<string, number>();
  const familyOf: number[] = [];
  inst.families.forEach((f, fi) => {
    for (let k = 0; k < f.size; k++) {
      const id = `F${fi}-${k}`;
      applicants.push({
        id,
        zoneSchoolId: f.zone < 0 ? null : `S${f.zone}`,
        categoryId: CATS[f.cat]!.id,
        migrantEligible: f.eligible,
        siblingAtSchool: f.sibling,
        familyKey: f.size > 1 ? `fam${fi}` : null,
        choices: f.choices.map((c) => `S${c}`),
      });
      ranks.set(id, inst.ranks[fi]!);
      familyOf.push(fi);
    }
  });
  return { input: { config: inst.config, schools, applicants, ranks }, familyOf };
}

const tier = (inst: Instance, f: FamilySpec) =>
  f.cat * 2 + (inst.config.siblingPriority && !f.sibling ? 1 : 0);

/** Reference phase 1 (written from the rules): per school, which families were admitted there. */
function referencePhase1(inst: Instance): { admitted: Set<number>; open: boolean[]; spare: number[] } {
  const admitted = new Set<number>();
  const open: boolean[] = [];
  const spare: number[] = [];
  inst.caps.forEach((cap, s) => {
    const zone = inst.families.map((f, i) => ({ f, i })).filter((x) => x.f.zone === s);
    zone.sort((a, b) => tier(inst, a.f) - tier(inst, b.f) || inst.ranks[a.i]! - inst.ranks[b.i]!);
    let left = cap;
    let cut: number | null = null;
    let current = -1;
    for (const { f, i } of zone) {
      const t = tier(inst, f);
      // At the first family of each tier: does the whole tier fit in what is left?
      if (cut === null && t !== current) {
        current = t;
        const tierSize = zone.filter((x) => tier(inst, x.f) === t).reduce((n, x) => n + x.f.size, 0);
        if (tierSize > left) cut = t;
      }
      if (cut !== null && t > cut) continue;
      if (f.size <= left) {
        admitted.add(i);
        left -= f.size;
      }
    }
    open.push(cut === null);
    spare.push(left);
  });
  return { admitted, open, spare };
}

function schoolOf(r: AdmitResult, id: string): string | null {
  return r.placements.find((p) => p.applicantId === id)!.schoolId;
}

describe('admitByZone properties', () => {
  it('never exceeds a school’s capacity, and its figures add up', () => {
    fc.assert(
      fc.property(instanceArb(), (inst) => {
        const { input } = toInput(inst);
        const r = admitByZone(input);
        input.schools.forEach((s, j) => {
          const placed = r.placements.filter((p) => p.schoolId === s.id).length;
          expect(placed).toBeLessThanOrEqual(s.capacity);
          const row = r.schools[j]!;
          expect(row.zoneAdmitted + row.assigned + row.seatsLeft).toBe(s.capacity);
          expect(row.zoneAdmitted + row.assigned).toBe(placed);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('respects category order: nobody of a lower tier is placed where a higher-tier child of the zone was refused', () => {
    fc.assert(
      fc.property(instanceArb(), (inst) => {
        const { input, familyOf } = toInput(inst);
        const r = admitByZone(input);
        input.applicants.forEach((y, yi) => {
          const fy = inst.families[familyOf[yi]!]!;
          if (fy.zone < 0 || schoolOf(r, y.id) === y.zoneSchoolId) return;
          // y was refused at its zone school: everyone placed there has a tier at least as high.
          input.applicants.forEach((x, xi) => {
            if (schoolOf(r, x.id) !== y.zoneSchoolId) return;
            expect(tier(inst, inst.families[familyOf[xi]!]!)).toBeLessThanOrEqual(tier(inst, fy));
          });
        });
      }),
      { numRuns: 400 },
    );
  });

  it('never splits a family', () => {
    fc.assert(
      fc.property(instanceArb(), (inst) => {
        const { input, familyOf } = toInput(inst);
        const r = admitByZone(input);
        const seen = new Map<number, string>();
        r.placements.forEach((p, i) => {
          const key = `${p.schoolId}/${p.how}`;
          const f = familyOf[i]!;
          if (seen.has(f)) expect(key).toBe(seen.get(f));
          else seen.set(f, key);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('follows the lottery within the cut-off tier (phase 1 equals the reference walk)', () => {
    fc.assert(
      fc.property(instanceArb(), (inst) => {
        const { input, familyOf } = toInput(inst);
        const r = admitByZone(input);
        const ref = referencePhase1(inst);
        r.placements.forEach((p, i) => {
          const f = familyOf[i]!;
          const byZone = p.how === 'zone' || p.how === 'lottery';
          expect(byZone).toBe(ref.admitted.has(f));
        });
        // Singles only: those admitted by lottery at a school are exactly the best ranks of the tier.
        r.schools.forEach((row, s) => {
          if (!row.cutOff) return;
          const lottery = r.placements
            .map((p, i) => ({ p, f: familyOf[i]! }))
            .filter((x) => x.p.schoolId === row.schoolId && x.p.how === 'lottery');
          const refusedInTier = inst.families
            .map((f, i) => ({ f, i }))
            .filter(
              (x) => x.f.zone === s && !ref.admitted.has(x.i) && CATS[x.f.cat]!.id === row.cutOff!.categoryId,
            );
          for (const w of lottery) {
            for (const l of refusedInTier) {
              if (
                inst.families[w.f]!.size === 1 &&
                l.f.size === 1 &&
                tier(inst, l.f) === tier(inst, inst.families[w.f]!)
              ) {
                expect(inst.ranks[w.f]!).toBeLessThan(inst.ranks[l.i]!);
              }
            }
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('places every eligible 随迁子女 when the spare seats of the open schools suffice', () => {
    let checked = 0;
    fc.assert(
      fc.property(instanceArb(), (inst) => {
        const { input, familyOf } = toInput(inst);
        const r = admitByZone(input);
        const ref = referencePhase1(inst);
        const guaranteed = inst.families.filter(
          (f, i) => f.cat === MIGRANT && f.eligible && !ref.admitted.has(i),
        );
        const children = guaranteed.reduce((n, f) => n + f.size, 0);
        const biggest = guaranteed.reduce((n, f) => Math.max(n, f.size), 1);
        const spare = ref.spare.reduce((n, x, s) => n + (ref.open[s] ? x : 0), 0);
        // Pigeonhole: with this much room some open school always has seats for a whole family.
        if (spare >= children + (biggest - 1) * inst.caps.length) {
          checked++;
          r.placements.forEach((p, i) => {
            const f = inst.families[familyOf[i]!]!;
            if (f.cat === MIGRANT && f.eligible) expect(p.schoolId).not.toBeNull();
          });
          expect(r.migrants.placed).toBe(r.migrants.eligible);
        }
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('統筹 without families or guarantees equals deferred acceptance with one lottery number per child', () => {
    fc.assert(
      fc.property(instanceArb({ families: false, migrants: false }), (inst) => {
        const { input } = toInput(inst);
        const r = admitByZone(input);
        const ref = referencePhase1(inst);
        const left = inst.families.map((f, i) => ({ f, i })).filter((x) => !ref.admitted.has(x.i));
        const k = inst.caps.length;
        const choices = new Int32Array(left.length * k).fill(-1);
        const category = new Uint8Array(left.length * k);
        left.forEach(({ f }, a) => {
          f.choices.forEach((s, c) => {
            choices[a * k + c] = s;
            category[a * k + c] = f.cat;
          });
        });
        const da = deferredAcceptance({
          applicants: left.length,
          schools: k,
          k,
          choices,
          capacity: Int32Array.from(inst.caps, (_, s) => (ref.open[s] ? ref.spare[s]! : 0)),
          category,
          lottery: Uint32Array.from(left, (x) => inst.ranks[x.i]!),
        });
        left.forEach(({ i }, a) => {
          const s = da.assignment[a]!;
          expect(schoolOf(r, `F${i}-0`)).toBe(s < 0 ? null : `S${s}`);
        });
      }),
      { numRuns: 400 },
    );
  });
});
