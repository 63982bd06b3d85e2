/**
 * 均衡分班 and 指标到校 through the HTTP API, against a running server with the demo county: the
 * school's own 分班 from import to published masked lists and the head-teacher draw, and the
 * bureau's quota allocation with its live preview, versions and Excel table.
 */
import { testEngines } from '@junheng/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../accounts/accountCreation.js';
import { type ApiClient, startTestServer, type TestServer } from '../../platform/testing.js';

interface View {
  id: number;
  version: number;
  status: string;
  classCount: number;
  classNames: string[];
  detail: 'full' | 'aggregate' | 'lists';
  headTeacherDrawId: number | null;
  roster: { maskedName: string; specialNeeds: boolean }[] | null;
  assignment: Record<string, number> | null;
  report: {
    allHonoured: boolean;
    classes: { size: number; male: number; specialNeeds: number; leftBehind: number }[];
    hasScores: boolean;
    constraints: { code: string; members: string[]; classes: string[] }[];
  } | null;
  classLists: { name: string; students: { maskedName: string }[] }[] | null;
}

async function entrantsFile(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('新生名单');
  ws.addRow(['姓名', '性别', '入学成绩', '随班就读', '留守儿童', '同班组', '分开组']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(testEngines())('均衡分班 and 指标到校 API on %s', (engine) => {
  let server: TestServer;
  let school: ApiClient;
  let bureau: ApiClient;
  let inspector: ApiClient;
  let S: string;
  let Y: number;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 12 });
    Y = server.seed.year;
    school = await server.as('tianbao');
    bureau = await server.as('jiaoyuju');
    inspector = await server.as('duxue');
    S = (await school.get<{ user: { schoolId: string } }>('/api/auth/me')).body.user.schoolId;
  });
  afterAll(() => server?.close());

  it('a school imports its entrants, runs, publishes, and downloads the masked lists', async () => {
    const names = ['王大明', '王小明', '李四', '张三丰', '刘一', '陈二', '赵甲', '赵乙'];
    const bytes = await entrantsFile(
      names.map((n, i) => [
        n,
        i % 2 ? '女' : '男',
        null,
        i === 2 ? '是' : null,
        null,
        i < 2 ? 'A1' : null,
        i > 5 ? 'B1' : null,
      ]),
    );
    const imp = await school.request<View & { warnings: string[] }>(
      'POST',
      `/api/classes/import?schoolId=${S}&year=${Y}&classCount=2`,
      bytes,
      { 'x-file-name': encodeURIComponent('新生名单.xlsx') },
    );
    expect(imp.status).toBe(200);
    expect(imp.body.roster!.map((r) => r.maskedName)).toContain('张*丰');
    expect(JSON.stringify(imp.body)).not.toContain('张三丰');
    const run = await school.post<View>(`/api/classes/${imp.body.id}/run`, { version: 1 });
    expect(run.status).toBe(200);
    expect(run.body.report!.classes.map((c) => c.size)).toEqual([4, 4]);
    expect(run.body.report!.hasScores).toBe(false);
    expect(run.body.report!.allHonoured).toBe(true);
    // Stale version: 409 with a Chinese message.
    const stale = await school.post<{ code: string; message: string }>(`/api/classes/${imp.body.id}/run`, {
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('已被他人修改');
    // Not published yet: no public lists.
    expect((await school.get(`/api/classes/${imp.body.id}/lists.xlsx`)).status).toBe(409);
    const pub = await school.post<View>(`/api/classes/${imp.body.id}/publish`, { version: run.body.version });
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    const file = await school.get(`/api/classes/${imp.body.id}/lists.xlsx`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat()).join(' ');
    expect(text).toContain('张*丰');
    for (const n of names) expect(text).not.toContain(n);
    // Another school's users and the neighbouring county do not see it; inspectors read it only.
    const list = await bureau.get<{ id: number }[]>(`/api/classes?year=${Y}`);
    expect(list.body.map((p) => p.id)).toContain(imp.body.id);
    expect(
      (await inspector.post(`/api/classes/${imp.body.id}/run`, { version: pub.body.version })).status,
    ).toBe(403);
  });

  it('import errors: 422 with row, column, value and fix; nothing written', async () => {
    const before = (await bureau.get<unknown[]>(`/api/classes?year=${Y}`)).body.length;
    const bytes = await entrantsFile([
      ['王五', '男生', 90],
      ['', '女', 80],
    ]);
    const r = await school.request<{
      code: string;
      message: string;
      details: { row: number; column: string }[];
    }>('POST', `/api/classes/import?schoolId=${S}&year=${Y}&classCount=2`, bytes, {
      'x-file-name': 'bad.xlsx',
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('importInvalid');
    expect(r.body.message).toContain('2 处错误');
    expect(r.body.details.map((e) => [e.row, e.column])).toEqual([
      [2, '性别'],
      [3, '姓名'],
    ]);
    expect((await bureau.get<unknown[]>(`/api/classes?year=${Y}`)).body.length).toBe(before);
  });

  it('the demo cohort, the head-teacher draw after 公示 only, and 404 for another school', async () => {
    // Another year: S's placement of Y was published above, and one per grade and year is.
    const created = await school.post<View>('/api/classes', {
      schoolId: S,
      year: Y + 1,
      classCount: 3,
      demo: { students: 90 },
    });
    expect(created.status).toBe(200);
    const run = await school.post<View>(`/api/classes/${created.body.id}/run`, {
      version: created.body.version,
    });
    const males = run.body.report!.classes.map((c) => c.male);
    expect(Math.max(...males) - Math.min(...males)).toBeLessThanOrEqual(1);
    expect((await school.get(`/api/classes/${created.body.id}/head-teachers`)).body).toBeNull();
    const teachers = ['王老师', '李老师', '张老师'];
    // Not published: the children could still be moved, so no draw yet.
    const early = await school.post<{ code: string; message: string }>(
      `/api/classes/${created.body.id}/head-teachers`,
      { version: run.body.version, teachers },
    );
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('请先公示分班结果');
    const pub = await school.post<View>(`/api/classes/${created.body.id}/publish`, {
      version: run.body.version,
    });
    expect(pub.status).toBe(200);
    const draw = await school.post<{ drawId: number; version: number }>(
      `/api/classes/${created.body.id}/head-teachers`,
      { version: pub.body.version, teachers },
    );
    expect(draw.status).toBe(200);
    // After the draw: no re-run, no renamed classes, no second draw, no second published placement.
    for (const body of [{}, { seed: 'another' }, { classNames: ['甲班', '乙班', '丙班'] }]) {
      const r = await school.post<{ code: string }>(`/api/classes/${created.body.id}/run`, {
        version: draw.body.version,
        ...body,
      });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('wrongState');
    }
    expect(
      (
        await bureau.post(`/api/classes/${created.body.id}/head-teachers`, {
          version: draw.body.version,
          teachers,
        })
      ).status,
    ).toBe(409);
    const again = await school.post<View>('/api/classes', {
      schoolId: S,
      year: Y + 1,
      classCount: 3,
      demo: { students: 90 },
    });
    const rerun = await school.post<View>(`/api/classes/${again.body.id}/run`, { version: 1, seed: 'suits' });
    const second = await school.post<{ message: string }>(`/api/classes/${again.body.id}/publish`, {
      version: rerun.body.version,
    });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(`已公示分班方案 ${created.body.id}`);
    expect((await school.get<View>(`/api/classes/${created.body.id}`)).body.headTeacherDrawId).toBe(
      draw.body.drawId,
    );
    const table = await school.get<{ drawId: number; rows: unknown }>(
      `/api/classes/${created.body.id}/head-teachers`,
    );
    expect(table.body).toMatchObject({ drawId: draw.body.drawId, rows: null });
    // A school of another county's bureau: hidden.
    const other = await server.anonymous();
    expect((await other.get(`/api/classes/${created.body.id}`)).status).toBe(401);
    const { rows } = await server.db.query<{ id: string }>(
      `SELECT id FROM school WHERE id <> $1 AND type = 'junior' ORDER BY id LIMIT 1`,
      [S],
    );
    const foreign = await bureau.post<View>('/api/classes', {
      schoolId: rows[0]!.id,
      year: Y,
      classCount: 2,
      demo: { students: 20 },
    });
    expect(foreign.status).toBe(200);
    expect((await school.get(`/api/classes/${foreign.body.id}`)).status).toBe(404);
    expect((await school.post(`/api/classes/${foreign.body.id}/run`, { version: 1 })).status).toBe(404);
  });

  it('each viewer gets only what it may see of a published placement', async () => {
    const { rows } = await server.db.query<{ id: string }>(
      `SELECT id FROM school WHERE id <> $1 AND status = 'open' ORDER BY id LIMIT 1`,
      [S],
    );
    await createUser(server.db, {
      username: 'qitaxuexiao',
      password: 'Qingyuan#2025',
      displayName: '另一所学校填报员',
      role: 'school',
      schoolId: rows[0]!.id,
    });
    const bytes = await entrantsFile(
      ['王大明', '王小明', '李四', '张三丰', '刘一', '陈二'].map((n, i) => [
        n,
        i % 2 ? '女' : '男',
        null,
        i === 3 ? '是' : null,
        i === 4 ? '是' : null,
        i < 2 ? 'A1' : null,
        null,
      ]),
    );
    const imp = await school.request<View>(
      'POST',
      `/api/classes/import?schoolId=${S}&year=${Y + 2}&classCount=2`,
      bytes,
      { 'x-file-name': 'n.xlsx' },
    );
    const run = await school.post<View>(`/api/classes/${imp.body.id}/run`, { version: 1 });
    expect(
      (await school.post(`/api/classes/${imp.body.id}/publish`, { version: run.body.version })).status,
    ).toBe(200);
    const seen = async (who: string) => {
      const r = await (await server.as(who)).get<View>(`/api/classes/${imp.body.id}`);
      expect(r.status, who).toBe(200);
      return r.body;
    };
    // The school and its county bureau: each child's flags (masked names).
    for (const who of ['tianbao', 'xiaozhang', 'jiaoyuju']) {
      const v = await seen(who);
      expect(v.detail, who).toBe('full');
      expect(v.roster!.filter((r) => r.specialNeeds).map((r) => r.maskedName)).toEqual(['张*丰']);
      expect(v.report!.constraints[0]!.members).toEqual(['王*明', '王*明']);
    }
    // Inspectors, the city, the admin: per-class figures, no child.
    for (const who of ['duxue', 'shiju', 'admin']) {
      const v = await seen(who);
      expect(v.detail, who).toBe('aggregate');
      expect(v.roster, who).toBeNull();
      expect(v.assignment, who).toBeNull();
      expect(v.report!.classes.reduce((a, c) => a + c.specialNeeds, 0)).toBe(1);
      expect(v.report!.classes.reduce((a, c) => a + c.leftBehind, 0)).toBe(1);
      expect(v.report!.constraints).toEqual([
        expect.objectContaining({ code: 'A1', members: [], classes: [] }),
      ]);
    }
    // Anyone else signed in (another school): the masked lists only.
    const v = await seen('qitaxuexiao');
    expect(v.detail).toBe('lists');
    expect(v.report).toBeNull();
    expect(v.roster).toBeNull();
    expect(
      v
        .classLists!.flatMap((l) => l.students)
        .map((x) => x.maskedName)
        .sort(),
    ).toEqual(['王*明', '王*明', '李*', '张*丰', '刘*', '陈*'].sort());
    expect(JSON.stringify(v)).not.toMatch(/specialNeeds|leftBehind|A1/);
  });

  it('quota: pre-filled schools, preview, save, 409 when stale, exact Excel table', async () => {
    const s = await bureau.get<{
      rule: { minShare: number };
      schools: { schoolId: string; name: string; graduates: number; rural: boolean }[];
    }>(`/api/quota/schools?year=${Y}`);
    expect(s.status).toBe(200);
    expect(s.body.rule.minShare).toBe(0.5);
    const schools = s.body.schools
      .filter((x) => x.graduates > 0)
      .map(({ schoolId, name, graduates, rural }) => ({ schoolId, name, graduates, rural }));
    expect(schools.length).toBeGreaterThan(0);
    const body = {
      year: Y,
      highSchoolName: '清源县第一中学',
      places: 301,
      share: 0.5,
      ruralTilt: 1.3,
      minimum: 2,
      schools,
    };
    const preview = await bureau.post<{ places: number; rows: { final: number }[] }>(
      '/api/quota/preview',
      body,
    );
    expect(preview.status).toBe(200);
    // ⌈301 × 0.5⌉ = 151, shared exactly.
    expect(preview.body.places).toBe(151);
    expect(preview.body.rows.reduce((a, r) => a + r.final, 0)).toBe(151);
    const low = await bureau.post<{ message: string }>('/api/quota/preview', { ...body, share: 0.3 });
    expect(low.status).toBe(400);
    // 乡村 is the register's: a request marking every school rural changes nothing.
    const claimed = await bureau.post<{ rows: { rural: boolean; final: number }[] }>('/api/quota/preview', {
      ...body,
      schools: schools.map((x) => ({ ...x, rural: true })),
    });
    expect(claimed.body).toEqual(preview.body);
    const register = new Map(s.body.schools.map((x) => [x.schoolId, x.rural]));
    expect(schools.some((x) => !x.rural)).toBe(true);
    const saved = await bureau.post<{
      id: number;
      version: number;
      inputs: { schoolId: string; rural: boolean }[];
    }>('/api/quota', { ...body, schools: schools.map((x) => ({ ...x, rural: true })) });
    expect(saved.status).toBe(200);
    for (const i of saved.body.inputs) expect(i.rural).toBe(register.get(i.schoolId));
    const put = await bureau.put<{ version: number; ruralTilt: number }>(`/api/quota/${saved.body.id}`, {
      ...body,
      ruralTilt: 1,
      version: 1,
    });
    expect(put.body).toMatchObject({ version: 2, ruralTilt: 1 });
    expect((await bureau.put(`/api/quota/${saved.body.id}`, { ...body, version: 1 })).status).toBe(409);
    expect((await inspector.put(`/api/quota/${saved.body.id}`, { ...body, version: 2 })).status).toBe(403);
    expect((await school.get(`/api/quota/${saved.body.id}`)).status).toBe(404);
    const file = await bureau.get(`/api/quota/${saved.body.id}/table.xlsx`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(9).values as unknown[]).slice(1);
    const col = header.indexOf('分配名额') + 1;
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(col).value).toBe(151);
  });

  it('quota: more places than graduates — each school gets at most its graduates, the rest reported', async () => {
    const s = await bureau.get<{ schools: { schoolId: string; graduates: number }[] }>(
      `/api/quota/schools?year=${Y}`,
    );
    const schools = s.body.schools
      .slice(0, 2)
      .map((x, i) => ({ schoolId: x.schoolId, graduates: 10 - 5 * i }));
    const r = await bureau.post<{
      places: number;
      unplaced: number;
      rows: { final: number; heldAtCap: boolean }[];
    }>('/api/quota/preview', {
      year: Y,
      highSchoolName: '清源县第一中学',
      places: 100,
      share: 1,
      ruralTilt: 1,
      minimum: 1,
      schools,
    });
    expect(r.status).toBe(200);
    expect(r.body.places).toBe(100);
    expect(r.body.rows.map((x) => x.final)).toEqual([10, 5]);
    expect(r.body.unplaced).toBe(85);
  });
});
