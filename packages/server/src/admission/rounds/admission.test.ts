/**
 * 招生申请 over HTTP: the bureau creates a round, enters and imports applicants (an import with an
 * error writes nothing and names row/column/value), publishes the list (one lottery draw), the draw
 * is conducted, the bureau admits; inspectors and the city see aggregates only, a school sees the
 * children placed at it, masked.
 */
import { residentIdCheckChar } from '@junheng/core';
import { testEngines } from '@junheng/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorResponse } from '../../platform/errors.js';
import { type ApiClient, startTestServer, type TestServer } from '../../platform/testing.js';

function idNumber(seq: number): string {
  const body = `13066020190901${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

interface Round {
  id: number;
  version: number;
  status: string;
  drawId: number | null;
  schools: { schoolId: string; schoolName: string; places: number }[];
}

describe.each(testEngines())('招生申请 over HTTP on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let clerk: ApiClient;
  let inspector: ApiClient;
  let city: ApiClient;
  let mySchool: string;
  let other: { id: string; name: string };
  let round: Round;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 12 });
    bureau = await server.as('jiaoyuju');
    clerk = await server.as('tianbao');
    inspector = await server.as('duxue');
    city = await server.as('shiju');
    mySchool = (await clerk.get<{ user: { schoolId: string } }>('/api/auth/me')).body.user.schoolId;
    const schools = await bureau.get<{ items: { id: string; name: string; type: string }[] }>(
      `/api/schools?pageSize=100&year=${server.seed.year}`,
    );
    const o = schools.body.items.find(
      (s) => (s.type === 'primary' || s.type === 'nineYear') && s.id !== mySchool,
    )!;
    other = { id: o.id, name: o.name };
  });
  afterAll(async () => server?.close());

  const applicant = (name: string, seq: number, more: Record<string, unknown> = {}) => ({
    name,
    idNumber: idNumber(seq),
    guardianName: '王建国',
    phone: '13912345678',
    areaName: '幸福小区',
    zoneSchoolId: mySchool,
    category: 'hukou',
    migrantEligible: false,
    specialNeeds: null,
    siblingAtSchool: false,
    familyKey: null,
    choices: [],
    ...more,
  });

  it('lets the bureau create a round; others may not', async () => {
    const body = {
      year: 2026,
      stage: 'primary',
      title: '2026年清源县小学招生（测试）',
      places: [
        { schoolId: mySchool, places: 2 },
        { schoolId: other.id, places: 4 },
      ],
    };
    const r = await bureau.post<Round>('/api/admission/rounds', body);
    expect(r.status).toBe(200);
    round = r.body;
    expect((await inspector.post('/api/admission/rounds', { ...body, countyCode: '130660' })).status).toBe(
      403,
    );
    expect((await clerk.post('/api/admission/rounds', { ...body, countyCode: '130660' })).status).toBe(404);
    expect((await inspector.get(`/api/admission/rounds/${round.id}`)).status).toBe(200);
    expect((await clerk.get(`/api/admission/rounds/${round.id}`)).status).toBe(404);
  });

  it('adds an applicant (masked in lists, full only when read, audited)', async () => {
    const a = await bureau.post<{ id: number; nameMasked: string; ticket: string }>(
      `/api/admission/rounds/${round.id}/applicants`,
      applicant('张小明', 11, { category: 'hukouProperty' }),
    );
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ nameMasked: '张*明', ticket: '2026-000001' });
    const list = await bureau.get<{ items: Record<string, unknown>[]; total: number }>(
      `/api/admission/rounds/${round.id}/applicants`,
    );
    expect(list.body.total).toBe(1);
    expect(JSON.stringify(list.body)).not.toContain('张小明');
    const full = await bureau.get<{ name: string; secret: string }>(`/api/admission/applicants/${a.body.id}`);
    expect(full.body.name).toBe('张小明');
    const admin = await server.as('admin');
    const audit = await admin.get<{ items: { action: string }[] }>('/api/audit?pageSize=5');
    expect(audit.body.items.map((e) => e.action)).toContain('applicant.read');
    const bad = await bureau.post<{ code: string; message: string }>(
      `/api/admission/rounds/${round.id}/applicants`,
      applicant('李四', 12, { idNumber: '130660201909010121' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('“身份证号”校验位不正确');
    for (const who of [inspector, city]) {
      expect((await who.get(`/api/admission/rounds/${round.id}/applicants`)).status).toBe(403);
      expect((await who.get(`/api/admission/applicants/${a.body.id}`)).status).toBe(404);
      expect((await who.get(`/api/admission/rounds/${round.id}/applicants/export.xlsx`)).status).toBe(403);
    }
  });

  it('imports from the template: an error writes nothing and names row, column, value; then all rows', async () => {
    const t = await bureau.get(`/api/admission/rounds/${round.id}/template.xlsx`);
    expect(t.status).toBe(200);
    expect(t.headers.get('content-disposition')).toContain('.xlsx');
    const fill = async (rows: (string | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(t.bytes as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('申请人')!;
      rows.forEach((r, k) => {
        ws.getRow(k + 2).values = r;
        ws.getRow(k + 2).commit();
      });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    // 姓名, 身份证号, 性别, 监护人, 联系电话, 居住地址, 居住小区/村, 划片学校, 类别, 随迁, 特殊需要, 同校, 同户编号, 志愿1-3
    const rows = [
      [
        '周一',
        idNumber(21),
        null,
        '周建',
        '13800000001',
        null,
        '幸福小区',
        mySchool,
        '户籍',
        null,
        null,
        null,
        'T1',
      ],
      [
        '周二',
        idNumber(23),
        null,
        '周建',
        '13800000001',
        null,
        '幸福小区',
        mySchool,
        '户籍',
        null,
        null,
        null,
        'T1',
      ],
      [
        '吴明',
        idNumber(25),
        null,
        '吴建',
        '13800000002',
        null,
        '阳光花园',
        mySchool,
        '户籍',
        null,
        null,
        null,
        null,
        other.name,
      ],
      ['马丽', idNumber(26), null, '马建', '13800000003', null, '城南村', null, '居住证随迁子女', '是'],
    ];
    const broken = rows.map((r) => [...r]);
    broken[2]![1] = `${idNumber(25).slice(0, 17)}${idNumber(25).endsWith('0') ? '1' : '0'}`;
    const up = (bytes: Buffer, name: string) =>
      bureau.request<{
        code: string;
        details: { row: number; column: string; value: unknown; message: string }[];
      }>('POST', `/api/admission/rounds/${round.id}/applicants/import`, bytes, {
        'x-file-name': encodeURIComponent(name),
      });
    const none = await up(Buffer.alloc(0), '申请名单.xlsx');
    expect(none.status).toBe(400);
    expect((none.body as unknown as { message: string }).message).toContain(
      '没有收到文件：请选择填好的招生申请模板（.xlsx）',
    );
    const r1 = await up(await fill(broken), '申请名单.xlsx');
    expect(r1.status).toBe(422);
    expect(r1.body.code).toBe('importInvalid');
    expect((r1.body as unknown as { message: string }).message).toBe(
      '文件 申请名单.xlsx 有 1 处错误，未导入任何申请人：请按列表逐条修改后重新导入',
    );
    expect(r1.body.details).toEqual([
      expect.objectContaining({
        file: '申请名单.xlsx',
        sheet: '申请人',
        row: 4,
        column: '身份证号',
        value: broken[2]![1],
      }),
    ]);
    expect(
      (await bureau.get<{ total: number }>(`/api/admission/rounds/${round.id}/applicants`)).body.total,
    ).toBe(1);
    // A child already entered: caught against the round, nothing written either.
    const again = await up(
      await fill([
        ...rows,
        ['张晓明', idNumber(11), null, '张建', '13800000009', null, null, mySchool, '户籍'],
      ]),
      '申请名单.xlsx',
    );
    expect(again.status).toBe(422);
    expect(again.body.details).toEqual([
      expect.objectContaining({
        row: 6,
        column: '身份证号',
        message: expect.stringContaining('2026-000001'),
      }),
    ]);
    const r2 = await up(await fill(rows), '申请名单.xlsx');
    expect(r2.status).toBe(200);
    expect(r2.body).toMatchObject({ created: 4, firstTicket: '2026-000002', lastTicket: '2026-000005' });
  });

  it('refuses a stale version with 409 and freezes the list once the draw is committed', async () => {
    const list = await bureau.get<{ items: { id: number; version: number; ticket: string }[] }>(
      `/api/admission/rounds/${round.id}/applicants`,
    );
    const first = list.body.items[0]!;
    const u1 = await bureau.put(`/api/admission/applicants/${first.id}`, {
      ...applicant('张小明', 11, { category: 'hukouProperty', areaName: '新区' }),
      version: first.version,
    });
    expect(u1.status).toBe(200);
    const u2 = await bureau.put<{ code: string }>(`/api/admission/applicants/${first.id}`, {
      ...applicant('张小明', 11),
      version: first.version,
    });
    expect(u2.status).toBe(409);
    expect(u2.body.code).toBe('conflict');

    // The version the round was created at: applicants were added and imported since, so a commit
    // naming it did not review the current list.
    const old = await bureau.post<{ code: string; message: string }>(
      `/api/admission/rounds/${round.id}/commit`,
      {
        version: round.version,
      },
    );
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('conflict');
    expect(old.body.message).toContain('请刷新后再改');
    const current = (await bureau.get<Round>(`/api/admission/rounds/${round.id}`)).body;
    expect(current.version).toBeGreaterThan(round.version);
    expect(current.status).toBe('open');
    expect(
      (await inspector.post(`/api/admission/rounds/${round.id}/commit`, { version: current.version })).status,
    ).toBe(403);
    const c = await bureau.post<{
      round: Round;
      draw: { id: number; entryCount: number; commitment: string };
    }>(`/api/admission/rounds/${round.id}/commit`, { version: current.version });
    expect(c.status).toBe(200);
    expect(c.body.draw.entryCount).toBe(4); // 5 children, the twins share one entry
    round = c.body.round;
    const frozen = await bureau.post<{ code: string }>(
      `/api/admission/rounds/${round.id}/applicants`,
      applicant('新来', 41),
    );
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('wrongState');
    const early = await bureau.post<{ message: string }>(`/api/admission/rounds/${round.id}/admit`, {
      version: round.version,
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('尚未进行');
  });

  it('admits after the draw; a school sees only its placed children, masked', async () => {
    const d = await bureau.post(`/api/lottery/draws/${round.drawId}/draw`, {
      seed: '27182818284590452353602874713527',
      operatorName: '李操作',
      witnesses: [{ name: '王公证', role: '公证员' }],
      place: '清源县教育局会议室',
    });
    expect(d.status).toBe(200);
    const r = await bureau.post<{
      round: Round;
      schools: {
        schoolId: string;
        capacity: number;
        zoneAdmitted: number;
        assigned: number;
        cutOff: { categoryId: string } | null;
        lotteryUsed: boolean;
      }[];
      migrants: { eligible: number; placed: number };
    }>(`/api/admission/rounds/${round.id}/admit`, { version: round.version });
    expect(r.status).toBe(200);
    const mine = r.body.schools.find((s) => s.schoolId === mySchool)!;
    // 2 places; zone: 张小明 (类别1), 吴明 + twins 周一/周二 (户籍): cut-off at 户籍, lottery used.
    expect(mine).toMatchObject({ capacity: 2, cutOff: { categoryId: 'hukou' }, lotteryUsed: true });
    expect(mine.zoneAdmitted + mine.assigned).toBeLessThanOrEqual(2);
    expect(r.body.migrants).toEqual({ eligible: 1, placed: 1 });

    const all = await bureau.get<{
      items: { id: number; ticket: string; placementSchoolId: string | null }[];
    }>(`/api/admission/rounds/${round.id}/applicants?pageSize=50`);
    const atMine = all.body.items.filter((x) => x.placementSchoolId === mySchool).map((x) => x.ticket);
    const seen = await clerk.get<{ items: { ticket: string; nameMasked: string }[] }>(
      `/api/admission/rounds/${round.id}/applicants?pageSize=50`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((x) => x.ticket)).toEqual(atMine);
    expect(JSON.stringify(seen.body)).not.toMatch(/周一|周二|吴明|张小明/);
    const res = await clerk.get<{ schools: { schoolId: string }[]; pending: number | null }>(
      `/api/admission/rounds/${round.id}/results`,
    );
    expect(res.body.schools.map((s) => s.schoolId)).toEqual([mySchool]);
    expect(res.body.pending).toBeNull();
    const agg = await inspector.get<{ schools: unknown[] }>(`/api/admission/rounds/${round.id}/results`);
    expect(agg.status).toBe(200);
    expect(agg.body.schools).toHaveLength(2);
    const exp = await bureau.get(`/api/admission/rounds/${round.id}/applicants/export.xlsx`);
    expect(exp.status).toBe(200);
    // The bureau's export prints each family's ticket and 核验码: the twins share both.
    const sheet = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('申请人')!;
      const headers = (ws.getRow(2).values as string[]).slice(1);
      const rows: Record<string, unknown>[] = [];
      for (let i = 3; i <= ws.rowCount; i++) {
        const v = (ws.getRow(i).values as unknown[]).slice(1);
        rows.push(Object.fromEntries(headers.map((h, k) => [h, v[k]])));
      }
      return { headers, rows };
    };
    const bureauSheet = await sheet(exp.bytes);
    const twinRows = bureauSheet.rows.filter((x) => x['多胞胎/同户编号'] === 'T1');
    expect(twinRows).toHaveLength(2);
    expect(twinRows[1]!.派位编号).toBe(twinRows[0]!.申请编号);
    expect(twinRows[1]!.核验码).toBe(twinRows[0]!.核验码);
    expect(String(twinRows[0]!.核验码)).toMatch(/^[0-9a-f]{32}$/);
    // A school gets its children's records without any 核验码.
    const placedHere = all.body.items.find((x) => x.placementSchoolId === mySchool)!;
    const seenFull = await clerk.get<{ name: string; secret: string | null }>(
      `/api/admission/applicants/${placedHere.id}`,
    );
    expect(seenFull.status).toBe(200);
    expect(seenFull.body.secret).toBeNull();
    const schoolExp = await clerk.get(`/api/admission/rounds/${round.id}/applicants/export.xlsx`);
    expect(schoolExp.status).toBe(200);
    const schoolSheet = await sheet(schoolExp.bytes);
    expect(schoolSheet.headers).not.toContain('核验码');
    expect(schoolSheet.rows.map((x) => x.申请编号)).toEqual(atMine);
    const admin = await server.as('admin');
    const audit = await admin.get<{ items: { action: string }[] }>('/api/audit?pageSize=20');
    expect(audit.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'applicant.export',
        'admissionRound.admit',
        'admissionRound.commit',
        'applicant.import',
      ]),
    );
  });

  it('exports to each role exactly the columns its rules grant: masked for a principal, full for the clerk and bureau', async () => {
    // README: a school gets its admitted list masked; full records only where a rule grants
    // viewPersonal (the bureau; the school's clerk for 学籍, not the principal), every read audited.
    const principal = await server.as('xiaozhang');
    const PERSONAL = ['姓名', '身份证号', '监护人', '联系电话', '居住地址'];
    const expected: Record<string, { secret: boolean; personal: boolean }> = {
      jiaoyuju: { secret: true, personal: true },
      tianbao: { secret: false, personal: true },
      xiaozhang: { secret: false, personal: false },
    };
    const clients: Record<string, ApiClient> = { jiaoyuju: bureau, tianbao: clerk, xiaozhang: principal };
    for (const [user, want] of Object.entries(expected)) {
      const res = await clients[user]!.get(`/api/admission/rounds/${round.id}/applicants/export.xlsx`);
      expect(res.status, user).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.bytes as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('申请人')!;
      const title = String(ws.getRow(1).getCell(1).value);
      const headers = (ws.getRow(2).values as string[]).slice(1);
      const rows: Record<string, string>[] = [];
      for (let i = 3; i <= ws.rowCount; i++) {
        const v = (ws.getRow(i).values as unknown[]).slice(1);
        rows.push(Object.fromEntries(headers.map((h, k) => [h, v[k] == null ? '' : String(v[k])])));
      }
      expect(rows.length, user).toBeGreaterThan(0);
      expect(headers.includes('核验码'), user).toBe(want.secret);
      const text = JSON.stringify(rows);
      if (want.personal) {
        expect(headers, user).toEqual(expect.arrayContaining(PERSONAL));
        expect(title, user).toContain('含学生个人信息');
        for (const r of rows) expect(r.身份证号, user).toMatch(/^\d{17}[\dX]$/);
      } else {
        expect(title, user).toContain('脱敏');
        expect(headers, user).not.toContain('居住地址');
        expect(headers, user).toEqual(
          expect.arrayContaining(['姓名（脱敏）', '身份证号（脱敏）', '监护人（脱敏）', '联系电话（脱敏）']),
        );
        for (const r of rows) {
          expect(r['姓名（脱敏）'], user).toContain('*');
          expect(r['身份证号（脱敏）'], user).toMatch(/^\*{16}\d[\dX]$/);
          expect(r['联系电话（脱敏）'], user).toMatch(/^\d{3}\*{4}\d{4}$/);
        }
        expect(text, user).not.toMatch(/\d{17}[\dX]|13912345678|王建国/);
      }
    }
    // The principal reads the masked list, not a child's full record; the clerk may (audited).
    const mine = await principal.get<{ items: { id: number; nameMasked: string }[] }>(
      `/api/admission/rounds/${round.id}/applicants?pageSize=50`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    const full = await principal.get(`/api/admission/applicants/${mine.body.items[0]!.id}`);
    expect(full.status).toBe(403);
    expect(JSON.stringify(full.body)).toMatch(/学校填报员/);
    expect((await clerk.get(`/api/admission/applicants/${mine.body.items[0]!.id}`)).status).toBe(200);
    const detail = await principal.get<{ canViewPersonal: boolean; canViewApplicants: boolean }>(
      `/api/admission/rounds/${round.id}`,
    );
    expect(detail.body.canViewPersonal).toBe(false);
    expect(
      (await clerk.get<{ canViewPersonal: boolean }>(`/api/admission/rounds/${round.id}`)).body
        .canViewPersonal,
    ).toBe(true);
  });
});

describe('database trigger errors', () => {
  it('answers the admission freeze (JH009) with 409 wrongState in Chinese, not a 500', () => {
    const r = toErrorResponse(Object.assign(new Error('applicant: round 1 is committed'), { code: 'JH009' }));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('wrongState');
    expect(r.body.message).toContain('已冻结');
    expect(r.serverFault).toBe(false);
  });
});
