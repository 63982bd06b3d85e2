import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdmitApplicant, type AdmitInput, admitByZone } from './admit.js';
import { defaultCategoryConfig } from './categories.js';
import { compareChoiceMechanisms } from './compareChoices.js';

function app(
  id: string,
  zone: string | null,
  categoryId: string,
  choices: string[] = [],
  more: Partial<AdmitApplicant> = {},
): AdmitApplicant {
  return {
    id,
    zoneSchoolId: zone,
    categoryId,
    migrantEligible: false,
    siblingAtSchool: false,
    familyKey: null,
    choices,
    ...more,
  };
}

describe('compareChoiceMechanisms', () => {
  it('hand-checked: Boston leaves one child with justified envy, deferred acceptance none', () => {
    // Z: 1 place, 1 zone child z (admitted in zone; listed X but is not compared).
    // X, Y: 1 place each, nobody's zone. b (户籍与房产一致) lists X; a (户籍) lists X then Y;
    // c (房产) lists Y. Priority b > a > c everywhere (category order; ranks do not matter).
    // Boston: round 1 X ← {b, a}: b; Y ← {c}: c. Round 2: a → Y, full. a unplaced although a
    //   out-ranks c at Y: justified envy (1 child, 1 pair). Placed 2, both at their first choice.
    // DA: b → X, a → X rejected → Y, c → Y rejected (a out-ranks c). Placed 2 (b 1st, a 2nd),
    //   c unplaced without envy (c out-ranks nobody at Y). The real 统筹 placed exactly so.
    const input: AdmitInput = {
      config: defaultCategoryConfig(),
      schools: [
        { id: 'Z', capacity: 1 },
        { id: 'X', capacity: 1 },
        { id: 'Y', capacity: 1 },
      ],
      applicants: [
        app('z', 'Z', 'hukou', ['X']),
        app('c', null, 'property', ['Y']),
        app('a', null, 'hukou', ['X', 'Y']),
        app('b', null, 'hukouProperty', ['X']),
      ],
      ranks: new Map([
        ['z', 4],
        ['c', 1],
        ['a', 3],
        ['b', 2],
      ]),
    };
    const result = admitByZone(input);
    expect(Object.fromEntries(result.placements.map((p) => [p.applicantId, p.schoolId]))).toEqual({
      z: 'Z',
      b: 'X',
      a: 'Y',
      c: null,
    });
    const cmp = compareChoiceMechanisms({ ...input, ...result });
    expect(cmp.applicants).toBe(3);
    expect(cmp.seats).toBe(2);
    const [da, boston] = cmp.rows;
    expect(da).toMatchObject({
      mechanism: 'deferred-acceptance',
      placed: 2,
      firstChoice: 1,
      unplaced: 1,
      envyApplicants: 0,
      justifiedEnvyPairs: 0,
      strategyProof: true,
    });
    expect(boston).toMatchObject({
      mechanism: 'boston',
      placed: 2,
      firstChoice: 2,
      unplaced: 1,
      envyApplicants: 1,
      justifiedEnvyPairs: 1,
      strategyProof: false,
    });
  });

  it('offers no seat at a school whose zone was decided by lottery, and puts guaranteed 随迁子女 first', () => {
    // P: 1 place, 2 zone children of one category → lottery, P closed (its 0 seats left either way).
    // Q: 1 place, 0 zone children. m (随迁子女, conditions met) and o (户籍与房产一致) both list P, Q.
    const input: AdmitInput = {
      config: defaultCategoryConfig(),
      schools: [
        { id: 'P', capacity: 1 },
        { id: 'Q', capacity: 1 },
      ],
      applicants: [
        app('p1', 'P', 'hukou'),
        app('p2', 'P', 'hukou', ['Q']),
        app('o', null, 'hukouProperty', ['Q']),
        app('m', null, 'migrant', ['Q'], { migrantEligible: true }),
      ],
      ranks: new Map([
        ['p1', 1],
        ['p2', 2],
        ['o', 3],
        ['m', 4],
      ]),
    };
    const result = admitByZone(input);
    const cmp = compareChoiceMechanisms({ ...input, ...result });
    // p2 (refused at P), o and m compete for Q's one seat; m is guaranteed, so m wins under both.
    expect(cmp.seats).toBe(1);
    expect(cmp.applicants).toBe(3);
    expect(result.placements.find((p) => p.applicantId === 'm')!.schoolId).toBe('Q');
    for (const r of cmp.rows) expect(r).toMatchObject({ placed: 1, unplaced: 2, envyApplicants: 0 });
  });

  it('property: the deferred-acceptance row places as many as the real 统筹 by 志愿, without envy', () => {
    const config = defaultCategoryConfig();
    const cats = config.categories.map((c) => c.id);
    const schoolIds = ['S0', 'S1', 'S2', 'S3'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
        fc.array(
          fc.record({
            zone: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
            cat: fc.integer({ min: 0, max: 4 }),
            choices: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
          }),
          { maxLength: 14 },
        ),
        (caps, rows) => {
          const applicants = rows.map((r, i) =>
            app(
              `a${i}`,
              r.zone === null ? null : schoolIds[r.zone]!,
              cats[r.cat]!,
              r.choices.map((c) => schoolIds[c]!),
            ),
          );
          const input: AdmitInput = {
            config,
            schools: schoolIds.map((id, s) => ({ id, capacity: caps[s]! })),
            applicants,
            ranks: new Map(applicants.map((a, i) => [a.id, ((i * 7) % 15) + 1])),
          };
          const result = admitByZone(input);
          const cmp = compareChoiceMechanisms({ ...input, ...result });
          // No 随迁子女 guarantee here: the real 统筹 places by 志愿 only (how = assigned).
          const assigned = result.placements.filter((p) => p.how === 'assigned').length;
          expect(cmp.rows[0].placed).toBe(assigned);
          expect(cmp.rows[0].envyApplicants).toBe(0);
          expect(cmp.rows[1].placed + cmp.rows[1].unplaced).toBe(cmp.applicants);
        },
      ),
      { numRuns: 300 },
    );
  });
});
