/**
 * The annual cycle through the HTTP API, as the people do it: the school fills in and submits,
 * the bureau returns with a comment on a field, the school corrects and resubmits, the bureau
 * approves; concurrent edits are refused; the import checks everything and writes nothing on an
 * error; the county is evaluated and published; reports lock; the public sees the result; every
 * step is in the audit log and the chain verifies.
 */
import type { Issue } from '@junheng/core';
import { testEngines } from '@junheng/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from '../platform/testing.js';

interface ReportBody {
  status: string;
  version: number;
  data: Record<string, number | null>;
  reviewComments: Record<string, string> | null;
  actions: string[];
}

const FULL = {
  students: 640,
  classes: 15,
  maxClassSize: 45,
  fullTimeTeachers: 42,
  aboveDegreeTeachers: 40,
  midTitleTeachers: 21,
  backboneTeachers: 6,
  peArtsTeachers: 7,
  teachingSpace: 3200,
  sportsSpace: 5400,
  equipmentValue: 1_650_000,
  multimediaRooms: 15,
  computers: 90,
  books: 25_000,
  musicRooms: 2,
  artRooms: 2,
};

describe.each(testEngines())('the annual cycle over HTTP on %s', (engine) => {
  let server: TestServer;
  let school: ApiClient;
  let bureau: ApiClient;
  let S: string;
  let Y: number;
  // A new school year: the school starts from nothing.
  let next: number;
  let path: string;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 8 });
    school = await server.as('tianbao');
    bureau = await server.as('jiaoyuju');
    S = (await school.get<{ user: { schoolId: string } }>('/api/auth/me')).body.user.schoolId;
    Y = server.seed.year;
    next = Y + 1;
    path = `/api/reports/${S}/${next}/primary`;
  });
  afterAll(async () => server?.close());

  it('lets the school create, fill in and submit its report; checks say what to fix', async () => {
    const blank = await school.get<ReportBody>(path);
    expect(blank.status).toBe(200);
    expect(blank.body).toMatchObject({ status: 'draft', version: 0, data: {}, actions: ['save', 'submit'] });
    // The bureau may fill in a report never started for the school (代为填报, issue 10 #23).
    expect((await bureau.get<ReportBody>(path)).body.actions).toEqual(['proxySave', 'proxySubmit']);
    // A 学段 the school does not have is not a report to start.
    expect((await school.get(`/api/reports/${S}/${next}/junior`)).status).toBe(404);
    const bad = await school.put(path, { data: { students: -5, classes: 2.5 }, version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalidRequest' });
    expect((bad.body as { details: Issue[] }).details).toEqual([
      {
        code: 'invalidField',
        path: 'data.students',
        message: expect.stringMatching(/^在校生数不能为负数/),
        fix: '请按提示改正该项后重新保存',
      },
      {
        code: 'invalidField',
        path: 'data.classes',
        message: expect.stringMatching(/^班级数应为整数/),
        fix: '请按提示改正该项后重新保存',
      },
    ]);
    const partial = await school.put<ReportBody>(path, { data: { students: 640 }, version: 0 });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: 'draft', data: { students: 640 } });
    expect(partial.body.actions).toEqual(expect.arrayContaining(['save', 'submit']));
    expect(partial.headers.get('etag')).toBe(`"v${partial.body.version}"`);
    const early = await school.post(`${path}/submit`, { version: partial.body.version });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('提交前请填写专任教师数（人）');
    const full = await school.put<ReportBody>(path, { data: FULL, version: partial.body.version });
    expect(full.status).toBe(200);
    const submitted = await school.post<ReportBody>(`${path}/submit`, { version: full.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.actions).toEqual([]);
    const edit = await school.put(path, { data: FULL, version: submitted.body.version });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'wrongState' });
  });

  it('lets the bureau return it with a comment on a field, and the school resubmit', async () => {
    const queue = await bureau.get<{ items: { schoolId: string; year: number; status: string }[] }>(
      `/api/reports?year=${next}&status=submitted`,
    );
    expect(queue.body.items.map((r) => r.schoolId)).toEqual([S]);
    const seen = (await bureau.get<ReportBody>(path)).body;
    expect(seen.actions).toEqual(expect.arrayContaining(['return', 'approve']));
    const noComment = await bureau.post(`${path}/return`, { version: seen.version, comments: [] });
    expect(noComment.status).toBe(400);
    expect(noComment.body).toMatchObject({ code: 'commentsRequired' });
    const returned = await bureau.post<ReportBody>(`${path}/return`, {
      version: seen.version,
      comments: [{ field: 'students', text: '与学籍系统 652 人不符，请核对' }],
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const mine = (await school.get<ReportBody>(path)).body;
    expect(mine.reviewComments).toEqual({ students: '与学籍系统 652 人不符，请核对' });
    const fixed = await school.put<ReportBody>(path, {
      data: { ...FULL, students: 652 },
      version: mine.version,
    });
    expect(fixed.status).toBe(200);
    const resubmitted = await school.post<ReportBody>(`${path}/submit`, { version: fixed.body.version });
    expect(resubmitted.body.status).toBe('submitted');
    const diff = await bureau.get<{ field: string; label: string; before: unknown; after: unknown }[]>(
      `${path}/diff?from=${seen.version}&to=${resubmitted.body.version}`,
    );
    expect(diff.body).toEqual([
      { field: 'students', label: '在校生数', unit: '人', before: 640, after: 652 },
    ]);
    const approved = await bureau.post<ReportBody>(`${path}/approve`, { version: resubmitted.body.version });
    expect(approved.body).toMatchObject({ status: 'approved', reviewComments: null });
    const versions = await bureau.get<{ version: number; status: string }[]>(`${path}/versions`);
    expect(versions.body.map((v) => v.status)).toEqual([
      'draft',
      'draft',
      'draft',
      'submitted',
      'returned',
      'returned',
      'submitted',
      'approved',
    ]);
  });

  it('refuses a save made on an old version instead of overwriting the newer one', async () => {
    const reopened = await bureau.post<ReportBody>(`${path}/reopen`, {
      version: (await bureau.get<ReportBody>(path)).body.version,
      reason: '学校申请更正图书册数',
    });
    expect(reopened.body.status).toBe('returned');
    const tabA = (await school.get<ReportBody>(path)).body;
    const tabB = (await school.get<ReportBody>(path)).body;
    const first = await school.put<ReportBody>(path, {
      data: { ...tabA.data, books: 26_000 },
      version: tabA.version,
    });
    expect(first.status).toBe(200);
    const second = await school.put(path, { data: { ...tabB.data, books: 24_000 }, version: tabB.version });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('版本'),
      details: { currentVersion: first.body.version, updatedByName: '清源县实验小学填报员' },
    });
    expect((await school.get<ReportBody>(path)).body.data.books).toBe(26_000);
  });

  it('lets the school import its own sheet only as registered and only while it may edit', async () => {
    const template = await school.get(`/api/templates/school/${S}?year=${next}`);
    expect(template.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('学校基本情况')!;
    const header = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const localityCol = header.indexOf('城乡类型');
    const registered = String(sheet.getRow(2).getCell(localityCol).value);
    sheet.getRow(2).getCell(localityCol).value = registered === '乡村' ? '城区' : '乡村';
    const relabelled = Buffer.from(await wb.xlsx.writeBuffer());
    const refused = await school.request('POST', `/api/imports/school/${S}?year=${next}`, relabelled, {
      'x-file-name': 'mine.xlsx',
    });
    expect(refused.status).toBe(422);
    expect((refused.body as { details: { column: string }[] }).details.map((d) => d.column)).toEqual([
      '城乡类型',
    ]);
    const ok = await school.request('POST', `/api/imports/school/${S}?year=${next}`, template.bytes, {
      'x-file-name': 'mine.xlsx',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ schools: 1, otherReports: [] });
    const r = (await school.get<ReportBody>(path)).body;
    const submitted = await school.post<ReportBody>(`${path}/submit`, { version: r.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const late = await school.request('POST', `/api/imports/school/${S}?year=${next}`, template.bytes, {
      'x-file-name': 'mine.xlsx',
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'wrongState', message: expect.stringContaining('不能再导入') });
    expect((await school.get<ReportBody>(path)).body.status).toBe('submitted');
  });

  it('imports the county workbook all-or-nothing through the API, with row and column in each error', async () => {
    const template = await bureau.get(`/api/templates/county.xlsx?year=${Y}`);
    expect(template.status).toBe(200);
    expect(template.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('学校基本情况')!;
    const header = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const studentsCol = header.findIndex((h) => h.startsWith('在校生数'));
    expect(studentsCol).toBeGreaterThan(0);
    // Row 3 is the second school row (row 2 is the first; the template has no example row when pre-filled).
    sheet.getRow(3).getCell(studentsCol).value = -12;
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await bureau.get<{ total: number }>(`/api/audit?pageSize=1`);
    const admin = await server.as('admin');
    const auditBefore = (await admin.get<{ total: number }>('/api/audit?pageSize=1')).body.total;
    const refused = await bureau.request('POST', `/api/imports/county?year=${Y}`, broken, {
      'x-file-name': encodeURIComponent('全县数据.xlsx'),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'importInvalid' });
    const errors = (
      refused.body as {
        details: {
          file: string;
          sheet: string;
          row: number;
          column: string;
          value: unknown;
          message: string;
        }[];
      }
    ).details;
    expect(errors).toEqual([
      expect.objectContaining({
        file: '全县数据.xlsx',
        sheet: '学校基本情况',
        row: 3,
        column: '在校生数（人）',
        value: -12,
      }),
    ]);
    expect(errors[0].message).toMatch(/负数/);
    expect((await admin.get<{ total: number }>('/api/audit?pageSize=1')).body.total).toBe(auditBefore);
    expect(before.status).toBe(403);
    // The untouched workbook goes in and is audited.
    const ok = await bureau.request('POST', `/api/imports/county?year=${Y}`, template.bytes, {
      'x-file-name': 'county.xlsx',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ file: 'county.xlsx', schools: 8 });
    const audit = await admin.get<{ items: { action: string }[] }>('/api/audit?pageSize=5');
    expect(audit.body.items.map((e) => e.action)).toContain('import.county');
  });

  it('runs an evaluation, refuses to publish with reports outstanding, publishes once all are approved, and locks them', async () => {
    const run = await bureau.post<{ runs: { id: number; standard: string; verdict: string }[] }>(
      '/api/evaluations',
      {
        year: Y,
        standard: 'both',
      },
    );
    expect(run.status).toBe(200);
    expect(run.body.runs.map((r) => r.standard)).toEqual(['basic', 'quality']);
    const refused = await bureau.post(`/api/evaluations/${run.body.runs[1].id}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'reportsOutstanding' });
    const outstanding = (refused.body as { details: { schoolId: string; stage: string; status: string }[] })
      .details;
    expect(outstanding.length).toBeGreaterThan(0);
    // Every school submits (accounts created by the administrator), the bureau approves.
    const admin = await server.as('admin');
    for (const o of outstanding) {
      const username = `tb${o.schoolId}`;
      const created = await admin.post('/api/users', {
        username,
        displayName: `${o.schoolId} 填报员`,
        role: 'school',
        schoolId: o.schoolId,
        password: 'Fill#In2025now',
      });
      expect([200, 409]).toContain(created.status);
      const clerk = await new ApiClient(server.url).login(username, 'Fill#In2025now');
      const p = `/api/reports/${o.schoolId}/${Y}/${o.stage}`;
      let r = (await bureau.get<ReportBody>(p)).body;
      if (r.status !== 'submitted' && clerk) {
        const sub = await clerk.post<ReportBody>(`${p}/submit`, { version: r.version });
        expect(sub.status, JSON.stringify(sub.body)).toBe(200);
        r = sub.body;
      }
      const ap = await bureau.post<ReportBody>(`${p}/approve`, { version: r.version });
      expect(ap.status, JSON.stringify(ap.body)).toBe(200);
    }
    const rerun = await bureau.post<{ runs: { id: number }[] }>('/api/evaluations', {
      year: Y,
      standard: 'both',
    });
    const quality = rerun.body.runs[1].id;
    const published = await bureau.post<{ run: { publishedAt: string }; lockedReports: unknown[] }>(
      `/api/evaluations/${quality}/publish`,
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.run.publishedAt).toBeTruthy();
    expect(published.body.lockedReports.length).toBe(
      (await bureau.get<{ total: number }>(`/api/reports?year=${Y}&status=locked`)).body.total,
    );
    const again = await bureau.post(`/api/evaluations/${quality}/publish`);
    expect(again.status).toBe(409);
    const lockedPath = `/api/reports/${S}/${Y}/primary`;
    const locked = (await school.get<ReportBody>(lockedPath)).body;
    expect(locked.status).toBe('locked');
    expect(locked.actions).toEqual([]);
    expect((await school.put(lockedPath, { data: FULL, version: locked.version })).status).toBe(409);
    // The public page shows it, without logging in; the Word report downloads and is audited.
    const pub = await server
      .anonymous()
      .get<{ verdicts: { quality: { runId: number } } }>(
        `/api/public/results/${server.seed.countyCode}/${Y}`,
      );
    expect(pub.status).toBe(200);
    expect(pub.body.verdicts.quality.runId).toBe(quality);
    const docx = await bureau.get(`/api/evaluations/${quality}/report.docx`);
    expect(docx.status).toBe(200);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
    const audit = await admin.get<{ items: { action: string }[] }>('/api/audit?pageSize=10');
    expect(audit.body.items[0].action).toBe('export.evaluation.docx');
    // The published year's county items are frozen with it.
    const items = await bureau.get<{ itemId: string; input: string }[]>(`/api/county-inputs?year=${Y}`);
    const numeric = items.body.find((i) => i.input === 'number')!;
    const frozen = await bureau.put(`/api/county-inputs?year=${Y}`, {
      items: [{ itemId: numeric.itemId, value: 1 }],
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body).toMatchObject({ code: 'wrongState', message: expect.stringContaining('已公示') });
    const chain = await admin.get<{ ok: boolean; events: number }>('/api/audit/verify');
    expect(chain.body.ok).toBe(true);
    expect(chain.body.events).toBeGreaterThan(20);
  });

  it('starts a new school year from the latest sheet, approves on import, and can publish at once', async () => {
    const fresh = Y + 2;
    const template = await bureau.get(`/api/templates/county.xlsx?year=${fresh}`);
    expect(template.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
    // The sheet is last year's figures, relabelled to the new year.
    const info = wb.getWorksheet('县域信息')!;
    const cells: string[] = [];
    info.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.join(' ')).toContain(String(fresh));
    const imported = await bureau.request(
      'POST',
      `/api/imports/county?year=${fresh}&approve=true`,
      template.bytes,
      {
        'x-file-name': 'new-year.xlsx',
      },
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const body = imported.body as { reportsCreated: number; approved: number };
    expect(body.approved).toBe(body.reportsCreated);
    const notApproved = await bureau.get<{ total: number }>(
      `/api/reports?year=${fresh}&status=draft&status=submitted&status=returned`,
    );
    expect(notApproved.body.total).toBe(0);
    const versions = await bureau.get<{ status: string }[]>(`/api/reports/${S}/${fresh}/primary/versions`);
    expect(versions.body.map((v) => v.status)).toEqual(['draft', 'submitted', 'approved']);
    const runs = await bureau.post<{ runs: { id: number }[] }>('/api/evaluations', {
      year: fresh,
      standard: 'basic',
    });
    const published = await bureau.post(`/api/evaluations/${runs.body.runs[0].id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    // A school user cannot approve through an import.
    const own = await school.request(
      'POST',
      `/api/imports/county?year=${fresh}&approve=true`,
      template.bytes,
      {
        'x-file-name': 'x.xlsx',
      },
    );
    expect(own.status).toBe(404);
  });

  it('lets a user change their own password, which ends their other sessions', async () => {
    const a = await server.as('duxue');
    const b = await server.as('duxue');
    const weak = await a.post('/api/auth/password', {
      oldPassword: 'Qingyuan#2025',
      newPassword: '12345678901',
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: 'weakPassword' });
    const wrongOld = await a.post('/api/auth/password', {
      oldPassword: 'nope-nope-1',
      newPassword: 'Brand#New2026x',
    });
    expect(wrongOld.status).toBe(400);
    const changed = await a.post('/api/auth/password', {
      oldPassword: 'Qingyuan#2025',
      newPassword: 'Brand#New2026x',
    });
    expect(changed.status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    const audit = await (await server.as('admin')).get<{ items: { action: string }[] }>(
      '/api/audit?entity=app_user',
    );
    expect(audit.body.items.map((e) => e.action)).toContain('user.changePassword');
    expect(JSON.stringify(audit.body)).not.toContain('Brand#New2026x');
    await server.as('duxue').then(
      () => expect.unreachable('old password still works'),
      (e: Error) => expect(e.message).toContain('401'),
    );
  });
});
