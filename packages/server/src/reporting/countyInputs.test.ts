import type { Actor, CountyInputItem } from '@junheng/core';
import { type Database, migrate, verifyAuditChain } from '@junheng/db';
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
import * as commands from './commands/index.js';

/** The commands with a context of the test's database and the actor; the items they answer. */
const getCountyInputs = async (db: Database, actor: Actor, countyCode: string, year: number) =>
  (await commands.getCountyInputs({ db, actor }, { countyCode, year })).items;
const saveCountyInputs = async (
  db: Database,
  actor: Actor,
  countyCode: string,
  year: number,
  items: CountyInputItem[],
  opts: { ip?: string } = {},
) => (await commands.saveCountyInputs({ db, actor, ip: opts.ip }, { countyCode, year, items })).items;

describe.each(testEngines())('county inputs on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;

  /** The stored county items of a year, for "nothing was written" checks. */
  const stored = async (year: number) =>
    (
      await db.query<{ v: unknown }>(
        `SELECT coalesce(jsonb_agg(jsonb_build_array(item_id, value, note, updated_by) ORDER BY item_id), '[]') AS v
           FROM county_input WHERE county_code = $1 AND year = $2`,
        [COUNTY, year],
      )
    ).rows[0]!.v;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
  });
  afterAll(() => t?.dispose());

  it('reads the county’s items for those who may view the county', async () => {
    const items = await getCountyInputs(db, w.users.bureau, COUNTY, FIXTURE_YEAR);
    expect(Object.keys(items).sort()).toEqual(Object.keys(w.ds.countyInputs!).sort());
    expect(items.rotation).toMatchObject({
      value: w.ds.countyInputs!.rotation!.value,
      note: w.ds.countyInputs!.rotation!.note,
      updatedByName: null,
    });
    expect(items.rotation!.updatedAt).toBeInstanceOf(Date);
    expect(items.layout!.value).toBe(true);
    for (const who of ['inspector', 'city', 'admin'] as const) {
      expect(Object.keys(await getCountyInputs(db, w.users[who], COUNTY, FIXTURE_YEAR))).toHaveLength(
        Object.keys(items).length,
      );
    }
    expect(await getCountyInputs(db, w.users.neighbour, NEIGHBOUR, FIXTURE_YEAR)).toEqual({});
  });

  it('hides the county from school users, other counties and the public', async () => {
    for (const who of ['clerkA', 'neighbour', 'viewer'] as const) {
      const err = await rejection(getCountyInputs(db, w.users[who], COUNTY, FIXTURE_YEAR));
      expect(err).toMatchObject({ code: 'notFound' });
      expect(err.message).toContain(COUNTY);
    }
    await expect(getCountyInputs(db, w.users.admin, '130699', FIXTURE_YEAR)).rejects.toMatchObject({
      code: 'notFound',
    });
  });

  it('saves changed items with one audit event listing only what changed', async () => {
    const before = await auditCount(db);
    const old = w.ds.countyInputs!;
    const saved = await saveCountyInputs(
      db,
      w.users.bureau,
      COUNTY,
      FIXTURE_YEAR,
      [
        { itemId: 'rotation', value: 0.15, note: '  2025年交流轮岗教师195人，占15%  ' },
        { itemId: 'layout', value: false },
        { itemId: 'nearbyJunior', value: old.nearbyJunior!.value as number }, // unchanged: note kept
      ],
      { ip: '10.1.2.3' },
    );
    expect(saved.rotation).toMatchObject({
      value: 0.15,
      note: '2025年交流轮岗教师195人，占15%',
      updatedByName: '教育局甲',
    });
    expect(saved.layout).toMatchObject({ value: false, note: old.layout!.note, updatedByName: '教育局甲' });
    expect(saved.nearbyJunior).toMatchObject({ value: old.nearbyJunior!.value, updatedByName: null });
    expect(await auditCount(db)).toBe(before + 1);
    const e = await db.query<{
      action: string;
      actor: string;
      entity: string;
      entity_id: string;
      before: unknown;
      after: unknown;
      ip: string;
    }>(
      'SELECT action, actor, entity, entity_id, before, after, ip FROM audit_event ORDER BY id DESC LIMIT 1',
    );
    expect(e.rows[0]).toEqual({
      action: 'countyInput.save',
      actor: 'bureau1',
      entity: 'county_input',
      entity_id: `${COUNTY}/${FIXTURE_YEAR}`,
      before: {
        rotation: { value: old.rotation!.value, note: old.rotation!.note },
        layout: { value: true, note: old.layout!.note },
      },
      after: {
        rotation: { value: 0.15, note: '2025年交流轮岗教师195人，占15%' },
        layout: { value: false, note: old.layout!.note },
      },
      ip: '10.1.2.3',
    });
    // A note set to null is cleared; saving the same values again writes nothing.
    await saveCountyInputs(db, w.users.bureau, COUNTY, FIXTURE_YEAR, [
      { itemId: 'layout', value: false, note: null },
    ]);
    expect((await getCountyInputs(db, w.users.bureau, COUNTY, FIXTURE_YEAR)).layout!.note).toBeNull();
    const n = await auditCount(db);
    await saveCountyInputs(db, w.users.bureau, COUNTY, FIXTURE_YEAR, [{ itemId: 'layout', value: false }]);
    expect(await auditCount(db)).toBe(n);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('creates the school year of a new year and records items never saved as before null', async () => {
    const saved = await saveCountyInputs(db, w.users.bureau, COUNTY, 2031, [
      { itemId: 'governmentScore', value: 88, note: '自评' },
      { itemId: 'examAdmission', value: false },
      { itemId: 'prerequisite', value: true },
    ]);
    expect(Object.keys(saved).sort()).toEqual(['examAdmission', 'governmentScore', 'prerequisite']);
    expect((await db.query('SELECT 1 FROM school_year WHERE start_year = 2031')).rows).toHaveLength(1);
    const e = await db.query<{ before: Record<string, unknown> }>(
      'SELECT before FROM audit_event ORDER BY id DESC LIMIT 1',
    );
    expect(e.rows[0]!.before).toEqual({ governmentScore: null, examAdmission: null, prerequisite: null });
  });

  it('rejects unknown items and values of the wrong kind, writing nothing', async () => {
    const before = { audit: await auditCount(db), items: await stored(FIXTURE_YEAR) };
    const save = (items: Parameters<typeof saveCountyInputs>[4]) =>
      rejection(saveCountyInputs(db, w.users.bureau, COUNTY, FIXTURE_YEAR, items));
    const unknown = await save([
      { itemId: 'rotation', value: 0.2 },
      { itemId: 'nosuch', value: 1 },
    ]);
    expect(unknown).toMatchObject({ code: 'invalidRequest' });
    expect(unknown.message).toContain('nosuch');
    const judgment = await save([{ itemId: 'layout', value: 1 }]);
    expect(judgment).toMatchObject({ code: 'invalidRequest' });
    expect(judgment.message).toContain('layout');
    expect(judgment.message).toContain('是');
    expect(await save([{ itemId: 'governmentScore', value: true }])).toMatchObject({
      code: 'invalidRequest',
    });
    expect(await save([{ itemId: 'rotation', value: 12 }])).toMatchObject({ code: 'invalidRequest' }); // 12 is not a fraction
    expect(await save([{ itemId: 'musicArtRooms', value: true }])).toMatchObject({ code: 'invalidRequest' }); // computed
    expect(
      await save([
        { itemId: 'rotation', value: 0.2 },
        { itemId: 'rotation', value: 0.3 },
      ]),
    ).toMatchObject({ code: 'invalidRequest' });
    expect(await save([{ itemId: 'rotation', value: undefined as never }])).toMatchObject({
      code: 'invalidRequest',
    });
    expect({ audit: await auditCount(db), items: await stored(FIXTURE_YEAR) }).toEqual(before);
  });

  it('lets only the county’s bureau save; readers get notAllowed, others notFound', async () => {
    const before = { audit: await auditCount(db), items: await stored(FIXTURE_YEAR) };
    const items = [{ itemId: 'rotation', value: 0.5 }];
    for (const who of ['inspector', 'city', 'admin'] as const) {
      const err = await rejection(saveCountyInputs(db, w.users[who], COUNTY, FIXTURE_YEAR, items));
      expect(err).toMatchObject({ code: 'notAllowed' });
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const who of ['clerkA', 'neighbour', 'viewer'] as const) {
      await expect(saveCountyInputs(db, w.users[who], COUNTY, FIXTURE_YEAR, items)).rejects.toMatchObject({
        code: 'notFound',
      });
    }
    expect({ audit: await auditCount(db), items: await stored(FIXTURE_YEAR) }).toEqual(before);
    // The neighbour's bureau edits its own county.
    const own = await saveCountyInputs(db, w.users.neighbour, NEIGHBOUR, FIXTURE_YEAR, items);
    expect(own.rotation).toMatchObject({ value: 0.5, updatedByName: '邻县教育局' });
  });
});
