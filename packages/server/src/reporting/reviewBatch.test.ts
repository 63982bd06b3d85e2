/**
 * Issue 10 #23 over HTTP: the review list's batch approve / return / 催报 (each report through the
 * same command as the single action, with a per-report result; a dry run for the confirmation;
 * school accounts refused; another county's reports neither shown nor changed), the bureau's
 * 代为填报 / 代为提交 (教育局代报 on the report, in the audit log), and 导入即审核's dry run listing
 * what it would approve.
 */
import { generateDemoCounty } from '@junheng/core';
import { saveDataset } from '@junheng/db';
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/accountCreation.js';
import { type ApiClient, startTestServer, type TestServer } from '../platform/testing.js';

interface ListItem {
  schoolId: string;
  regionCode: string;
  schoolName: string;
  stage: string;
  status: string;
  version: number;
  proxied: boolean;
  reminders: number;
}

interface BatchResult {
  schoolId: string;
  schoolName: string | null;
  stage: string;
  ok: boolean;
  from: string | null;
  fromName?: string | null;
  to: string | null;
  toName?: string | null;
  version: number | null;
  code?: string;
  message?: string;
}

interface BatchBody {
  dryRun: boolean;
  changed: number;
  failed: number;
  results: BatchResult[];
}

describe.each(testEngines())('batch review, 催报 and 代报 on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let school: ApiClient;
  let principal: ApiClient;
  let inspector: ApiClient;
  let other: ApiClient;
  let Y: number;

  const list = async (who: ApiClient, status: string) =>
    (await who.get<{ items: ListItem[] }>(`/api/reports?year=${Y}&status=${status}&pageSize=200`)).body.items;
  const pick = (items: ListItem[]) =>
    items.map(({ schoolId, stage, version }) => ({ schoolId, stage, version }));
  const auditOf = async (action: string) =>
    (
      await server.db.query<{ entity_id: string; reason: string | null; actor: string }>(
        'SELECT entity_id, reason, actor FROM audit_event WHERE action = $1 ORDER BY id',
        [action],
      )
    ).rows;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 12 });
    Y = server.seed.year;
    // A neighbouring county with its own bureau, whose reports the county's bureau must not touch.
    const neighbour = generateDemoCounty({ schools: 4, seed: 99, year: Y });
    neighbour.county = { ...neighbour.county, code: '130681', name: '邻县' };
    for (const s of neighbour.schools) {
      s.id = `3${s.id.slice(1)}`;
      s.regionCode = '130681';
    }
    await saveDataset(server.db, neighbour, 'system');
    await createUser(server.db, {
      username: 'linxian',
      password: 'Qingyuan#2025',
      displayName: '邻县教育局',
      role: 'bureau',
      regionCode: '130681',
    });
    bureau = await server.as('jiaoyuju');
    school = await server.as('tianbao');
    principal = await server.as('xiaozhang');
    inspector = await server.as('duxue');
    other = await server.as('linxian');
    // The neighbour's clerk-less reports: its bureau cannot submit them, so they are submitted here
    // directly, as a school would have.
    await server.db.query(
      `UPDATE school_report SET status = 'submitted', version = version + 1, submitted_by = 1, submitted_at = now()
        WHERE school_id LIKE '3%' AND year = $1`,
      [Y],
    );
  });
  afterAll(async () => server?.close());

  it('refuses school accounts and inspectors as a whole', async () => {
    const mine = (await list(school, 'submitted')).concat(await list(school, 'returned'));
    const body = {
      year: Y,
      action: 'approve',
      reports: pick(mine.length > 0 ? mine : await list(bureau, 'submitted')),
    };
    for (const who of [school, principal, inspector]) {
      const r = await who.post<{ code: string; message: string }>('/api/reports/batch', body);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 'notAllowed', message: '批量审核通过只能由教育局用户操作' });
    }
    const r = await school.post('/api/reports/batch', { ...body, action: 'remind', reason: '请尽快填报' });
    expect(r.status).toBe(403);
  });

  it('a dry run lists what would change and writes nothing; another county’s report is not found', async () => {
    const submitted = (await list(bureau, 'submitted')).slice(0, 3);
    const draft = (await list(bureau, 'draft'))[0]!;
    const foreign = (await list(other, 'submitted'))[0]!;
    expect(submitted).toHaveLength(3);
    const reports = [...pick(submitted), ...pick([draft]), ...pick([foreign])];
    const auditBefore = (await auditOf('report.approve')).length;
    const dry = await bureau.post<BatchBody>('/api/reports/batch', {
      year: Y,
      action: 'approve',
      reports,
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, changed: 3, failed: 2 });
    expect(dry.body.results.slice(0, 3)).toEqual(
      submitted.map((s) =>
        expect.objectContaining({
          schoolId: s.schoolId,
          schoolName: s.schoolName,
          ok: true,
          from: 'submitted',
          to: 'approved',
          version: s.version + 1,
        }),
      ),
    );
    expect(dry.body.results[3]).toMatchObject({
      ok: false,
      code: 'wrongState',
      schoolName: draft.schoolName,
    });
    expect(dry.body.results[3].message).toContain('只有已提交的报表可以审核通过');
    expect(dry.body.results[4]).toMatchObject({ ok: false, code: 'notFound', schoolName: null });
    // Nothing written.
    expect((await list(bureau, 'submitted')).slice(0, 3)).toEqual(submitted);
    expect((await auditOf('report.approve')).length).toBe(auditBefore);
  });

  it('approves many in one request, each audited; partial failures are listed and change nothing', async () => {
    const submitted = (await list(bureau, 'submitted')).slice(0, 4);
    const stale = { ...pick([submitted[3]!])[0]!, version: submitted[3]!.version - 1 };
    const foreign = (await list(other, 'submitted'))[0]!;
    const auditBefore = (await auditOf('report.approve')).length;
    const r = await bureau.post<BatchBody>('/api/reports/batch', {
      year: Y,
      action: 'approve',
      reports: [...pick(submitted.slice(0, 3)), stale, ...pick([foreign])],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: false, changed: 3, failed: 2 });
    expect(r.body.results.map((x) => [x.ok, x.to ?? x.code])).toEqual([
      [true, 'approved'],
      [true, 'approved'],
      [true, 'approved'],
      [false, 'conflict'],
      [false, 'notFound'],
    ]);
    const approved = new Set((await list(bureau, 'approved')).map((x) => `${x.schoolId}/${x.stage}`));
    for (const s of submitted.slice(0, 3)) expect(approved.has(`${s.schoolId}/${s.stage}`)).toBe(true);
    expect(approved.has(`${submitted[3]!.schoolId}/${submitted[3]!.stage}`)).toBe(false);
    // The neighbour's report is untouched.
    const theirs = (await list(other, 'submitted')).find((x) => x.schoolId === foreign.schoolId)!;
    expect(theirs.version).toBe(foreign.version);
    const audit = (await auditOf('report.approve')).slice(auditBefore);
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actor === 'jiaoyuju' && a.reason === '批量审核通过（共 5 份）')).toBe(true);
  });

  it('a batch return needs a reason, which every school gets as its overall comment', async () => {
    const two = (await list(bureau, 'submitted')).slice(0, 2);
    const none = await bureau.post<{ code: string }>('/api/reports/batch', {
      year: Y,
      action: 'return',
      reports: pick(two),
    });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('reasonRequired');
    const r = await bureau.post<BatchBody>('/api/reports/batch', {
      year: Y,
      action: 'return',
      reports: pick(two),
      reason: '生均图书册数与学籍人数不符，请核对',
    });
    expect(r.body).toMatchObject({ changed: 2, failed: 0 });
    const one = await bureau.get<{ status: string; reviewComments: Record<string, string> }>(
      `/api/reports/${two[0]!.schoolId}/${Y}/${two[0]!.stage}`,
    );
    expect(one.body).toMatchObject({
      status: 'returned',
      reviewComments: { '': '生均图书册数与学籍人数不符，请核对' },
    });
  });

  it('催报 reaches the school on its report, keeps the version, and is audited', async () => {
    const me = await school.get<{ user: { schoolId: string } }>('/api/auth/me');
    const S = me.body.user.schoolId;
    const path = `/api/reports/${S}/${Y}/primary`;
    const before = await school.get<{ status: string; version: number }>(path);
    expect(['draft', 'returned']).toContain(before.body.status);
    const r = await bureau.post<BatchBody>('/api/reports/batch', {
      year: Y,
      action: 'remind',
      reports: [{ schoolId: S, stage: 'primary', version: before.body.version }],
      reason: '请于本周五前修改并提交',
    });
    expect(r.body).toMatchObject({ changed: 1, results: [{ ok: true, version: before.body.version }] });
    const seen = await school.get<{ version: number; reminders: { message: string; byName: string }[] }>(
      path,
    );
    expect(seen.body.version).toBe(before.body.version);
    expect(seen.body.reminders[0]).toMatchObject({ message: '请于本周五前修改并提交' });
    expect(seen.body.reminders[0]!.byName).toContain('教育局');
    const row = (await list(bureau, before.body.status)).find(
      (x) => x.schoolId === S && x.stage === 'primary',
    )!;
    expect(row.reminders).toBe(1);
    expect((await auditOf('report.remind')).at(-1)).toMatchObject({ reason: '请于本周五前修改并提交' });
    // A submitted report is not chased.
    const sub = (await list(bureau, 'submitted'))[0]!;
    const refused = await bureau.post<BatchBody>('/api/reports/batch', {
      year: Y,
      action: 'remind',
      reports: pick([sub]),
      reason: '请提交',
    });
    expect(refused.body.results[0]).toMatchObject({ ok: false, code: 'wrongState' });
  });

  it('the bureau fills in and submits a 填报中 report for the school, with a reason, shown as 教育局代报', async () => {
    const draft = (await list(bureau, 'draft'))[0]!;
    const path = `/api/reports/${draft.schoolId}/${Y}/${draft.stage}`;
    const current = await bureau.get<{
      version: number;
      data: Record<string, number | null>;
      actions: string[];
    }>(path);
    expect(current.body.actions).toEqual(['remind', 'proxySave', 'proxySubmit']);
    // A school user cannot pretend to be the bureau, and the bureau cannot save as the school.
    const asSchool = await bureau.put<{ code: string }>(path, {
      data: current.body.data,
      version: current.body.version,
    });
    expect(asSchool.status).toBe(403);
    const noReason = await bureau.put<{ code: string }>(path, {
      data: current.body.data,
      version: current.body.version,
      proxyReason: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('reasonRequired');
    const saved = await bureau.put<{
      version: number;
      status: string;
      proxy: { reason: string; byName: string };
    }>(path, {
      data: { ...current.body.data, books: 12345 },
      version: current.body.version,
      proxyReason: '学校填报员病休，电话核实后代填',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      status: 'draft',
      proxy: { reason: '学校填报员病休，电话核实后代填' },
    });
    const submitted = await bureau.post<{ status: string; proxy: { reason: string } }>(
      `${path}/proxySubmit`,
      {
        version: saved.body.version,
        reason: '学校无法按期提交，教育局代为提交',
      },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      proxy: { reason: '学校无法按期提交，教育局代为提交' },
    });
    const row = (await list(bureau, 'submitted')).find((x) => x.schoolId === draft.schoolId)!;
    expect(row.proxied).toBe(true);
    expect((await auditOf('report.proxySave')).at(-1)).toMatchObject({
      reason: '学校填报员病休，电话核实后代填',
    });
    expect((await auditOf('report.proxySubmit')).at(-1)).toMatchObject({
      reason: '学校无法按期提交，教育局代为提交',
    });
  });

  it('a report never started (未填报) is listed; 催报 creates it with the reminder; the bureau can fill it in', async () => {
    const Z = Y + 1; // nobody has reported for next year yet
    const missingPage = await bureau.get<{ items: ListItem[]; total: number }>(
      `/api/reports?year=${Z}&status=missing&pageSize=200`,
    );
    expect(missingPage.status).toBe(200);
    const missing = missingPage.body.items;
    expect(missing.length).toBeGreaterThan(3);
    expect(missing.every((r) => r.status === 'missing' && r.version === 0)).toBe(true);
    expect(missing.some((r) => r.regionCode === '130681')).toBe(false); // not the neighbour's
    const [a, b, c] = missing as [ListItem, ListItem, ListItem];
    const batch = (action: string, items: ListItem[], extra: object) =>
      bureau.post<BatchBody>('/api/reports/batch', { year: Z, action, reports: pick(items), ...extra });

    // Nothing to approve; a chase is possible, and its dry run writes nothing.
    expect((await batch('approve', [a], { dryRun: true })).body.results[0]).toMatchObject({
      ok: false,
      code: 'wrongState',
    });
    expect((await batch('remind', [a], { dryRun: true })).body.results[0]).toMatchObject({
      ok: true,
      fromName: '未填报',
      toName: '填报中',
    });
    expect((await list(bureau, 'missing')).length).toBe(0); // (year Y: every report exists)
    const stillMissing = await bureau.get<{ total: number }>(`/api/reports?year=${Z}&status=missing`);
    expect(stillMissing.body.total).toBe(missingPage.body.total);
    // Another county's bureau cannot chase this county's schools.
    const foreign = await other.post<BatchBody>('/api/reports/batch', {
      year: Z,
      action: 'remind',
      reports: pick([a]),
      reason: '请填报',
    });
    expect(foreign.body.results[0]).toMatchObject({ ok: false, code: 'notFound', schoolName: null });

    const done = await batch('remind', [a], { reason: '请尽快开始填报' });
    expect(done.body.results[0]).toMatchObject({ ok: true, from: 'missing', to: 'draft', version: 1 });
    const chased = await bureau.get<{ items: ListItem[] }>(
      `/api/reports?year=${Z}&schoolId=${a.schoolId}&stage=${a.stage}`,
    );
    expect(chased.body.items[0]).toMatchObject({ status: 'draft', version: 1, reminders: 1 });
    expect((await auditOf('report.create')).at(-1)).toMatchObject({
      reason: '请尽快开始填报',
      actor: 'jiaoyuju',
    });

    // 代为填报 of a report never started: the bureau's first save creates it, with its reason.
    const path = `/api/reports/${b.schoolId}/${Z}/${b.stage}`;
    const blank = await bureau.get<{ version: number; status: string; actions: string[] }>(path);
    expect(blank.body).toMatchObject({ version: 0, status: 'draft', actions: ['proxySave', 'proxySubmit'] });
    const saved = await bureau.put<{ version: number; status: string; proxy: { reason: string } }>(path, {
      data: { students: 321 },
      version: 0,
      proxyReason: '学校未开始填报，电话核实后代填',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      status: 'draft',
      proxy: { reason: '学校未开始填报，电话核实后代填' },
    });
    // Without a reason the bureau cannot create a school's report.
    const noReason = await bureau.put<{ code: string }>(`/api/reports/${c.schoolId}/${Z}/${c.stage}`, {
      data: { students: 1 },
      version: 0,
    });
    expect(noReason.status).toBe(403);
    const cLeft = await bureau.get<{ items: ListItem[] }>(
      `/api/reports?year=${Z}&schoolId=${c.schoolId}&stage=${c.stage}`,
    );
    expect(cLeft.body.items[0]).toMatchObject({ status: 'missing' });
  });

  it('导入即审核 answers a dry run with the reports it would approve, and writes nothing', async () => {
    const fresh = Y + 2;
    const template = await bureau.get(`/api/templates/county.xlsx?year=${fresh}`);
    expect(template.status).toBe(200);
    const dry = await bureau.request<{
      dryRun: boolean;
      approved: number;
      approvedReports: { schoolName: string; stageName: string; fromName: string; toName: string }[];
    }>('POST', `/api/imports/county?year=${fresh}&approve=true&dryRun=true`, template.bytes, {
      'x-file-name': 'county.xlsx',
    });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.approved).toBeGreaterThan(0);
    expect(dry.body.approvedReports).toHaveLength(dry.body.approved);
    expect(dry.body.approvedReports[0]).toMatchObject({ fromName: '尚无报表', toName: '审核通过' });
    // Nothing written: every report of that year is still 未填报.
    const after = await bureau.get<{ items: ListItem[] }>(`/api/reports?year=${fresh}&pageSize=200`);
    expect(after.body.items.length).toBeGreaterThan(0);
    expect(after.body.items.filter((r) => r.status !== 'missing')).toEqual([]);
  });
});
