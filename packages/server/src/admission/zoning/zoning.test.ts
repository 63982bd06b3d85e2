/**
 * 划片 through the API on the demo county (seeded from the shipped demo map): the page's data, a
 * solve whose assignment is checked against the capacities by recomputing every school's load
 * here, saving with a version conflict, publishing to the public lookup, hand evaluation, imports
 * with per-row errors that write nothing, downloads, a second concurrent solve refused, and who may
 * do what.
 */
import { testEngines } from '@junheng/db/testing';
import { readAreaWorkbook, writeAreaWorkbook } from '@junheng/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../../platform/testing.js';

interface Area {
  id: string;
  name: string;
  entrants: { primary: number; junior: number };
  current: { primary: string | null; junior: string | null };
}
interface School {
  schoolId: string;
  name: string;
  lon: number | null;
  lat: number | null;
  stages: string[];
  entry: Partial<Record<'primary' | 'junior', { classes: number; classSizeLimit: number; capacity: number }>>;
}
interface ZoningData {
  county: { code: string; name: string };
  map: { regions: { features: unknown[] } } | null;
  areas: Area[];
  schools: School[];
  plans: { id: number; stage: string; status: string; source: string }[];
  canEdit: boolean;
}
interface Solution {
  assignment: Record<string, string>;
  evaluation: {
    totals: { overflowStudents: number; unassignedAreas: number };
    schools: { schoolId: string; demand: number }[];
  };
  solver: { status: string; optimal: boolean };
  current: {
    comparison: { changedAreas: { areaId: string; from: string | null; to: string | null }[] };
  } | null;
}

