/**
 * 电脑派位 over HTTP against a running server with the demo county: the demo draws (the county's
 * admission draw, and the demo school's head-teacher draw made through its published placement),
 * creating (JSON and uploaded list) and conducting a draw, the public endpoints without login,
 * replaying the published list.txt with core and with the built CLI (`npx tsc -b packages/cli`
 * first), who may draw what, and that the generic create makes no head-teacher or school draw.
 * Hashes are recomputed here with node:crypto from docs/lottery.md.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lotterySecretsCsv, verifyDraw } from '@junheng/core';
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../../platform/testing.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'cli', 'dist', 'main.js');
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const secret = (i: number) => sha256(`family-${i}`).slice(0, 32);

interface Draw {
  id: number;
  title: string;
  status: string;
  purpose: string;
  commitment: string;
  seed: string | null;
  resultHash: string | null;
  entryCount: number;
  canDraw: boolean;
  slots: string[] | null;
  schoolName: string | null;
}
interface ResultPage {
  draw: Draw;
  results: { items: { rank: number; ticket: string; slot: string | null }[]; total: number } | null;
}

const AT = {
  operatorName: '基教股 李操作',
  witnesses: [
    { name: '王家长', role: '家长代表' },
    { name: '刘公证', role: '公证员' },
  ],
  place: '县教育局会议室',
  notary: '清源县公证处 刘公证',
};

describe.each(testEngines())('电脑派位 API on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let school: ApiClient;
  let anon: ApiClient;
  let C: string;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 8, demoClasses: true });
    C = server.seed.countyCode;
    bureau = await server.as('jiaoyuju');
    school = await server.as('tianbao');
    anon = server.anonymous();
  });
  afterAll(async () => server?.close());

  const create = async (n: number, title = '测试派位') => {
    const r = await bureau.post<Draw>('/api/lottery/draws', {
      year: server.seed.year + 1,
      purpose: 'admission',
      title,
      entries: Array.from({ length: n }, (_, i) => ({
        ticket: `2027-${String(i + 1).padStart(6, '0')}`,
        secret: secret(i),
      })),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  it('shows the demo draws: one committed admission draw, one drawn head-teacher draw of a published placement', async () => {
    const r = await bureau.get<{ canCreate: boolean; county: { name: string }; items: Draw[] }>(
      '/api/lottery/draws',
    );
    expect(r.status).toBe(200);
    expect(r.body.canCreate).toBe(true);
    expect(r.body.county.name).toBe('清源县');
    // The demo's own admission draw (other parts of the demo may add draws of their own).
    const admission = r.body.items.find((d) => d.title.includes('民办初中'))!;
    const head = r.body.items.find((d) => d.title.includes('班主任派位'))!;
    expect(admission).toMatchObject({ status: 'committed', entryCount: 860, seed: null, canDraw: true });
    // 4 teachers for the 4 classes of 清源县实验小学's published 一年级 placement, drawn by the school.
    expect(head).toMatchObject({
      status: 'drawn',
      entryCount: 4,
      canDraw: true,
      schoolName: '清源县实验小学',
      title: `${server.seed.year}年清源县实验小学一年级班主任派位`,
      slots: ['一年级（1）班', '一年级（2）班', '一年级（3）班', '一年级（4）班'],
    });
    expect(r.body.items.filter((d) => d.purpose === 'headTeacher')).toHaveLength(1);
    // It is the draw of that placement (the only way a head-teacher draw is made).
    const placements = await school.get<
      { status: string; headTeacherDrawId: number | null; gradeLabel: string }[]
    >(`/api/classes?year=${server.seed.year}`);
    expect(placements.body.filter((p) => p.headTeacherDrawId === head.id)).toEqual([
      expect.objectContaining({ status: 'published', gradeLabel: '一年级' }),
    ]);
    const mine = await school.get<{ canCreate: boolean; items: Draw[] }>('/api/lottery/draws');
    expect(mine.body.canCreate).toBe(false);
    expect(mine.body.items.find((d) => d.id === head.id)?.canDraw).toBe(true);
    expect(mine.body.items.find((d) => d.id === admission.id)?.canDraw).toBe(false);
  });

  it('publishes without login: the list, list.txt whose SHA-256 is the commitment, and the result after the draw', async () => {
    const list = await anon.get<Draw[]>(`/api/public/lottery/draws?countyCode=${C}`);
    expect(list.status).toBe(200);
    const head = list.body.find((d) => d.title.includes('班主任派位'))!;
    expect(head).not.toHaveProperty('committedByName');
    const page = await anon.get<ResultPage>(`/api/public/lottery/draws/${head.id}?pageSize=5`);
    expect(page.status).toBe(200);
    expect(page.body.results!.total).toBe(4);
    expect(page.body.results!.items[0]).toMatchObject({ rank: 1, slot: '一年级（1）班' });
    expect(page.body.results!.items[3]).toMatchObject({ rank: 4, slot: '一年级（4）班' });
    const txt = await anon.get(`/api/public/lottery/draws/${head.id}/list.txt`);
    expect(txt.status).toBe(200);
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(sha256(txt.bytes)).toBe(head.commitment);
    expect(txt.bytes[0]).not.toBe(0xef); // no BOM
    // The replay with core gives the published result hash; other seeds other orders. With only 4
    // entries one other seed repeats the order 1 time in 24 (the same order is the same result), so
    // the nine seeds that differ in the last digit are tried: all nine repeating it would be a bug.
    const text = txt.bytes.toString('utf8');
    const v = verifyDraw(text, head.seed!, head.resultHash!, head.commitment);
    expect(v.verified).toBe(true);
    const others = Array.from({ length: 9 }, (_, k) =>
      verifyDraw(text, `${head.seed!.slice(0, -1)}${(Number(head.seed!.at(-1)) + k + 1) % 10}`),
    );
    expect(others.some((o) => o.result.resultHash !== head.resultHash)).toBe(true);
    const result = await anon.get(`/api/public/lottery/draws/${head.id}/result.txt`);
    expect(sha256(result.bytes)).toBe(head.resultHash);
    const csv = await anon.get(`/api/public/lottery/draws/${head.id}/result.csv`);
    expect(csv.status).toBe(200);
    const rows = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('名次,编号,班级');
    // One teacher per class: no 候补.
    expect(rows).toHaveLength(5);
    expect(rows[4]).toMatch(/^4,.+,一年级（4）班$/);
    // Before the draw: the commitment, no result.
    const admission = list.body.find((d) => d.title.includes('民办初中'))!;
    const before = await anon.get<ResultPage>(`/api/public/lottery/draws/${admission.id}`);
    expect(before.body.results).toBeNull();
    expect((await anon.get(`/api/public/lottery/draws/${admission.id}/result.csv`)).status).toBe(404);
    expect((await anon.get('/api/public/lottery/draws/999999')).status).toBe(404);
    expect((await anon.get('/api/lottery/draws')).status).toBe(401);
  });

  it('creates and conducts a draw; the CLI replays the downloaded list.txt to the same result hash', async () => {
    const d = await create(300);
    expect(d.status).toBe('committed');
    const short = await bureau.post(`/api/lottery/draws/${d.id}/draw`, { ...AT, seed: '123456' });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('随机种子只有 6 位，至少需要 20 位数字');
    const seed = '8812 0937 4415 2290 6631 07';
    const drawn = await bureau.post<Draw>(`/api/lottery/draws/${d.id}/draw`, { ...AT, seed });
    expect(drawn.status).toBe(200);
    expect(drawn.body).toMatchObject({ status: 'drawn', seed: '881209374415229066310' + '7' });
    const txt = await anon.get(`/api/public/lottery/draws/${d.id}/list.txt`);
    const dir = mkdtempSync(join(tmpdir(), 'junheng-api-lottery-'));
    const file = join(dir, 'list.txt');
    writeFileSync(file, txt.bytes);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'lottery', 'verify', file, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const ok = run(drawn.body.seed!, '--result-hash', drawn.body.resultHash!, '--commitment', d.commitment);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('✓ 复算一致');
    // A changed seed: a different result, the CLI says so (exit 1).
    const changed = run('9'.repeat(22), '--result-hash', drawn.body.resultHash!);
    expect(changed.status).toBe(1);
    // The result page: searching a ticket finds its rank.
    const all = await anon.get<ResultPage>(`/api/public/lottery/draws/${d.id}?pageSize=500`);
    const t = all.body.results!.items[123]!;
    const found = await anon.get<ResultPage>(`/api/public/lottery/draws/${d.id}?ticket=${t.ticket}`);
    expect(found.body.results!.items).toEqual([{ rank: t.rank, ticket: t.ticket, slot: null }]);
    // Protocol: JSON for printing and a text file.
    const p = await bureau.get<{ text: string; ranksShown: number }>(`/api/lottery/draws/${d.id}/protocol`);
    expect(p.status).toBe(200);
    expect(p.body.ranksShown).toBe(300);
    expect(p.body.text).toContain('派位地点：县教育局会议室');
    const ptxt = await bureau.get(`/api/lottery/draws/${d.id}/protocol.txt`);
    expect(ptxt.status).toBe(200);
    expect(ptxt.bytes.toString('utf8')).toBe(p.body.text);
  });

  it('writes formula-like 编号 in result.csv as text; list.txt and result.txt keep them as they are', async () => {
    const hostile = ["-1+cmd|' /C calc'!A0", '=HYPERLINK("http://x")', '@SUM(1)', '+1+1'];
    const r = await bureau.post<Draw>('/api/lottery/draws', {
      year: server.seed.year + 1,
      purpose: 'admission',
      title: '公式编号',
      entries: hostile.map((ticket, i) => ({ ticket, secret: secret(900 + i) })),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const drawn = await bureau.post<Draw>(`/api/lottery/draws/${r.body.id}/draw`, {
      ...AT,
      seed: '1234 5678 9012 3456 7890',
    });
    expect(drawn.status).toBe(200);
    const csv = (await anon.get(`/api/public/lottery/draws/${r.body.id}/result.csv`)).bytes.toString('utf8');
    const tickets = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) =>
        l
          .replace(/^\d+,/, '')
          .replace(/^"(.*)"$/, '$1')
          .replaceAll('""', '"'),
      );
    expect(tickets.sort()).toEqual(hostile.map((t) => `'${t}`).sort());
    const result = await anon.get(`/api/public/lottery/draws/${r.body.id}/result.txt`);
    expect(sha256(result.bytes)).toBe(drawn.body.resultHash);
    expect(result.bytes.toString('utf8')).toContain(hostile[0]);
  });

  it('lets one of two simultaneous draws win; the other gets 409', async () => {
    const d = await create(50, '并发测试');
    const [a, b] = await Promise.all([
      bureau.post(`/api/lottery/draws/${d.id}/draw`, { ...AT, seed: '1'.repeat(20) }),
      bureau.post(`/api/lottery/draws/${d.id}/draw`, { ...AT, seed: '2'.repeat(20) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body).toMatchObject({ code: 'conflict' });
    expect(lost.body.message).toContain('不能重新派位');
  });

  it('does not let the HTTP API link a draw to an admission round (only the round’s commit does)', async () => {
    const round = await bureau.post<{ id: number }>('/api/admission/rounds', {
      year: server.seed.year + 1,
      stage: 'primary',
      title: '派位接口测试轮次',
    });
    expect(round.status, JSON.stringify(round.body)).toBe(200);
    const r = await bureau.post<Draw & { roundId: number | null }>('/api/lottery/draws', {
      year: server.seed.year + 1,
      purpose: 'admission',
      title: '冒充招生轮次的派位',
      entries: [{ ticket: '2027-000001', secret: secret(1) }],
      roundId: round.body.id,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.roundId).toBeNull();
  });

  it('refuses a school user drawing a county draw (403), and an inspector creating or drawing', async () => {
    const d = await create(10, '权限测试');
    const r = await school.post(`/api/lottery/draws/${d.id}/draw`, { ...AT, seed: '3'.repeat(20) });
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    const inspector = await server.as('duxue');
    expect(
      (await inspector.post(`/api/lottery/draws/${d.id}/draw`, { ...AT, seed: '3'.repeat(20) })).status,
    ).toBe(403);
    expect(
      (
        await inspector.post('/api/lottery/draws', {
          year: 2026,
          purpose: 'admission',
          title: 'x',
          entries: [{ ticket: 'a', secret: secret(1) }],
        })
      ).status,
    ).toBe(403);
  });

  it('creates a draw from an uploaded list, or lists every bad row in Chinese', async () => {
    const good = Buffer.from(`编号\t核验码\n2027-000001\t${secret(1)}\n2027-000002\t${secret(2)}\n`);
    const q = `year=2027&purpose=admission&title=${encodeURIComponent('上传的名单')}`;
    const up = await bureau.request<Draw>('POST', `/api/lottery/draws/upload?${q}`, good, {
      'x-file-name': encodeURIComponent('名单.txt'),
    });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.entryCount).toBe(2);
    const bad = Buffer.from(
      `编号,核验码\n2027-000001,${secret(1)}\n2027-000001,${secret(2)}\n2027-000003,abc\n`,
    );
    const r = await bureau.request<{
      code: string;
      details: { row: number; column: string; message: string }[];
    }>('POST', `/api/lottery/draws/upload?${q}`, bad, { 'x-file-name': encodeURIComponent('名单.csv') });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('importInvalid');
    // The message every import gives (upload.ts importInvalid).
    expect((r.body as unknown as { message: string }).message).toBe(
      '文件 名单.csv 有 2 处错误，未导入任何名单条目：请按列表逐条修改后重新导入',
    );
    const empty = await bureau.request<{ message: string }>(
      'POST',
      `/api/lottery/draws/upload?${q}`,
      Buffer.alloc(0),
      {
        'x-file-name': 'list.txt',
      },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('没有收到文件：请选择');
    expect(r.body.details.map((e) => [e.row, e.column])).toEqual([
      [3, '编号'],
      [4, '核验码'],
    ]);
    expect(r.body.details[0]!.message).toContain('重复');
  });

  it('generates 核验码 for an uploaded 编号 list (bureau only), and the CSV written from them creates the draw', async () => {
    const names = Buffer.from('编号\n2027-100001\n2027-100002\n2027-100003\n');
    const headers = { 'x-file-name': encodeURIComponent('编号名单.txt') };
    const r = await bureau.request<{ file: string; entries: { ticket: string; secret: string }[] }>(
      'POST',
      '/api/lottery/secrets',
      names,
      headers,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.entries.map((e) => e.ticket)).toEqual(['2027-100001', '2027-100002', '2027-100003']);
    for (const e of r.body.entries) expect(e.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(r.body.entries.map((e) => e.secret)).size).toBe(3);
    const again = await bureau.request<{ entries: { secret: string }[] }>(
      'POST',
      '/api/lottery/secrets',
      names,
      headers,
    );
    expect(again.body.entries[0]!.secret).not.toBe(r.body.entries[0]!.secret);
    // The file the page downloads (core lotterySecretsCsv) is what “上传名单新建派位” reads.
    const csv = Buffer.from(lotterySecretsCsv(r.body.entries), 'utf8');
    const q = `year=2027&purpose=admission&title=${encodeURIComponent('核验码生成的派位')}`;
    const up = await bureau.request<Draw>('POST', `/api/lottery/draws/upload?${q}`, csv, {
      'x-file-name': encodeURIComponent('核验码.csv'),
    });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.entryCount).toBe(3);
    // Only who may create the county's draws; a bad list names its rows.
    expect((await school.request('POST', '/api/lottery/secrets', names, headers)).status).toBe(403);
    expect((await anon.request('POST', '/api/lottery/secrets', names, headers)).status).toBe(401);
    const bad = await bureau.request<{ details: { row: number; message: string }[] }>(
      'POST',
      '/api/lottery/secrets',
      Buffer.from('2027-1\n2027,2\n2027-1\n'),
      headers,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d) => d.row)).toEqual([2, 3]);
  });

  it('makes no head-teacher draw and no school’s draw through the generic create: 400 saying where, 403 for a school', async () => {
    const count = async () => (await bureau.get<{ items: Draw[] }>('/api/lottery/draws')).body.items.length;
    const before = await count();
    const S = (await school.get<{ user: { schoolId: string } }>('/api/auth/me')).body.user.schoolId;
    const good = Buffer.from(`编号\t核验码\n王老师\t${secret(1)}\n李老师\t${secret(2)}\n`);
    const entries = [
      { ticket: '王老师', secret: secret(1) },
      { ticket: '李老师', secret: secret(2) },
    ];
    const HINT = '班主任派位请在“均衡分班”页面公示分班结果后进行';
    // A head-teacher draw, by the school for itself or by the bureau: 400 with where to do it.
    for (const [who, client] of [
      ['school', school],
      ['bureau', bureau],
    ] as const) {
      const json = await client.post<{ code: string; message: string }>('/api/lottery/draws', {
        schoolId: S,
        year: server.seed.year,
        purpose: 'headTeacher',
        title: '一年级班主任派位',
        entries,
        slots: ['一（1）班', '一（2）班'],
      });
      expect(json.status, who).toBe(400);
      expect(json.body.code, who).toBe('invalidRequest');
      expect(json.body.message, who).toContain(HINT);
      const up = await client.request<{ code: string; message: string }>(
        'POST',
        `/api/lottery/draws/upload?year=${server.seed.year}&purpose=headTeacher&title=${encodeURIComponent('班主任派位')}&schoolId=${S}`,
        good,
        { 'x-file-name': 'list.txt' },
      );
      expect(up.status, who).toBe(400);
      expect(up.body.message, who).toContain(HINT);
    }
    // A school's own admission draw (超额摇号): 400, the list goes to the bureau.
    const own = await school.post<{ message: string }>('/api/lottery/draws', {
      schoolId: S,
      year: server.seed.year + 1,
      purpose: 'admission',
      title: '本校超额摇号',
      entries,
    });
    expect(own.status).toBe(400);
    expect(own.body.message).toContain('由教育局');
    // The county's admission draw asked for by a school user: 403, saying who may and where to go.
    const county = await school.post<{ code: string; message: string }>('/api/lottery/draws', {
      year: server.seed.year + 1,
      title: '全县派位',
      entries,
    });
    expect(county.status).toBe(403);
    expect(county.body.message).toContain('只有县教育局可以新建电脑派位');
    expect(county.body.message).toContain(HINT);
    const upload = await school.request<{ message: string }>(
      'POST',
      `/api/lottery/draws/upload?year=${server.seed.year + 1}&title=x`,
      good,
      { 'x-file-name': 'list.txt' },
    );
    expect(upload.status).toBe(403);
    expect(await count()).toBe(before);
    // The bureau's own admission draw needs no purpose (admission is the default) and has no school.
    const ok = await bureau.post<Draw & { schoolId: string | null }>('/api/lottery/draws', {
      year: server.seed.year + 1,
      title: '民办学校超额摇号',
      entries,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ purpose: 'admission', schoolId: null, slots: null });
  });
});
