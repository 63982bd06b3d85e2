import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUALITY_2017 } from '../../standards/quality2017.js';
import { allocatedPlaces, allocateQuota } from './allocate.js';
import { QUOTA_COLUMNS, quotaTable } from './columns.js';
import { QUOTA_SHARE_2017 } from './share.js';
import type { QuotaSchool } from './types.js';

const finals = (schools: QuotaSchool[], opts: Parameters<typeof allocateQuota>[1]) =>
  Object.fromEntries(allocateQuota(schools, opts).rows.map((r) => [r.schoolId, r.final]));

describe('allocateQuota — hand-worked example', () => {
  // plan 100, share 50% → 50 places. A 300 (城), B 200 (城), C 90 (乡), D 10 (乡), E 0 (城).
  // Untilted (weight 1, minimum 1): total 600; D's share 50×10/600 = 0.83 < 1 → D held at 1.
  //   Rest 49 over 590: A 14700/590 = 24.915, B 9800/590 = 16.610, C 4410/590 = 7.475.
  //   Floors 24 + 16 + 7 + D 1 = 48; 2 leftover seats by remainder: A (.915), B (.610).
  //   → A 25, B 17, C 7, D 1 (these are the rural guarantees: C ≥ 7, D ≥ 1).
  // Tilted (乡村 × 1.2): weights 300, 200, 108, 12 → total 620; D: 50×12/620 = 0.968 < 1 → held at 1.
  //   Rest 49 over 608: A 14700/608 = 24.178, B 9800/608 = 16.118, C 5292/608 = 8.704 (≥ 7).
  //   Floors 24 + 16 + 8 + D 1 = 49; 1 leftover seat: C (.704 > .178 > .118).
  //   → A 24, B 16, C 9, D 1, E 0; sum 50.
  const schools: QuotaSchool[] = [
    { id: 'A', graduates: 300, rural: false },
    { id: 'B', graduates: 200, rural: false },
    { id: 'C', graduates: 90, rural: true },
    { id: 'D', graduates: 10, rural: true },
    { id: 'E', graduates: 0, rural: false },
  ];
  it('untilted', () => {
    expect(finals(schools, { plan: 100, share: 0.5 })).toEqual({ A: 25, B: 17, C: 7, D: 1, E: 0 });
  });
  it('tilted, with the calculation shown', () => {
    const a = allocateQuota(schools, { plan: 100, share: 0.5, ruralWeight: 1.2 });
    expect(a.places).toBe(50);
    expect(a.unallocated).toBe(50);
    expect(finals(schools, { plan: 100, share: 0.5, ruralWeight: 1.2 })).toEqual({
      A: 24,
      B: 16,
      C: 9,
      D: 1,
      E: 0,
    });
    const c = a.rows.find((r) => r.schoolId === 'C')!;
    expect(c.weight).toBe(1.2);
    expect(c.guaranteed).toBe(7);
    expect(c.exactQuota).toBeCloseTo(5292 / 608, 12);
    expect(c.floor).toBe(8);
    expect(c.remainder).toBeCloseTo(5292 / 608 - 8, 12);
    expect(c.extraSeat).toBe(1);
    const d = a.rows.find((r) => r.schoolId === 'D')!;
    expect(d.heldAtGuarantee).toBe(true);
    expect(a.leftoverSeats).toBe(1);
    expect(a.proportionalPlaces).toBe(49);
    const table = quotaTable(a);
    expect(Object.keys(table[0]!)).toEqual(QUOTA_COLUMNS.map((c) => c.label));
    expect(table[2]!.分配名额).toBe(9);
    expect(table[2]!.乡村学校).toBe('是');
  });
});

describe('allocateQuota — more places than graduates', () => {
  const two: QuotaSchool[] = [
    { id: 'a', graduates: 10, rural: false },
    { id: 'b', graduates: 5, rural: true },
  ];
  it('gives each school at most its graduates and reports the places left over', () => {
    // 100 places, 15 graduates: a proportional split would give 67 and 33.
    const a = allocateQuota(two, { plan: 100, share: 1 });
    expect(a.places).toBe(100);
    expect(a.rows.map((r) => r.final)).toEqual([10, 5]);
    expect(a.unplaced).toBe(85);
  });
  it('caps a school whose tilted share exceeds its graduates and shares the rest', () => {
    // 14 places; a rural school of 10 graduates weighted × 2 against 5 urban graduates: 14 × 20/25 = 11.2.
    const a = allocateQuota(
      [
        { id: 'r', graduates: 10, rural: true },
        { id: 'u', graduates: 5, rural: false },
      ],
      { plan: 14, share: 1, ruralWeight: 2, minimum: 0 },
    );
    expect(a.rows.map((r) => r.final)).toEqual([10, 4]);
    expect(a.unplaced).toBe(0);
    expect(a.rows[0]!.heldAtCap).toBe(true);
    expect(quotaTable(a)[0]!.按毕业生数封顶).toBe('是');
  });
  it('holds one school at its cap and another at its guarantee in the same county (fast-check counterexample)', () => {
    // 7 places for 7 graduates: the rural school's tilted share is above its 3 graduates while the
    // town school's falls just under its guarantee of 3 — both bounds at once, every place placed.
    const a = allocateQuota(
      [
        { id: 's00', graduates: 3, rural: true },
        { id: 's01', graduates: 4, rural: false },
      ],
      { plan: 13, share: 0.5, ruralWeight: 1.7777775, minimum: 3 },
    );
    expect(a.rows.map((r) => r.final)).toEqual([3, 4]);
    expect(a.unplaced).toBe(0);
  });
  it('places everything when the graduates suffice', () => {
    expect(allocateQuota(two, { plan: 15, share: 1 }).unplaced).toBe(0);
  });
});

