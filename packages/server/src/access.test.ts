/**
 * Every route × every role, against a running server. The expected statuses are written by hand
 * from the access rules (core/src/policies/rules.ts) and the route contract (docs/api.md), not
 * taken from the server's answers: a change in who may do what must change this table.
 *
 * Roles: anonymous; 系统管理员 admin; county bureau jiaoyuju and inspector duxue of 清源县 (130660);
 * principal xiaozhang and clerk tianbao of school S (清源县实验小学); shiju, a city bureau account
 * (130600, read-only); and `other`, the bureau of a neighbouring county, who must learn nothing about
 * 清源县 (404, as if it did not exist).
 */
import { generateDemoCounty } from '@junheng/core';
import { createUser, saveDataset } from '@junheng/db';
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from './testing.js';

const ROLES = ['anon', 'admin', 'bureau', 'inspector', 'principal', 'school', 'city', 'other'] as const;
type Role = (typeof ROLES)[number];
const USERNAMES: Record<Exclude<Role, 'anon'>, string> = {
  admin: 'admin',
  bureau: 'jiaoyuju',
  inspector: 'duxue',
  principal: 'xiaozhang',
  school: 'tianbao',
  city: 'shiju',
  other: 'linxian',
};

/** Expected status per role, in ROLES order; null = not checked here (a flow test covers it). */
type Row = [method: string, path: string, expected: (number | null)[], body?: unknown];

const ALL_200 = [200, 200, 200, 200, 200, 200, 200, 200];
const SIGNED_IN_200 = [401, 200, 200, 200, 200, 200, 200, 200];
/** Readable by everyone of the county and the city; the school sees its own school. */
const OWN_SCHOOL = [401, 200, 200, 200, 200, 200, 200, 404];
/** Another school of the county: hidden from S's users as from the other county. */
const OTHER_SCHOOL = [401, 200, 200, 200, 404, 404, 200, 404];
/** County-level data: not for school users. */
const COUNTY_READ = [401, 200, 200, 200, 404, 404, 200, 404];

