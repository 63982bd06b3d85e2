/**
 * The public 划片 lookup (no login) on the demo county: the list of published plans a parent can
 * look up (GET /api/public/zoning/:countyCode) follows publishing — a draft is not listed, a newly
 * published plan replaces the one it withdraws — and each listed plan opens; the published zones
 * carry the school's address from the register and nothing about children.
 */
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../platform/testing.js';

interface PlanList {
  county: { code: string; name: string };
  plans: { planId: number; year: number; stage: string; title: string; publishedAt: string }[];
}
interface PublicZoning {
  planId: number;
  year: number;
  stage: string;
  title: string;
  schools: {
    schoolId: string;
    name: string;
    address: string | null;
    areas: { id: string; name: string }[];
  }[];
}
interface Area {
  id: string;
  current: { primary: string | null; junior: string | null };
}

describe.each(testEngines())('public 划片 lookup on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let anonymous: ApiClient;
  let C: string;
  let Y: number;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 30 });
    bureau = await server.as('jiaoyuju');
    anonymous = server.anonymous();
    C = server.seed.countyCode;
    // The demo seeds and publishes the current zones of next year's intake, both stages.
    Y = server.seed.year + 1;
  }, 180_000);
  afterAll(async () => server?.close());

  it('lists the published plans of the county without login, and each one opens', async () => {
    const r = await anonymous.get<PlanList>(`/api/public/zoning/${C}`);
    expect(r.status).toBe(200);
    expect(r.body.county).toEqual({ code: C, name: '清源县' });
    expect(r.body.plans.map((p) => [p.year, p.stage, p.title])).toEqual([
      [Y, 'primary', `${Y}年小学现行划片`],
      [Y, 'junior', `${Y}年初中现行划片`],
    ]);
    for (const p of r.body.plans) {
      expect(Number.isNaN(Date.parse(p.publishedAt))).toBe(false);
      const one = await anonymous.get<PublicZoning>(`/api/public/zoning/${C}/${p.year}/${p.stage}`);
      expect(one.status).toBe(200);
      expect(one.body.planId).toBe(p.planId);
    }
  });

  it('follows publishing: a draft is not listed, a new publication replaces the withdrawn plan', async () => {
    const before = (await anonymous.get<PlanList>(`/api/public/zoning/${C}`)).body.plans;
    const oldPrimary = before.find((p) => p.stage === 'primary')!.planId;
    const oldJunior = before.find((p) => p.stage === 'junior')!.planId;
    const areas = (await bureau.get<{ areas: Area[] }>(`/api/zoning?year=${Y}&countyCode=${C}`)).body.areas;
    const assignment = Object.fromEntries(areas.map((a) => [a.id, a.current.junior!]));
    const created = await bureau.post<{ id: number; version: number }>(`/api/zoning/plans?countyCode=${C}`, {
      year: Y,
      stage: 'junior',
      title: '初中划片（公示版）',
      source: 'hand',
      assignment,
    });
    expect(created.status).toBe(200);
    // A draft: the public list is unchanged.
    const draft = (await anonymous.get<PlanList>(`/api/public/zoning/${C}`)).body.plans;
    expect(draft.map((p) => p.planId)).toEqual([oldPrimary, oldJunior]);

    const pub = await bureau.post(`/api/zoning/plans/${created.body.id}/publish`, {
      version: created.body.version,
    });
    expect(pub.status).toBe(200);
    const after = (await anonymous.get<PlanList>(`/api/public/zoning/${C}`)).body.plans;
    expect(after.map((p) => [p.planId, p.stage, p.title])).toEqual([
      [oldPrimary, 'primary', `${Y}年小学现行划片`],
      [created.body.id, 'junior', '初中划片（公示版）'],
    ]);
  });

  it('shows the school address from the register, and no figures about children', async () => {
    const zones = (await anonymous.get<PublicZoning>(`/api/public/zoning/${C}/${Y}/primary`)).body;
    const school = zones.schools.find((s) => s.areas.length > 0)!;
    expect(school.address).toBeNull();
    const patched = await bureau.patch(`/api/schools/${school.schoolId}`, {
      address: '  清源县城关镇学府路 8 号 ',
    });
    expect(patched.status).toBe(200);
    const again = (await anonymous.get<PublicZoning>(`/api/public/zoning/${C}/${Y}/primary`)).body;
    expect(again.schools.find((s) => s.schoolId === school.schoolId)!.address).toBe(
      '清源县城关镇学府路 8 号',
    );
    expect(JSON.stringify(again)).not.toMatch(/entrants|demand|students|capacity/);
  });

  it('answers 404 for a code that is no county here, 400 for one that is no code, and an empty list when nothing is published', async () => {
    // 130600 is a city (prefecture), 139999 no region at all.
    for (const code of ['130600', '139999']) {
      const r = await anonymous.get<{ message: string }>(`/api/public/zoning/${code}`);
      expect(r.status, code).toBe(404);
      expect(r.body.message).toMatch(/没有找到/);
    }
    expect((await anonymous.get(`/api/public/zoning/abc`)).status).toBe(400);
    // Another county of the region table with no plans (if the seed has one): an empty list.
    const counties = await server.db.query<{ code: string }>(
      "SELECT code FROM region WHERE level = 'county' AND code <> $1 LIMIT 1",
      [C],
    );
    const other = counties.rows[0]?.code;
    if (other) {
      const r = await anonymous.get<PlanList>(`/api/public/zoning/${other}`);
      expect(r.status).toBe(200);
      expect(r.body.plans).toEqual([]);
    }
  });
});
