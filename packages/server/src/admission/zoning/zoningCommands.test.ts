/**
 * 划片 commands on both engines: the demo county (60 schools) with the shipped demo map imported;
 * the problem read back from the database equals the map's own problem; an import with any error
 * writes nothing (not even the good rows); who may read and write; plans with version conflicts;
 * publishing makes a plan public and withdraws the one before.
 */
import {
  type Actor,
  evaluateZoning,
  generateDemoCounty,
  STAGES,
  type Stage,
  type ZoningImportInput,
  type ZoningProblem,
  type ZoningSchool,
} from '@junheng/core';
import { type Database, migrate, saveDataset } from '@junheng/db';
import {
  addUser,
  auditCount,
  createTestDatabase,
  rejection,
  type TestDatabase,
  testEngines,
} from '@junheng/db/testing';
import { readDemoZoningMap, type ZoningMap, zoningProblemFromMap } from '@junheng/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildZoningProblem,
  createZoningPlan,
  getPublicZoning,
  getZoningPlan,
  importZoningAreas,
  listZoningAreas,
  listZoningPlans,
  listZoningSchools,
  publishZoningPlan,
  saveEntryClasses,
  updateZoningPlan,
} from './commands/index.js';

const COUNTY = '130660';
const YEAR = 2027;

/** The map as the db's import input (what the server's converter does, written out here). */
function inputOf(map: ZoningMap, year = YEAR): ZoningImportInput {
  return {
    countyCode: COUNTY,
    year,
    file: 'map.geojson',
    areas: map.areas.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      township: a.township ?? null,
      lon: a.lon,
      lat: a.lat,
      entrants: a.entrants,
      current: { primary: map.current.primary[a.id] ?? null, junior: map.current.junior[a.id] ?? null },
    })),
    schools: map.schools.map((s) => ({
      schoolId: s.id,
      name: s.name,
      lon: s.lon,
      lat: s.lat,
      classes: s.classes,
    })),
    regions: {
      name: map.name ?? null,
      featureCollection: {
        type: 'FeatureCollection',
        features: map.regions.map((r) => ({
          type: 'Feature',
          geometry: r.geometry,
          properties: r.properties,
        })),
      },
    },
  };
}

/** A problem with areas and schools sorted by id and undefined fields dropped, for comparison. */
function normal(p: ZoningProblem, stage: Stage) {
  const byId = <T extends { id: string }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return JSON.parse(
    JSON.stringify({
      areas: byId(p.areas),
      // A map's school also says its township (display only, not part of the problem).
      schools: byId(p.schools.filter((s) => s.stages.includes(stage))).map(
        ({ township: _t, ...s }: ZoningSchool & { township?: string }) => ({
          ...s,
          stages: [...s.stages].sort(),
        }),
      ),
    }),
  );
}

