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
import { saveDataset } from '@junheng/db';
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/accountCreation.js';
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
    server = await startTestServer(engine, { schools: 12, demoClasses: true });
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
    // 电脑派位 of the demo: A committed (county admission draw), H drawn (S's head-teacher draw, made
    // through S's published 一年级 placement: seedDemoClassesAndQuota).
    const draws = await clients.anon.get<{ id: number; title: string }[]>(
      `/api/public/lottery/draws?countyCode=${countyCode}`,
    );
    const A = draws.body.find((d) => d.title.includes('民办初中'))!.id;
    const H = draws.body.find((d) => d.title.includes('班主任派位'))!.id;
    const drawBody = {
      seed: '3141 5926 5358 9793 2384',
      operatorName: '操作员',
      witnesses: [{ name: '王家长', role: '家长代表' }],
      place: '会议室',
    };
    const newDraw = {
      countyCode,
      year: year + 1,
      purpose: 'admission',
      title: '权限测试派位',
      entries: [{ ticket: '2099-000001', secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' }],
    };
    // 均衡分班 of S (by its clerk) and of T (by the bureau), and a saved 指标到校 allocation.
    const P = (
      await clients.school.post<{ id: number }>('/api/classes', {
        schoolId: S,
        year: Y,
        classCount: 2,
        demo: { students: 20 },
      })
    ).body.id;
    const PT = (
      await clients.bureau.post<{ id: number }>('/api/classes', {
        schoolId: T,
        year: Y,
        stage: t.stage,
        classCount: 2,
        demo: { students: 20 },
      })
    ).body.id;
    const quotaSchools = (
      await clients.bureau.get<{
        schools: { schoolId: string; name: string; graduates: number; rural: boolean }[];
      }>(`/api/quota/schools?year=${Y}&countyCode=${C}`)
    ).body.schools.map(({ schoolId, name, graduates, rural }) => ({ schoolId, name, graduates, rural }));
    const quotaBody = {
      year: Y,
      countyCode: C,
      highSchoolName: '清源县第一中学',
      places: 200,
      share: 0.5,
      ruralTilt: 1.2,
      minimum: 1,
      schools: quotaSchools,
    };
    const Q = (await clients.bureau.post<{ id: number }>('/api/quota', quotaBody)).body.id;
    // 招生申请: an open round R with one applicant AP; an admitted round R2 whose child AP2 was
    // placed at S (committed, drawn and admitted by the bureau).
    const child = (seq: number) => {
      const body = `13066020190901${String(seq).padStart(3, '0')}`;
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...body].reduce((n, d, i) => n + Number(d) * w[i]!, 0);
      return {
        name: '测试儿童',
        idNumber: body + '10X98765432'[sum % 11],
        guardianName: '测试家长',
        phone: '13900000000',
        zoneSchoolId: S,
        category: 'hukou',
      };
    };
    const newRound = {
      countyCode: C,
      year: Y + 1,
      stage: 'primary',
      title: '权限测试招生',
      places: [{ schoolId: S, places: 5 }],
    };
    const R = (await clients.bureau.post<{ id: number }>('/api/admission/rounds', newRound)).body.id;
    const AP = (await clients.bureau.post<{ id: number }>(`/api/admission/rounds/${R}/applicants`, child(1)))
      .body.id;
    const R2 = (await clients.bureau.post<{ id: number }>('/api/admission/rounds', newRound)).body.id;
    const AP2 = (
      await clients.bureau.post<{ id: number }>(`/api/admission/rounds/${R2}/applicants`, child(2))
    ).body.id;
    const r2 = (await clients.bureau.get<{ version: number }>(`/api/admission/rounds/${R2}`)).body;
    const c2 = await clients.bureau.post<{ round: { version: number }; draw: { id: number } }>(
      `/api/admission/rounds/${R2}/commit`,
      { version: r2.version },
    );
    await clients.bureau.post(`/api/lottery/draws/${c2.body.draw.id}/draw`, drawBody);
    await clients.bureau.post(`/api/admission/rounds/${R2}/admit`, { version: c2.body.round.version });
    /** The children's data of a round: the county's bureau only (admin, inspector, city: 403). */
    const CHILDREN = [401, 403, 200, 403, 404, 404, 403, 404];
    /** … and, once admitted, the school they were placed at. */
    const PLACED = [401, 403, 200, 403, 200, 200, 403, 404];
    /** Changes of the bureau's (stale version or bad data: 409/400/422 for the bureau). */
    const EDIT = (bureauStatus: number) => [401, 403, bureauStatus, 403, 404, 404, 403, 404];
    // 划片: the seeded 现行划片 of next year's intake (published: public to every signed-in role).
    const ZY = Y + 1;
    const ZP = (
      await clients.bureau.get<{ id: number; status: string }[]>(
        `/api/zoning/plans?year=${ZY}&stage=primary&countyCode=${C}`,
      )
    ).body.find((p) => p.status === 'published')!.id;
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
      // 电脑派位: every draw is public once committed (read by all signed in, and without login on
      // /api/public); drawing needs edit: the county's bureau, or S for its own draw H. Creating
      // here: only the county bureau's admission draw; a head-teacher or a school's draw is 400 for
      // everyone signed in (made through a published placement, or by the bureau), before access.
      ['GET', '/api/lottery/draws', SIGNED_IN_200],
      ['GET', `/api/lottery/draws?countyCode=${C}`, SIGNED_IN_200],
      ['GET', `/api/lottery/draws/${A}`, SIGNED_IN_200],
      ['GET', `/api/lottery/draws/${H}/protocol`, SIGNED_IN_200],
      ['GET', `/api/lottery/draws/${H}/protocol.txt`, SIGNED_IN_200],
      // Not drawn yet: no protocol.
      ['GET', `/api/lottery/draws/${A}/protocol`, [401, 409, 409, 409, 409, 409, 409, 409]],
      ['GET', `/api/public/lottery/draws?countyCode=${C}`, ALL_200],
      ['GET', `/api/public/lottery/draws/${A}`, ALL_200],
      ['GET', `/api/public/lottery/draws/${H}`, ALL_200],
      ['GET', `/api/public/lottery/draws/${A}/list.txt`, ALL_200],
      ['GET', `/api/public/lottery/draws/${H}/result.csv`, ALL_200],
      ['GET', `/api/public/lottery/draws/${H}/result.txt`, ALL_200],
      ['GET', `/api/public/lottery/draws/${A}/result.csv`, [404, 404, 404, 404, 404, 404, 404, 404]],
      ['POST', '/api/lottery/draws', [401, 403, null, 403, 403, 403, 403, 403], newDraw],
      [
        'POST',
        '/api/lottery/draws',
        [401, 400, 400, 400, 400, 400, 400, 400],
        { ...newDraw, year: Y, purpose: 'headTeacher', schoolId: S, slots: ['一年级（1）班'] },
      ],
      ['POST', '/api/lottery/draws', [401, 400, 400, 400, 400, 400, 400, 400], { ...newDraw, schoolId: S }],
      [
        'POST',
        `/api/lottery/draws/upload?countyCode=${C}&year=${Y}&purpose=headTeacher&schoolId=${S}&title=x`,
        [401, 400, 400, 400, 400, 400, 400, 400],
        Buffer.from('not a list'),
      ],
      [
        'POST',
        `/api/lottery/draws/upload?countyCode=${C}&year=${Y + 1}&purpose=admission&schoolId=${S}&title=x`,
        [401, 400, 400, 400, 400, 400, 400, 400],
        Buffer.from('not a list'),
      ],
      [
        'POST',
        `/api/lottery/draws/upload?countyCode=${C}&year=${Y + 1}&purpose=admission&title=x`,
        [401, 403, 422, 403, 403, 403, 403, 403],
        Buffer.from('not a list'),
      ],
      // 核验码 for a standalone draw: who may create the county's draws (the bureau), before reading the file.
      [
        'POST',
        `/api/lottery/secrets?countyCode=${C}`,
        [401, 403, 200, 403, 403, 403, 403, 403],
        Buffer.from('2027-1\n'),
      ],
      [
        'POST',
        `/api/lottery/secrets?countyCode=${C}`,
        [401, 403, 422, 403, 403, 403, 403, 403],
        Buffer.from('a,b\n'),
      ],
      // A committed: only the county bureau may draw it (not checked: it would draw it).
      ['POST', `/api/lottery/draws/${A}/draw`, [401, 403, null, 403, 403, 403, 403, 403], drawBody],
      // H drawn: those who may draw it get 409 (drawn already), the others 403.
      ['POST', `/api/lottery/draws/${H}/draw`, [401, 403, 409, 403, 409, 409, 403, 403], drawBody],
      // 均衡分班: the school's own (S), another school's (T); 指标到校: county-wide, the bureau's.
      ['GET', `/api/classes?year=${Y}`, SIGNED_IN_200],
      ['GET', '/api/classes/template.xlsx', SIGNED_IN_200],
      ['GET', `/api/classes/${P}`, OWN_SCHOOL],
      ['GET', `/api/classes/${PT}`, OTHER_SCHOOL],
      ['GET', `/api/classes/${P}/head-teachers`, OWN_SCHOOL],
      // Not published: 409 for those who may export; the administrator exports nothing.
      ['GET', `/api/classes/${P}/lists.xlsx`, [401, 403, 409, 409, 409, 409, 409, 404]],
      [
        'POST',
        '/api/classes',
        [401, 403, null, 403, 404, 404, 403, 404],
        { schoolId: T, year: Y, stage: t.stage, classCount: 2, demo: { students: 10 } },
      ],
      [
        'POST',
        `/api/classes/import?schoolId=${T}&year=${Y}&classCount=2&stage=${t.stage}`,
        [401, 403, 422, 403, 404, 404, 403, 404],
        Buffer.from('not a workbook'),
      ],
      ['POST', `/api/classes/${PT}/run`, [401, 403, 409, 403, 404, 404, 403, 404], { version: 99 }],
      ['POST', `/api/classes/${P}/publish`, [401, 403, 409, 403, 409, 409, 403, 404], { version: 99 }],
      [
        'POST',
        `/api/classes/${P}/head-teachers`,
        [401, 403, 409, 403, 409, 409, 403, 404],
        { version: 99, teachers: ['王老师', '李老师'] },
      ],
      ['GET', `/api/quota/schools?year=${Y}&countyCode=${C}`, COUNTY_READ],
      ['GET', `/api/quota?year=${Y}&countyCode=${C}`, COUNTY_READ],
      ['GET', `/api/quota/${Q}`, COUNTY_READ],
      ['GET', `/api/quota/${Q}/table.xlsx`, [401, 403, 200, 200, 404, 404, 200, 404]],
      ['POST', '/api/quota/preview', COUNTY_READ, quotaBody],
      ['POST', '/api/quota', [401, 403, null, 403, 404, 404, 403, 404], quotaBody],
      ['PUT', `/api/quota/${Q}`, [401, 403, 409, 403, 404, 404, 403, 404], { ...quotaBody, version: 99 }],
      // 招生申请: rounds and results are the county's aggregates (the school sees an admitted round,
      // its own row); children's data is the bureau's, and the placing school's once admitted.
      ['GET', '/api/admission/rounds', SIGNED_IN_200],
      ['GET', `/api/admission/rounds/${R}`, COUNTY_READ],
      ['GET', `/api/admission/rounds/${R2}`, OWN_SCHOOL],
      ['GET', `/api/admission/rounds/${R}/results`, COUNTY_READ],
      ['GET', `/api/admission/rounds/${R2}/results`, OWN_SCHOOL],
      ['GET', `/api/admission/rounds/${R}/applicants`, CHILDREN],
      ['GET', `/api/admission/rounds/${R2}/applicants`, PLACED],
      ['GET', `/api/admission/applicants/${AP}`, [401, 404, 200, 404, 404, 404, 404, 404]],
      // The principal sees the admitted list masked; a full record needs viewPersonal (the clerk).
      ['GET', `/api/admission/applicants/${AP2}`, [401, 404, 200, 404, 403, 200, 404, 404]],
      ['GET', `/api/admission/rounds/${R}/applicants/export.xlsx`, CHILDREN],
      ['GET', `/api/admission/rounds/${R2}/applicants/export.xlsx`, PLACED],
      ['GET', `/api/admission/rounds/${R}/template.xlsx`, CHILDREN],
      ['POST', '/api/admission/rounds', [401, 403, null, 403, 404, 404, 403, 404], newRound],
      ['PUT', `/api/admission/rounds/${R}`, EDIT(409), { version: 99, title: '改名' }],
      [
        'POST',
        `/api/admission/rounds/${R}/applicants`,
        EDIT(400),
        { ...child(1), idNumber: '130660201909010010' },
      ],
      ['PUT', `/api/admission/applicants/${AP}`, EDIT(409), { ...child(1), version: 99 }],
      ['DELETE', `/api/admission/applicants/${AP}?version=99`, EDIT(409)],
      ['POST', `/api/admission/rounds/${R}/applicants/import`, EDIT(422), Buffer.from('not a workbook')],
      ['POST', `/api/admission/rounds/${R}/commit`, EDIT(409), { version: 99 }],
      ['POST', `/api/admission/rounds/${R2}/admit`, EDIT(409), { version: 99 }],
      // 划片 (zoning): county data for the bureau, inspectors and the city; a published plan for all.
      ['GET', `/api/zoning?year=${ZY}&countyCode=${C}`, COUNTY_READ],
      ['GET', `/api/zoning/plans?year=${ZY}&countyCode=${C}`, COUNTY_READ],
      ['GET', `/api/zoning/plans/${ZP}`, SIGNED_IN_200],
      ['GET', `/api/zoning/plans/${ZP}/export.xlsx`, SIGNED_IN_200],
      [
        'GET',
        `/api/zoning/areas/template.xlsx?year=${ZY}&countyCode=${C}`,
        [401, 403, 200, 200, 404, 404, 200, 404],
      ],
      ['GET', `/api/public/zoning/${C}/${ZY}/primary`, ALL_200],
      ['GET', `/api/public/zoning/${C}/${ZY + 3}/primary`, [404, 404, 404, 404, 404, 404, 404, 404]],
      ['GET', `/api/public/zoning/${C}`, ALL_200],
      ['GET', '/api/public/zoning/139999', [404, 404, 404, 404, 404, 404, 404, 404]],
      [
        'POST',
        `/api/zoning/evaluate?countyCode=${C}`,
        COUNTY_READ,
        { year: ZY, stage: 'primary', assignment: {} },
      ],
      // Solving writes nothing but is the bureau's tool (edit rights).
      [
        'POST',
        `/api/zoning/solve?countyCode=${C}`,
        EDIT(200),
        { year: ZY, stage: 'junior', timeLimitSeconds: 5 },
      ],
      [
        'POST',
        `/api/zoning/plans?countyCode=${C}`,
        EDIT(null as unknown as number),
        { year: ZY, stage: 'primary', title: '权限测试', source: 'hand', assignment: {} },
      ],
      // A published plan is visible to all, changed by none (the bureau: 409 stale version).
      [
        'PUT',
        `/api/zoning/plans/${ZP}`,
        [401, 403, 409, 403, 403, 403, 403, 403],
        { title: 'x', source: 'hand', assignment: {}, version: 99 },
      ],
      ['POST', `/api/zoning/plans/${ZP}/publish`, [401, 403, 409, 403, 403, 403, 403, 403], { version: 99 }],
      [
        'POST',
        `/api/zoning/areas/import?year=${ZY}&countyCode=${C}`,
        EDIT(422),
        Buffer.from('not a workbook'),
      ],
      [
        'PUT',
        `/api/zoning/classes?countyCode=${C}`,
        EDIT(400),
        { year: ZY, items: [{ schoolId: '0000000000', stage: 'primary', classes: 3 }] },
      ],
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
