/**
 * 指标到校 commands on a seeded county: graduates pre-filled from the reports, the allocation by
 * largest remainder (hand-computed), versions, who may read and change, 乡村 from the register.
 */
import type { Actor, QuotaSchoolInput } from '@junheng/core';
import { type Database, migrate } from '@junheng/db';
import {
  auditCount,
  COUNTY,
  createTestDatabase,
  FIXTURE_YEAR,
  NEIGHBOUR,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../platform/commands.js';
import { createQuota, getQuota, listQuotas, previewQuota, quotaSchools, updateQuota } from './commands.js';

describe.each(testEngines())('quota allocations on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  let ids: [string, string, string];

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
    ids = w.ds.schools.slice(0, 3).map((s) => s.id) as [string, string, string];
    // The register's 城乡类型 decides 乡村: X a town school, Y rural, Z urban.
    await setLocality(ids[0], 'town');
    await setLocality(ids[1], 'rural');
    await setLocality(ids[2], 'urban');
  });
  afterAll(() => t?.dispose());

  const as = (actor: Actor): CommandContext => ({ db, actor });
  const setLocality = (id: string, locality: 'urban' | 'town' | 'rural') =>
    db.query('UPDATE school SET locality = $2 WHERE id = $1', [id, locality]);

  /** X 100 graduates (town), Y 50 (rural), Z 30 (urban); plan 100 at 50 % → 50 places. */
  const input = (ruralTilt: number, schools: QuotaSchoolInput[] = []) => ({
    countyCode: COUNTY,
    year: FIXTURE_YEAR,
    highSchoolName: '清源县第一中学',
    places: 100,
    share: 0.5,
    ruralTilt,
    minimum: 1,
    schools: [
      { schoolId: ids[0], name: 'X', graduates: 100 },
      { schoolId: ids[1], name: 'Y', graduates: 50 },
      { schoolId: ids[2], name: 'Z', graduates: 30 },
      ...schools,
    ],
  });

  it('pre-fills junior schools with graduates ≈ 初中在校生数 ÷ 3', async () => {
    const rows = (await quotaSchools(as(w.users.bureau), { countyCode: COUNTY, year: FIXTURE_YEAR })).schools;
    const juniorTypes = new Set(['junior', 'nineYear', 'twelveYear', 'completeMiddle']);
    const expected = w.ds.schools.filter((s) => juniorTypes.has(s.type));
    expect(rows.map((r) => r.schoolId).sort()).toEqual(expected.map((s) => s.id).sort());
    for (const s of expected) {
      const students = s.stages.find((x) => x.stage === 'junior')?.students ?? null;
      const row = rows.find((r) => r.schoolId === s.id)!;
      expect(row.juniorStudents).toBe(students);
      expect(row.graduates).toBe(students === null ? 0 : Math.round(students / 3));
      expect(row.rural).toBe(s.locality === 'rural');
    }
    for (const who of ['clerkB', 'neighbour', 'viewer'] as const) {
      expect(
        (await rejection(quotaSchools(as(w.users[who]), { countyCode: COUNTY, year: FIXTURE_YEAR }))).code,
      ).toBe('notFound');
    }
  });

  it('allocates by largest remainder (hand-computed) and saves; finals add up exactly', async () => {
    // Weights 100, 50, 30 of 180: 27.78, 13.89, 8.33 → floors 27, 13, 8 (48); the 2 leftover seats
    // go to the largest remainders .89 (Y) and .78 (X): 28, 14, 8.
    const q = await createQuota(as(w.users.bureau), input(1));
    expect(q.result.places).toBe(50);
    expect(q.result.rows.map((r) => r.final)).toEqual([28, 14, 8]);
    expect(q.result.rows.map((r) => r.extraSeat)).toEqual([1, 1, 0]);
    // Names come from the register, not from the request.
    expect(q.inputs.map((s) => s.name)).toEqual(w.ds.schools.slice(0, 3).map((s) => s.name));
    expect(q.version).toBe(1);
    // Tilt 1.2: Y weighs 60, total 190: 26.32, 15.79, 7.89 → 26, 15, 7 (48); leftovers to Z (.89)
    // and Y (.79): 26, 16, 8. Y's untilted 14 ≤ 16, so its guarantee does not bind.
    const u = await updateQuota(as(w.users.bureau), { id: q.id, ...input(1.2), expectedVersion: 1 });
    expect(u.version).toBe(2);
    expect(u.ruralTilt).toBe(1.2);
    expect(u.result.rows.map((r) => r.final)).toEqual([26, 16, 8]);
    expect(u.result.rows.reduce((s, r) => s + r.final, 0)).toBe(50);
    expect((await getQuota(as(w.users.inspector), { id: q.id })).result.rows.map((r) => r.final)).toEqual([
      26, 16, 8,
    ]);
    expect(
      (await listQuotas(as(w.users.city), { countyCode: COUNTY, year: FIXTURE_YEAR })).map((x) => x.id),
    ).toContain(q.id);
  });

  it('409 on a stale version; 403 for readers; 404 for schools and other counties; nothing written', async () => {
    const q = await createQuota(as(w.users.bureau), input(1));
    await updateQuota(as(w.users.bureau), { id: q.id, ...input(1.5), expectedVersion: 1 });
    const before = await auditCount(db);
    const stale = await rejection(
      updateQuota(as(w.users.bureau), { id: q.id, ...input(2), expectedVersion: 1 }),
    );
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain('已被他人修改');
    expect(
      (await rejection(updateQuota(as(w.users.inspector), { id: q.id, ...input(2), expectedVersion: 2 })))
        .code,
    ).toBe('notAllowed');
    expect((await rejection(createQuota(as(w.users.city), input(1)))).code).toBe('notAllowed');
    for (const who of ['clerkA', 'neighbour'] as const) {
      expect((await rejection(getQuota(as(w.users[who]), { id: q.id }))).code).toBe('notFound');
      expect((await rejection(createQuota(as(w.users[who]), input(1)))).code).toBe('notFound');
    }
    expect(
      (await rejection(listQuotas(as(w.users.neighbour), { countyCode: COUNTY, year: FIXTURE_YEAR }))).code,
    ).toBe('notFound');
    expect(await listQuotas(as(w.users.neighbour), { countyCode: NEIGHBOUR, year: FIXTURE_YEAR })).toEqual(
      [],
    );
    expect(await auditCount(db)).toBe(before);
  });

  it('rejects a share under the required 50 %, an unknown school and guarantees above the places', async () => {
    const low = await rejection(createQuota(as(w.users.bureau), { ...input(1), share: 0.4 }));
    expect(low.code).toBe('invalidRequest');
    expect(low.message).toContain('50%～100%');
    const other = await rejection(
      createQuota(as(w.users.bureau), {
        ...input(1),
        schools: [...input(1).schools, { schoolId: '2113999999', name: '邻县', graduates: 10 }],
      }),
    );
    expect(other.message).toContain('不是本县学校');
    const min = await rejection(createQuota(as(w.users.bureau), { ...input(1), places: 4, minimum: 1 }));
    expect(min.message).toContain('保底名额合计 3 超过可分配名额 2');
  });

  it('takes 乡村 from the register (school.locality), never from the request', async () => {
    // A bureau claims the town school X is rural and the rural Y is not: ignored. Tilt 1.2 weighs
    // Y (rural in the register) 60 of 190: 26, 16, 8 as hand-computed above. Had the claim been
    // taken, X would weigh 120 of 200 and get 30 of the 50 places.
    const claimed = input(1.2).schools.map((s, i) => ({ ...s, rural: i === 0 }));
    const saved = await createQuota(as(w.users.bureau), { ...input(1.2), schools: claimed });
    expect(saved.result.rows.map((r) => r.final)).toEqual([26, 16, 8]);
    expect(saved.inputs.map((s) => s.rural)).toEqual([false, true, false]);
    expect(saved.result.rows.map((r) => r.rural)).toEqual([false, true, false]);
    const preview = await previewQuota(as(w.users.bureau), { ...input(1.2), schools: claimed });
    expect(preview.rows.map((r) => [r.rural, r.final])).toEqual([
      [false, 26],
      [true, 16],
      [false, 8],
    ]);
    const updated = await updateQuota(as(w.users.bureau), {
      id: saved.id,
      ...input(1.2),
      schools: claimed,
      expectedVersion: 1,
    });
    expect(updated.result.rows.map((r) => r.final)).toEqual([26, 16, 8]);
    // The register changes (the school registry, audited there): the next calculation follows it.
    await setLocality(ids[1], 'town');
    try {
      const p = await previewQuota(as(w.users.bureau), input(1.2));
      // Nobody rural: weights 100, 50, 30 as with tilt 1 → 28, 14, 8.
      expect(p.rows.map((r) => [r.rural, r.final])).toEqual([
        [false, 28],
        [false, 14],
        [false, 8],
      ]);
    } finally {
      await setLocality(ids[1], 'rural');
    }
    // The preview checks the county and the schools like a save does.
    expect((await rejection(previewQuota(as(w.users.neighbour), input(1)))).code).toBe('notFound');
    expect(
      (
        await rejection(
          previewQuota(as(w.users.bureau), input(1, [{ schoolId: '2113999999', graduates: 1 }])),
        )
      ).message,
    ).toContain('不是本县学校');
  });
});