describe.each(testEngines())('划片 storage on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let map: ZoningMap;
  const users = {} as Record<'bureau' | 'inspector' | 'city' | 'clerk' | 'neighbour', Actor>;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    const ds = generateDemoCounty({ schools: 60, year: 2026 });
    await saveDataset(db, ds, 'system');
    await db.query(
      `INSERT INTO region (code, name, level, parent_code) VALUES ('130661', '邻县', 'county', '130600')`,
    );
    users.bureau = await addUser(db, 'bureau1', 'bureau', { regionCode: COUNTY }, '教育局甲');
    users.inspector = await addUser(db, 'inspector1', 'inspector', { regionCode: COUNTY });
    users.city = await addUser(db, 'city1', 'bureau', { regionCode: '130600' });
    users.clerk = await addUser(db, 'clerk1', 'school', { schoolId: ds.schools[0]!.id });
    users.neighbour = await addUser(db, 'bureau2', 'bureau', { regionCode: '130661' });
    map = await readDemoZoningMap();
  });
  afterAll(() => t?.dispose());

  it('refuses an import with errors and writes nothing, listing every problem with its row and column', async () => {
    const input = inputOf(map);
    const audits = await auditCount(db);
    const areas = input.areas.map((a, i) => ({ ...a, at: { sheet: '小区村', row: i + 2 } }));
    areas[1] = { ...areas[1]!, id: areas[0]!.id };
    areas[5] = { ...areas[5]!, entrants: { primary: -3, junior: 2 } };
    areas[7] = { ...areas[7]!, current: { primary: '没有这所学校' } };
    areas[9] = { ...areas[9]!, lat: 120 };
    const junior = map.schools.find((s) => !s.stages.includes('primary'))!;
    areas[11] = { ...areas[11]!, current: { primary: junior.id } };
    const err = await rejection(importZoningAreas({ db, actor: users.bureau }, { ...input, areas }));
    expect(err).toMatchObject({ code: 'invalidRequest' });
    const details = (err as unknown as { details: { row?: number; column?: string }[] }).details;
    expect(details.map((d) => [d.row, d.column])).toEqual([
      [3, '编号'],
      [7, '预计入学人数(小学)'],
      [9, '现划片学校(小学)'],
      [11, '纬度'],
      [13, '现划片学校(小学)'],
    ]);
    expect(await listZoningAreas({ db, actor: users.bureau }, { countyCode: COUNTY, year: YEAR })).toEqual(
      [],
    );
    expect(
      (await listZoningSchools({ db, actor: users.bureau }, { countyCode: COUNTY, year: YEAR })).every(
        (s) => s.lon === null,
      ),
    ).toBe(true);
    expect(await auditCount(db)).toBe(audits);
    // A school of another county in the map: refused as well.
    const foreign = await rejection(
      importZoningAreas(
        { db, actor: users.bureau },
        {
          ...input,
          schools: [...input.schools!, { schoolId: '2113999999', name: '外县小学', lon: 115, lat: 39 }],
        },
      ),
    );
    expect(foreign).toMatchObject({ code: 'invalidRequest' });
    expect(await listZoningAreas({ db, actor: users.bureau }, { countyCode: COUNTY, year: YEAR })).toEqual(
      [],
    );
  });

  it('only the bureau imports; inspectors and the city read; schools and other counties see nothing', async () => {
    const input = inputOf(map);
    expect(await rejection(importZoningAreas({ db, actor: users.inspector }, input))).toMatchObject({
      code: 'notAllowed',
    });
    expect(await rejection(importZoningAreas({ db, actor: users.city }, input))).toMatchObject({
      code: 'notAllowed',
    });
    expect(await rejection(importZoningAreas({ db, actor: users.clerk }, input))).toMatchObject({
      code: 'notFound',
    });
    expect(await rejection(importZoningAreas({ db, actor: users.neighbour }, input))).toMatchObject({
      code: 'notFound',
    });
    const summary = await importZoningAreas({ db, actor: users.bureau }, input);
    expect(summary.areas).toBe(map.areas.length);
    expect(summary.schoolsLocated).toBe(map.schools.length);
    expect(
      await listZoningAreas({ db, actor: users.inspector }, { countyCode: COUNTY, year: YEAR }),
    ).toHaveLength(map.areas.length);
    expect(await listZoningAreas({ db, actor: users.city }, { countyCode: COUNTY, year: YEAR })).toHaveLength(
      map.areas.length,
    );
    expect(
      await rejection(listZoningAreas({ db, actor: users.clerk }, { countyCode: COUNTY, year: YEAR })),
    ).toMatchObject({
      code: 'notFound',
    });
    expect(
      await rejection(listZoningAreas({ db, actor: users.neighbour }, { countyCode: COUNTY, year: YEAR })),
    ).toMatchObject({
      code: 'notFound',
    });
  });

  it('builds the same problem and current zones from the database as from the map file', async () => {
    for (const stage of STAGES) {
      const fromDb = await buildZoningProblem(
        { db, actor: users.inspector },
        { countyCode: COUNTY, year: YEAR, stage },
      );
      expect(fromDb.unlocated).toEqual([]);
      expect(normal(fromDb.problem, stage)).toEqual(normal(zoningProblemFromMap(map, stage), stage));
      expect(fromDb.current).toEqual(map.current[stage]);
      // So the figures agree too.
      expect(evaluateZoning(fromDb.problem, fromDb.current).totals).toEqual(
        evaluateZoning(zoningProblemFromMap(map, stage), map.current[stage]).totals,
      );
    }
  });

  it('estimates entry classes from the reports until the bureau sets them', async () => {
    const other = YEAR + 1;
    const schools = await listZoningSchools({ db, actor: users.bureau }, { countyCode: COUNTY, year: other });
    const s = schools.find((x) => x.entry.primary && (x.entry.primary.reportClasses ?? 0) > 0)!;
    const e = s.entry.primary!;
    expect(e.estimated).toBe(true);
    expect(e.classes).toBe(Math.max(1, Math.round(e.reportClasses! / 6)));
    const after = await saveEntryClasses(
      { db, actor: users.bureau },
      {
        countyCode: COUNTY,
        year: other,
        items: [{ schoolId: s.schoolId, stage: 'primary', classes: 7, classSizeLimit: 40 }],
      },
    );
    const changed = after.find((x) => x.schoolId === s.schoolId)!.entry.primary!;
    expect(changed).toMatchObject({ classes: 7, classSizeLimit: 40, capacity: 280, estimated: false });
    expect(
      await rejection(
        saveEntryClasses({ db, actor: users.inspector }, { countyCode: COUNTY, year: other, items: [] }),
      ),
    ).toMatchObject({
      code: 'notAllowed',
    });
  });

  it('saves plans with a version check and publishes one for the public', async () => {
    const stage: Stage = 'primary';
    const current = map.current[stage];
    const plan = await createZoningPlan(
      { db, actor: users.bureau },
      {
        countyCode: COUNTY,
        year: YEAR,
        stage,
        title: '小学现行划片',
        source: 'current',
        assignment: current,
      },
    );
    expect(plan).toMatchObject({ status: 'draft', version: 1, createdByName: '教育局甲' });
    expect(plan.comparison?.changedAreas).toEqual([]);
    expect(await rejection(getPublicZoning({ db }, { countyCode: COUNTY, year: YEAR, stage }))).toMatchObject(
      { code: 'notFound' },
    );
    expect(
      await rejection(
        createZoningPlan(
          { db, actor: users.inspector },
          {
            ...plan,
            countyCode: COUNTY,
            assignment: current,
            solver: null,
          },
        ),
      ),
    ).toMatchObject({ code: 'notAllowed' });

    // Move one area: the plan's comparison names it; a stale version is a conflict.
    const area = map.areas.find((a) => a.entrants.primary > 0)!;
    const to = map.schools.find((s) => s.stages.includes(stage) && s.id !== current[area.id])!.id;
    const moved = { ...current, [area.id]: to };
    const v2 = await updateZoningPlan(
      { db, actor: users.bureau },
      { id: plan.id, title: '小学调整方案', source: 'hand', assignment: moved, expectedVersion: 1 },
    );
    expect(v2.version).toBe(2);
    expect(v2.comparison?.changedAreas.map((c) => [c.areaId, c.from, c.to])).toEqual([
      [area.id, current[area.id], to],
    ]);
    const stale = await rejection(
      updateZoningPlan(
        { db, actor: users.bureau },
        { id: plan.id, title: 'x', source: 'hand', assignment: current, expectedVersion: 1 },
      ),
    );
    expect(stale).toMatchObject({ code: 'conflict' });
    expect((await getZoningPlan({ db, actor: users.bureau }, { id: plan.id })).assignment[area.id]).toBe(to);
    // An unknown school is refused in Chinese.
    const unknown = await rejection(
      updateZoningPlan(
        { db, actor: users.bureau },
        {
          id: plan.id,
          title: 'x',
          source: 'hand',
          assignment: { ...moved, [area.id]: '0000000000' },
          expectedVersion: 2,
        },
      ),
    );
    expect(unknown).toMatchObject({ code: 'invalidRequest' });
    expect(unknown.message).toMatch(/不存在/);

    // Incomplete plans are not published.
    const partial = await createZoningPlan(
      { db, actor: users.bureau },
      {
        countyCode: COUNTY,
        year: YEAR,
        stage,
        title: '未完成',
        source: 'hand',
        assignment: { [area.id]: to },
      },
    );
    expect(
      await rejection(publishZoningPlan({ db, actor: users.bureau }, { id: partial.id, expectedVersion: 1 })),
    ).toMatchObject({
      code: 'wrongState',
    });
    expect(
      await rejection(publishZoningPlan({ db, actor: users.inspector }, { id: plan.id, expectedVersion: 2 })),
    ).toMatchObject({
      code: 'notAllowed',
    });

    const published = await publishZoningPlan(
      { db, actor: users.bureau },
      { id: plan.id, expectedVersion: 2 },
    );
    expect(published).toMatchObject({ status: 'published', version: 3 });
    const pub = await getPublicZoning({ db }, { countyCode: COUNTY, year: YEAR, stage });
    expect(pub.planId).toBe(plan.id);
    expect(pub.schools.find((s) => s.schoolId === to)!.areas.map((a) => a.id)).toContain(area.id);
    expect(pub.schools.flatMap((s) => s.areas)).toHaveLength(map.areas.length);
    // The public view carries no figures about children.
    expect(JSON.stringify(pub)).not.toMatch(/entrants|demand/);
    // A school user still sees nothing but the published plan.
    expect((await getZoningPlan({ db, actor: users.clerk }, { id: plan.id })).id).toBe(plan.id);
    expect(await rejection(getZoningPlan({ db, actor: users.clerk }, { id: partial.id }))).toMatchObject({
      code: 'notFound',
    });
    // Published plans do not change, even in SQL.
    await expect(
      db.query("UPDATE zoning_plan SET title = 'x' WHERE id = $1", [plan.id]),
    ).rejects.toMatchObject({
      code: 'JH012',
    });

    // Publishing another withdraws the first.
    const second = await createZoningPlan(
      { db, actor: users.bureau },
      {
        countyCode: COUNTY,
        year: YEAR,
        stage,
        title: '第二方案',
        source: 'current',
        assignment: current,
      },
    );
    await publishZoningPlan({ db, actor: users.bureau }, { id: second.id, expectedVersion: 1 });
    expect((await getPublicZoning({ db }, { countyCode: COUNTY, year: YEAR, stage })).planId).toBe(second.id);
    const list = await listZoningPlans({ db, actor: users.city }, { countyCode: COUNTY, year: YEAR, stage });
    expect(Object.fromEntries(list.map((p) => [p.id, p.status]))).toEqual({
      [plan.id]: 'withdrawn',
      [partial.id]: 'draft',
      [second.id]: 'published',
    });
  });
});