describe.each(testEngines())('every route × every role on %s', (engine) => {
  let server: TestServer;
  const clients = {} as Record<Role, ApiClient>;
  let rows: Row[];

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 12 });
    const { year, countyCode } = server.seed;
    // The neighbouring county, with schools of its own and its own bureau account.
    const other = generateDemoCounty({ schools: 4, seed: 99, year });
    other.county = { ...other.county, code: '130681', name: '邻县' };
    for (const s of other.schools) {
      s.id = `3${s.id.slice(1)}`;
      s.regionCode = '130681';
    }
    await saveDataset(server.db, other, 'system');
    await createUser(server.db, {
      username: 'linxian',
      password: 'Qingyuan#2025',
      displayName: '邻县教育局',
      role: 'bureau',
      regionCode: '130681',
    });
    clients.anon = server.anonymous();
    for (const role of ROLES.filter((r) => r !== 'anon')) {
      clients[role] = await server.as(USERNAMES[role as Exclude<Role, 'anon'>]);
    }
    const me = await clients.school.get<{ user: { schoolId: string } }>('/api/auth/me');
    const S = me.body.user.schoolId;
    const list = await clients.bureau.get<{ items: { schoolId: string; stage: string }[] }>(
      `/api/reports?year=${year}&pageSize=100`,
    );
    const t = list.body.items.find((r) => r.schoolId !== S)!;
    const T = t.schoolId;
    const runs = await clients.bureau.get<{
      items: { id: number; year: number; publishedAt: string | null }[];
    }>(`/api/evaluations?year=${year - 1}`);
    const published = runs.body.items.find((r) => r.publishedAt !== null)!.id;
    const Y = year;
    const C = countyCode;
    rows = [
      ['GET', '/api/health', ALL_200],
      ['GET', '/api/auth/me', SIGNED_IN_200],
      ['GET', '/api/meta', SIGNED_IN_200],
      ['GET', `/api/dashboard?year=${Y}&countyCode=${C}`, COUNTY_READ],
      ['GET', `/api/schools?year=${Y}`, SIGNED_IN_200],
      ['GET', `/api/schools/${S}?year=${Y}`, OWN_SCHOOL],
      ['GET', `/api/schools/${T}?year=${Y}`, OTHER_SCHOOL],
      ['GET', `/api/schools/${S}/evaluation?year=${Y}`, OWN_SCHOOL],
      ['GET', `/api/schools/${T}/plan?year=${Y}`, OTHER_SCHOOL],
      ['GET', `/api/reports?year=${Y}`, SIGNED_IN_200],
      ['GET', `/api/reports/${S}/${Y}/primary`, OWN_SCHOOL],
      ['GET', `/api/reports/${T}/${Y}/${t.stage}`, OTHER_SCHOOL],
      ['GET', `/api/reports/${S}/${Y}/primary/versions`, OWN_SCHOOL],
      ['GET', `/api/reports/${S}/${Y}/primary/diff?from=1&to=2`, OWN_SCHOOL],
      ['GET', `/api/county-inputs?year=${Y}&countyCode=${C}`, COUNTY_READ],
      ['GET', `/api/evaluations?year=${Y}`, SIGNED_IN_200],
      ['GET', `/api/evaluations/${published}`, COUNTY_READ],
      // Export needs more than view: the administrator sees everything but exports only the audit log.
      ['GET', `/api/evaluations/${published}/report.docx`, [401, 403, 200, 200, 404, 404, 200, 404]],
      [
        'GET',
        `/api/templates/county.xlsx?year=${Y}&countyCode=${C}`,
        [401, 403, 200, 200, 404, 404, 200, 404],
      ],
      ['GET', `/api/templates/school/${S}?year=${Y}`, [401, 403, 200, 200, 200, 200, 200, 404]],
      ['GET', '/api/users', [401, 200, 403, 403, 403, 403, 403, 403]],
      ['GET', '/api/audit', [401, 200, 403, 403, 403, 403, 403, 403]],
      ['GET', '/api/audit/verify', [401, 200, 404, 404, 404, 404, 404, 404]],
      ['GET', '/api/public/counties', ALL_200],
      ['GET', `/api/public/results/${C}/${Y - 1}`, ALL_200],
      ['GET', `/api/public/results/${C}/${Y - 1}.csv`, ALL_200],
      ['GET', `/api/public/results/${C}/${Y - 1}.json`, ALL_200],
      // Not published yet: nobody sees it on the public page.
      ['GET', `/api/public/results/${C}/${Y}`, [404, 404, 404, 404, 404, 404, 404, 404]],
      // Writes. Only refusals are checked here (allowed writes change state: flow tests).
      [
        'PUT',
        `/api/reports/${S}/${Y + 1}/primary`,
        [401, 403, 403, 403, null, null, 403, 404],
        { data: { students: 1 }, version: 0 },
      ],
      [
        'PUT',
        `/api/reports/${T}/${Y}/${t.stage}`,
        [401, 403, 403, 403, 404, 404, 403, 404],
        { data: {}, version: 1 },
      ],
      // The bureau may approve, but S's report is 退回 (returned), so the workflow refuses: 409.
      [
        'POST',
        `/api/reports/${S}/${Y}/primary/approve`,
        [401, 403, 409, 403, 403, 403, 403, 404],
        { version: 99 },
      ],
      [
        'POST',
        `/api/reports/${S}/${Y}/primary/submit`,
        [401, 403, 403, 403, null, null, 403, 404],
        { version: 99 },
      ],
      ['PATCH', `/api/schools/${T}`, [401, 403, 200, 403, 404, 404, 403, 404], { address: '县城北街 8 号' }],
      ['PATCH', `/api/schools/${S}`, [401, 403, 200, 403, 403, 403, 403, 404], { address: '县城南街 1 号' }],
      [
        'PUT',
        `/api/county-inputs?year=${Y}&countyCode=${C}`,
        [401, 403, 200, 403, 404, 404, 403, 404],
        { items: [] },
      ],
      [
        'POST',
        `/api/imports/county?year=${Y}&countyCode=${C}`,
        [401, 403, 422, 403, 404, 404, 403, 404],
        Buffer.from('not a workbook'),
      ],
      [
        'POST',
        `/api/imports/school/${T}?year=${Y}`,
        [401, 403, 422, 403, 404, 404, 403, 404],
        Buffer.from('not a workbook'),
      ],
      [
        'POST',
        '/api/evaluations',
        [401, 403, 200, 200, 404, 404, 403, 404],
        { year: Y, standard: 'basic', countyCode: C },
      ],
      ['POST', `/api/evaluations/${published}/publish`, [401, 403, 409, 403, 404, 404, 403, 404]],
      [
        'POST',
        '/api/users',
        [401, null, 403, 403, 403, 403, 403, 403],
        {
          username: 'newuser',
          displayName: '新用户',
          role: 'inspector',
          regionCode: C,
          password: 'Fresh#Pass2025',
        },
      ],
      ['PATCH', '/api/users/1', [401, null, 403, 403, 403, 403, 403, 403], { displayName: '改名' }],
    ];
  });
  afterAll(async () => server?.close());

  it('answers every route for every role as the access rules say', async () => {
    const mismatches: string[] = [];
    for (const [method, path, expected, body] of rows) {
      for (const [i, role] of ROLES.entries()) {
        if (expected[i] === null) continue;
        const r = await clients[role].request(method, path, body ?? (method === 'GET' ? undefined : {}));
        if (r.status !== expected[i]) {
          mismatches.push(
            `${method} ${path} as ${role}: ${r.status}, expected ${expected[i]} ${JSON.stringify(r.body).slice(0, 160)}`,
          );
        }
        if (r.status >= 400) {
          const err = r.body as { code?: string; message?: string };
          if (typeof err.code !== 'string' || !/[\u4e00-\u9fff]/.test(err.message ?? '')) {
            mismatches.push(`${method} ${path} as ${role}: error body without code or Chinese message`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('lists only what each role may see', async () => {
    const { year } = server.seed;
    const count = async (role: Role) =>
      (
        await clients[role].get<{ total: number; items: { id: string }[] }>(
          `/api/schools?year=${year}&pageSize=100`,
        )
      ).body;
    const admin = await count('admin');
    const bureau = await count('bureau');
    const city = await count('city');
    const school = await count('school');
    const other = await count('other');
    expect(bureau.total).toBe(12);
    expect(other.total).toBe(4);
    expect(admin.total).toBe(16);
    expect(city.total).toBe(16);
    expect(school.total).toBe(1);
    expect(other.items.every((s) => s.id.startsWith('3'))).toBe(true);
    const reports = await clients.school.get<{ items: { schoolId: string }[] }>(`/api/reports?year=${year}`);
    const me = await clients.school.get<{ user: { schoolId: string } }>('/api/auth/me');
    expect(reports.body.items.length).toBeGreaterThan(0);
    expect(reports.body.items.every((r) => r.schoolId === me.body.user.schoolId)).toBe(true);
  });

  it('gives each role the menu its rules allow', async () => {
    const menus: Record<string, string[]> = {};
    for (const role of ROLES.filter((r) => r !== 'anon')) {
      menus[role] = (await clients[role].get<{ user: { menu: string[] } }>('/api/auth/me')).body.user.menu;
    }
    expect(menus.admin).toEqual(expect.arrayContaining(['users', 'audit', 'schools']));
    expect(menus.admin).not.toContain('fill');
    expect(menus.admin).not.toContain('review');
    expect(menus.bureau).toEqual([
      'dashboard',
      'schools',
      'review',
      'countyInputs',
      'evaluations',
      'plans',
      'zoning',
      'applicants',
      'lottery',
      'classes',
      'quota',
    ]);
    expect(menus.inspector).not.toContain('review');
    expect(menus.school).toEqual(['schools', 'fill', 'plans', 'applicants', 'lottery', 'classes']);
    expect(menus.principal).toContain('fill');
    expect(menus.city).not.toContain('review');
    expect(menus.city).toContain('dashboard');
  });
});