describe.each(testEngines())('划片 API on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let C: string;
  let Y: number;
  let data: ZoningData;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 60 });
    bureau = await server.as('jiaoyuju');
    C = server.seed.countyCode;
    Y = server.seed.year + 1;
    data = (await bureau.get<ZoningData>(`/api/zoning?year=${Y}&countyCode=${C}`)).body;
  }, 180_000);
  afterAll(async () => server?.close());

  it('gives the page the demo map, its areas with current zones, and located schools with capacity', () => {
    expect(data.county.name).toBe('清源县');
    expect(data.canEdit).toBe(true);
    expect(data.map?.regions.features.length).toBeGreaterThan(3);
    expect(data.areas.length).toBeGreaterThan(200);
    // Every area has a current zone of both stages in the demo map.
    expect(data.areas.every((a) => a.current.primary !== null && a.current.junior !== null)).toBe(true);
    const zoned = data.schools.filter((s) => s.stages.length > 0);
    expect(zoned.every((s) => s.lon !== null && s.lat !== null)).toBe(true);
    for (const s of zoned) {
      for (const st of s.stages as ('primary' | 'junior')[]) {
        const e = s.entry[st]!;
        expect(e.capacity).toBe(e.classes * e.classSizeLimit);
        expect(e.classSizeLimit).toBe(st === 'primary' ? 45 : 50);
      }
    }
    // The current zones were published when seeded: two public plans.
    expect(
      data.plans
        .filter((p) => p.status === 'published')
        .map((p) => p.stage)
        .sort(),
    ).toEqual(['junior', 'primary']);
  });

  it('solves 小学 within capacity: every area assigned, no school above its places (recomputed here)', async () => {
    const capacity = new Map(
      data.schools.filter((s) => s.entry.primary).map((s) => [s.schoolId, s.entry.primary!.capacity]),
    );
    const entrants = new Map(data.areas.map((a) => [a.id, a.entrants.primary]));
    const totalCapacity = [...capacity.values()].reduce((a, b) => a + b, 0);
    const totalEntrants = [...entrants.values()].reduce((a, b) => a + b, 0);
    // The demo county has places for everyone (otherwise this test would say nothing).
    expect(totalCapacity).toBeGreaterThan(totalEntrants);

    const r = await bureau.post<Solution>(`/api/zoning/solve?countyCode=${C}`, {
      year: Y,
      stage: 'primary',
      timeLimitSeconds: 30,
    });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    const sol = r.body;
    expect(Object.keys(sol.assignment).sort()).toEqual([...entrants.keys()].sort());
    const load = new Map<string, number>();
    for (const [area, school] of Object.entries(sol.assignment)) {
      expect(capacity.has(school)).toBe(true);
      load.set(school, (load.get(school) ?? 0) + entrants.get(area)!);
    }
    for (const [school, n] of load) expect(n, school).toBeLessThanOrEqual(capacity.get(school)!);
    expect(sol.evaluation.totals.overflowStudents).toBe(0);
    for (const s of sol.evaluation.schools) expect(s.demand).toBe(load.get(s.schoolId) ?? 0);
    // Compared with the current zones, which the demo leaves over capacity in 城区.
    expect(sol.current).not.toBeNull();
    const changed = sol.current!.comparison.changedAreas;
    for (const c of changed) {
      expect(c.to).toBe(sol.assignment[c.areaId]);
      expect(c.from).toBe(data.areas.find((a) => a.id === c.areaId)!.current.primary);
    }
  });

  it('refuses a second solve of the same county while one runs', async () => {
    const body = { year: Y, stage: 'junior', timeLimitSeconds: 10 };
    const [a, b] = await Promise.all([
      bureau.post(`/api/zoning/solve?countyCode=${C}`, body),
      bureau.post(`/api/zoning/solve?countyCode=${C}`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = (a.status === 409 ? a : b).body as { message: string };
    expect(refused.message).toMatch(/正在求解/);
  });

  it('evaluates a hand-adjusted assignment: the new school gains the area’s entrants', async () => {
    const area = data.areas.find((a) => a.entrants.primary > 0)!;
    const from = area.current.primary!;
    const to = data.schools.find((s) => s.entry.primary && s.schoolId !== from)!.schoolId;
    const current = Object.fromEntries(data.areas.map((a) => [a.id, a.current.primary!]));
    const r = await bureau.post<{
      evaluation: { schools: { schoolId: string; demand: number }[] };
      current: { evaluation: { schools: { schoolId: string; demand: number }[] } };
    }>(`/api/zoning/evaluate?countyCode=${C}`, {
      year: Y,
      stage: 'primary',
      assignment: { ...current, [area.id]: to },
    });
    expect(r.status).toBe(200);
    const demand = (list: { schoolId: string; demand: number }[], id: string) =>
      list.find((s) => s.schoolId === id)!.demand;
    expect(demand(r.body.evaluation.schools, to) - demand(r.body.current.evaluation.schools, to)).toBe(
      area.entrants.primary,
    );
    expect(demand(r.body.current.evaluation.schools, from) - demand(r.body.evaluation.schools, from)).toBe(
      area.entrants.primary,
    );
    const bad = await bureau.post(`/api/zoning/evaluate?countyCode=${C}`, {
      year: Y,
      stage: 'primary',
      assignment: { [area.id]: '9999999999' },
    });
    expect(bad.status).toBe(400);
  });

  it('saves a plan, refuses a stale version (409), publishes it, and the public sees the new zones', async () => {
    const assignment = Object.fromEntries(data.areas.map((a) => [a.id, a.current.junior!]));
    const created = await bureau.post<{ id: number; version: number; status: string }>(
      `/api/zoning/plans?countyCode=${C}`,
      { year: Y, stage: 'junior', title: '初中划片调整方案', source: 'hand', assignment },
    );
    expect(created.status).toBe(200);
    const { id, version } = created.body;
    const moved = data.areas[0]!;
    const other = data.schools.find((s) => s.entry.junior && s.schoolId !== moved.current.junior)!;
    const next = { ...assignment, [moved.id]: other.schoolId };
    const saved = await bureau.put<{ version: number }>(`/api/zoning/plans/${id}`, {
      title: '初中划片调整方案',
      source: 'hand',
      assignment: next,
      version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(version + 1);
    const stale = await bureau.put<{ code: string; message: string }>(`/api/zoning/plans/${id}`, {
      title: '另一人的修改',
      source: 'hand',
      assignment,
      version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/已被他人修改/);

    const before = await server.anonymous().get<{ planId: number }>(`/api/public/zoning/${C}/${Y}/junior`);
    expect(before.status).toBe(200);
    const pub = await bureau.post<{ status: string; version: number }>(`/api/zoning/plans/${id}/publish`, {
      version: saved.body.version,
    });
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    const after = await server.anonymous().get<{
      planId: number;
      schools: { schoolId: string; areas: { id: string }[] }[];
    }>(`/api/public/zoning/${C}/${Y}/junior`);
    expect(after.status).toBe(200);
    expect(after.body.planId).toBe(id);
    expect(after.body.schools.find((s) => s.schoolId === other.schoolId)!.areas.map((a) => a.id)).toContain(
      moved.id,
    );
    // The plan published before is withdrawn; a published plan no longer changes.
    const list = await bureau.get<{ id: number; status: string }[]>(
      `/api/zoning/plans?year=${Y}&stage=junior&countyCode=${C}`,
    );
    expect(list.body.filter((p) => p.status === 'published').map((p) => p.id)).toEqual([id]);
    expect(list.body.some((p) => p.status === 'withdrawn')).toBe(true);
    const again = await bureau.put(`/api/zoning/plans/${id}`, {
      title: 'x',
      source: 'hand',
      assignment,
      version: pub.body.version,
    });
    expect(again.status).toBe(409);
    // Nothing published for a year without plans.
    expect((await server.anonymous().get(`/api/public/zoning/${C}/${Y + 5}/junior`)).status).toBe(404);
  });

  it('downloads a plan as Excel and GeoJSON', async () => {
    const plan = data.plans.find((p) => p.stage === 'primary')!;
    const xlsx = await bureau.get(`/api/zoning/plans/${plan.id}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    const geo = await bureau.get<{
      type: string;
      features: { properties: { kind: string; school?: string } }[];
    }>(`/api/zoning/plans/${plan.id}/export.geojson`);
    expect(geo.status).toBe(200);
    const body = JSON.parse(geo.bytes.toString('utf8')) as {
      type: string;
      features: { properties: { kind: string; school?: string } }[];
    };
    expect(body.type).toBe('FeatureCollection');
    const areas = body.features.filter(
      (f) => f.properties.kind === 'estate' || f.properties.kind === 'village',
    );
    expect(areas.length).toBe(data.areas.length);
    expect(areas.every((f) => typeof f.properties.school === 'string')).toBe(true);
  });

  it('imports an area workbook with per-row errors and writes nothing; a correct one replaces the areas', async () => {
    const year = Y + 1;
    const schoolName = data.schools.find((s) => s.entry.primary)!.name;
    const good = await writeAreaWorkbook([
      {
        id: 'B1',
        name: '新华小区',
        kind: 'estate',
        township: '城关镇',
        lon: 115.72,
        lat: 39.02,
        entrants: { primary: 40, junior: 30 },
        current: { primary: schoolName },
      },
      {
        id: 'B2',
        name: '李家庄村',
        kind: 'village',
        township: null,
        lon: 115.8,
        lat: 39.1,
        entrants: { primary: 8, junior: 6 },
        current: {},
      },
    ]);
    const bad = await writeAreaWorkbook([
      {
        id: 'B1',
        name: '新华小区',
        kind: 'estate',
        township: null,
        lon: 39.02,
        lat: 115.72,
        entrants: { primary: 40, junior: 30 },
        current: { primary: '不存在的小学' },
      },
    ]);
    // Sanity: our own reader sees the swapped coordinates.
    expect((await readAreaWorkbook(bad, 'bad.xlsx')).errors.length).toBeGreaterThan(0);
    const upload = (bytes: Buffer, name: string) =>
      bureau.request('POST', `/api/zoning/areas/import?year=${year}&countyCode=${C}`, bytes, {
        'x-file-name': encodeURIComponent(name),
      });
    const refused = await upload(bad, '小区村.xlsx');
    expect(refused.status).toBe(422);
    const details = (
      refused.body as {
        details: { row?: number; column?: string; message: string; code: string; fix: string }[];
      }
    ).details;
    expect(details.some((d) => d.row === 2 && d.column === '纬度')).toBe(true);
    // Every row keeps its code and how to fix it (the route's answer is the shared ErrorBody).
    expect(details.every((d) => d.code !== '' && d.fix !== '')).toBe(true);
    expect(details.find((d) => d.column === '纬度')?.fix).toMatch(/^应在|请/);
    expect((await bureau.get<Area[]>(`/api/zoning?year=${year}&countyCode=${C}`)).body.areas).toEqual([]);

    // A current zone that names no school of the county: found by the db check, also per row.
    const unknownSchool = await writeAreaWorkbook([
      {
        ...{ id: 'B1', name: '新华小区', kind: 'estate' as const, township: null, lon: 115.72, lat: 39.02 },
        entrants: { primary: 1, junior: 1 },
        current: { primary: '不存在的小学' },
      },
    ]);
    const r2 = await upload(unknownSchool, '小区村.xlsx');
    expect(r2.status).toBe(422);
    const d2 = (r2.body as { details: { row?: number; column?: string }[] }).details;
    expect(d2).toEqual([expect.objectContaining({ row: 2, column: '现划片学校(小学)' })]);

    const ok = await upload(good, '小区村.xlsx');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ areas: 2, replaced: 0, currentZones: { primary: 1, junior: 0 } });
    const after = (await bureau.get<ZoningData>(`/api/zoning?year=${year}&countyCode=${C}`)).body;
    expect(after.areas.map((a) => a.name)).toEqual(['新华小区', '李家庄村']);

    const notAFile = await upload(Buffer.from('hello'), 'notes.txt');
    expect(notAFile.status).toBe(422);
  });
});