describe('allocateQuota — rules and validation', () => {
  it('keeps the share rule as data equal to the 2017 standard table', () => {
    expect(QUOTA_SHARE_2017.minShare).toBe(QUALITY_2017.government.highSchoolQuota.threshold);
    expect(QUOTA_SHARE_2017.source).toMatch(/impl/);
  });
  it('rejects a share below the rule, a tilt below 1 and infeasible minimums', () => {
    const s: QuotaSchool[] = [{ id: 'a', graduates: 10, rural: true }];
    expect(() => allocateQuota(s, { plan: 100, share: 0.49 })).toThrow(/50%/);
    expect(() => allocateQuota(s, { plan: 100, share: 1.01 })).toThrow();
    expect(() => allocateQuota(s, { plan: 100, share: 0.5, ruralWeight: 0.9 })).toThrow();
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, graduates: 10, rural: false }));
    expect(() => allocateQuota(many, { plan: 6, share: 0.5, minimum: 1 })).toThrow(/保底/);
  });
  it('allocates ceil(plan × share)', () => {
    expect(allocatedPlaces(300, 0.5)).toBe(150);
    expect(allocatedPlaces(301, 0.5)).toBe(151);
    expect(allocatedPlaces(100, 0.6)).toBe(60);
  });
  it('breaks ties by larger remainder, then more graduates, then school id', () => {
    // 4 places, graduates 3 and 5: exact 1.5 and 2.5, equal remainders → the larger school.
    expect(
      finals(
        [
          { id: 'x', graduates: 3, rural: false },
          { id: 'y', graduates: 5, rural: false },
        ],
        { plan: 8, share: 0.5, minimum: 0 },
      ),
    ).toEqual({ x: 1, y: 3 });
    // 3 places, three equal schools → 1 each; 2 places → the two smallest ids.
    const eq = ['c', 'a', 'b'].map((id) => ({ id, graduates: 7, rural: false }));
    expect(finals(eq, { plan: 4, share: 0.5, minimum: 0 })).toEqual({ a: 1, b: 1, c: 0 });
  });
});

const schoolsArb = fc
  .array(fc.record({ graduates: fc.integer({ min: 0, max: 400 }), rural: fc.boolean() }), {
    minLength: 1,
    maxLength: 25,
  })
  .map((xs) => xs.map((x, i) => ({ id: `s${String(i).padStart(2, '0')}`, ...x })));
const optsArb = fc.record({
  plan: fc.integer({ min: 0, max: 1500 }),
  share: fc.double({ min: 0.5, max: 1, noNaN: true }),
  ruralWeight: fc.double({ min: 1, max: 2, noNaN: true }),
  minimum: fc.integer({ min: 0, max: 3 }),
});
const feasible = (s: QuotaSchool[], o: { plan: number; share: number; minimum: number }) =>
  s.reduce((n, x) => n + Math.min(o.minimum, x.graduates), 0) <= allocatedPlaces(o.plan, o.share) &&
  (s.some((x) => x.graduates > 0) || allocatedPlaces(o.plan, o.share) === 0);

describe('allocateQuota — properties', () => {
  it('sums to the places exactly and gives each school its minimum', () => {
    fc.assert(
      fc.property(schoolsArb, optsArb, (s, o) => {
        fc.pre(feasible(s, o));
        const a = allocateQuota(s, o);
        const graduates = s.reduce((n, x) => n + x.graduates, 0);
        expect(a.unplaced).toBe(Math.max(0, a.places - graduates));
        expect(a.rows.reduce((n, r) => n + r.final, 0)).toBe(a.places - a.unplaced);
        for (const r of a.rows) {
          expect(r.final).toBeGreaterThanOrEqual(Math.min(o.minimum, r.graduates));
          expect(r.final).toBeLessThanOrEqual(r.graduates);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('is monotone in graduates among schools of equal weight', () => {
    fc.assert(
      fc.property(schoolsArb, optsArb, fc.boolean(), (s, o, tilt) => {
        fc.pre(feasible(s, o));
        const a = allocateQuota(s, tilt ? o : { ...o, ruralWeight: 1 });
        for (const x of a.rows)
          for (const y of a.rows)
            if (x.weight === y.weight && x.graduates > y.graduates)
              expect(x.final).toBeGreaterThanOrEqual(y.final);
            else if (x.weight === y.weight && x.graduates === y.graduates)
              // equal schools differ by at most the one seat the id tie-break gives
              expect(Math.abs(x.final - y.final)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
  it('never lowers a rural school’s quota by the tilt', () => {
    fc.assert(
      fc.property(schoolsArb, optsArb, (s, o) => {
        fc.pre(feasible(s, o));
        const flat = finals(s, { ...o, ruralWeight: 1 });
        for (const r of allocateQuota(s, o).rows)
          if (r.rural) expect(r.final).toBeGreaterThanOrEqual(flat[r.schoolId]!);
      }),
      { numRuns: 300 },
    );
  });
  it('does not depend on input order', () => {
    fc.assert(
      fc.property(schoolsArb, optsArb, fc.integer(), (s, o, k) => {
        fc.pre(feasible(s, o));
        const rotated = s.map((_, i) => s[(i + Math.abs(k)) % s.length]!).reverse();
        expect(finals(rotated, o)).toEqual(finals(s, o));
      }),
      { numRuns: 200 },
    );
  });
});
