/**
 * `junheng lottery draw`, `junheng admission commit` and `junheng admission admit`, run as the built
 * command (npx tsc -b packages/cli first): the draw's result hash is what `lottery verify` accepts;
 * commit writes one entry per family and its commitment; admit gives the hand-worked placements and
 * exactly the server's per-school result for the same applicants, list and seed; bad input exits 2.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalList, drawLottery, residentIdCheckChar } from '@junheng/core';
import { testEngines } from '@junheng/db/testing';
import { APPLICANT_TEMPLATE_COLUMNS } from '@junheng/io';
import { startTestServer, type TestServer } from '@junheng/server/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsCsv } from './commands/admission.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-admission-'));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    cwd: dir,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function idNumber(seq: number): string {
  const body = `13066020190603${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** An applicants workbook with the template's headers; cells by header. */
async function workbook(file: string, rows: Record<string, string>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('申请人');
  const headers = APPLICANT_TEMPLATE_COLUMNS.map((c) => c.header);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  const path = join(dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

/**
 * Z has 1 place and three zone children of 户籍: 张小明 and the twins 周一/周二 (one entry, needing 2
 * seats). Whatever the draw, the twins cannot fit, so 张小明 is admitted by lottery and Z takes no
 * 统筹 child; the twins listed no 志愿 and stay 待统筹安排. X and Y (1 place each) have no zone: 王小红
 * (户籍与房产一致) lists X; 李小刚 (户籍) X then Y; 赵小丽 (房产) Y. 统筹 by category: 王 → X, 李 → Y,
 * 赵 unplaced. Boston instead gives Y to 赵 in round 1 and leaves 李 unplaced although 李 out-ranks 赵
 * at Y: 1 child with justified envy; deferred acceptance (the real 统筹): 0.
 */
function children(Z: string, X: string, Y: string): Record<string, string>[] {
  const c = (name: string, seq: number, more: Record<string, string>) => ({
    姓名: name,
    身份证号: idNumber(seq),
    监护人: `${name.slice(0, 1)}建国`,
    联系电话: '13812345678',
    ...more,
  });
  return [
    c('张小明', 1, { '划片学校（标识码或名称）': Z, 类别: '户籍', 志愿学校1: X }),
    c('王小红', 2, { 类别: '户籍与房产一致', 志愿学校1: X }),
    c('李小刚', 3, { 类别: '户籍', 志愿学校1: X, 志愿学校2: Y }),
    c('赵小丽', 4, { 类别: '房产', 志愿学校1: Y }),
    c('周一', 5, { '划片学校（标识码或名称）': Z, 类别: '户籍', '多胞胎/同户编号': 'T01' }),
    c('周二', 6, { '划片学校（标识码或名称）': Z, 类别: '户籍', '多胞胎/同户编号': 'T01' }),
  ];
}

const SEED = '3141 5926 5358 9793 2384 6264';

describe('junheng lottery draw', () => {
  // The worked example of docs/lottery.md (golden values from an independent node:crypto script).
  const entries = [
    { ticket: '2026-000103', secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
    { ticket: '张*明 2019-03', secret: '00112233445566778899aabbccddeeff' },
    { ticket: '2026-000101', secret: 'a3f5c8e1d2b4967088f1e2d3c4b5a697' },
    { ticket: '2026-000105', secret: 'deadbeefcafebabe0123456789abcdef' },
    { ticket: '2026-000102', secret: '9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3' },
  ];
  const GOLDEN_SEED = '2026 0710 3141 5926 5358';
  const RESULT = 'f47216985d0f5476a268a1ed30f8cb0cb7a38b0a6167906e47fba77b923e0519';
  const list = join(dir, 'golden-list.txt');
  writeFileSync(list, canonicalList(entries));

  it('prints the commitment and result hash; its hash is what lottery verify accepts', () => {
    const out = join(dir, 'golden-result.txt');
    const r = run('lottery', 'draw', list, GOLDEN_SEED, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`名单承诺值：${sha256(readFileSync(list, 'utf8'))}`);
    expect(r.out).toContain(`结果哈希：${RESULT}`);
    const text = readFileSync(out, 'utf8');
    expect(sha256(text)).toBe(RESULT);
    expect(text.split('\n').filter(Boolean)).toHaveLength(5);
    expect(text).toMatch(/^1,.+\n2,.+\n3,.+\n4,.+\n5,.+\n$/);
    const hash = /结果哈希：([0-9a-f]{64})/.exec(r.out)![1]!;
    expect(run('lottery', 'verify', list, GOLDEN_SEED, '--result-hash', hash).code).toBe(0);
    // Without --out the result list follows the summary.
    const inline = run('lottery', 'draw', list, GOLDEN_SEED);
    expect(inline.out).toContain(`派位结果（名次,编号）：\n${text.trimEnd()}`);
  });

  it('exits 2 for a missing list, a short seed or a malformed list', () => {
    expect(run('lottery', 'draw', join(dir, 'nope.txt'), GOLDEN_SEED)).toMatchObject({
      code: 2,
      err: expect.stringContaining('找不到文件'),
    });
    expect(run('lottery', 'draw', list, '123456')).toMatchObject({
      code: 2,
      err: expect.stringContaining('至少需要 20 位'),
    });
    const bad = join(dir, 'bad-list.txt');
    writeFileSync(bad, 'not a list\n');
    expect(run('lottery', 'draw', bad, GOLDEN_SEED)).toMatchObject({
      code: 2,
      err: expect.stringContaining('第 1 行'),
    });
  });
});

describe('核验码 CSV', () => {
  it('writes a name a spreadsheet would run as a formula as text', () => {
    const hostile = "-1+cmd|' /C calc'!A0";
    const csv = secretsCsv([
      { rowNo: 2, own: '2026-000001', entry: '2026-000001', name: hostile, secret: 'ab' },
    ]);
    const line = csv.replace(/^\uFEFF/, '').split('\r\n')[1]!;
    expect(line).toBe(`2,2026-000001,2026-000001,'${hostile},ab`);
  });
});

describe('junheng admission commit and admit', () => {
  const [Z, X, Y] = ['2113066001', '2113066002', '2113066003'];
  let apps: string;
  let plan: string;

  beforeAll(async () => {
    apps = await workbook('申请名单.xlsx', children(Z, X, Y));
    plan = join(dir, '学校计划.csv');
    writeFileSync(
      plan,
      `标识码,名称,计划招生数\n${Z},城关镇第一小学,1\n${X},城关镇第二小学,1\n${Y},柳林镇中心小学,1\n`,
    );
  });

  it('commit: one entry per family, the commitment of list.txt, 核验码 per child', () => {
    const list = join(dir, 'list.txt');
    const r = run('admission', 'commit', apps, '--schools', plan, '--year', '2026', '--out', list);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(list, 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(5);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(',')[0]),
    ).toEqual(['2026-000001', '2026-000002', '2026-000003', '2026-000004', '2026-000005']);
    expect(r.out).toContain('6 名儿童，5 户，即 5 个派位条目');
    expect(r.out).toContain(`名单承诺值：${sha256(text)}`);
    const secrets = readFileSync(join(dir, 'list-核验码.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(secrets[0]).toBe('申请名单行号,申请编号,派位编号,姓名,核验码');
    const twins = secrets.filter((l) => l.includes('周*'));
    expect(twins).toHaveLength(2);
    // Twins share the first twin's entry and 核验码.
    expect(
      twins.map((l) =>
        l
          .split(',')
          .slice(2)
          .filter((_, i) => i !== 1),
      ),
    ).toEqual([
      ['2026-000005', twins[0]!.split(',')[4]],
      ['2026-000005', twins[0]!.split(',')[4]],
    ]);
    expect(secrets.join('\n')).not.toMatch(/张小明|王小红/);
    // Without --schools the school values are taken as given.
    const r2 = run('admission', 'commit', apps, '--out', join(dir, 'list2.txt'));
    expect(r2.code).toBe(0);
    expect(r2.err).toContain('按文件中填写的值（3 所）');
  });

  it('admit: the hand-worked placements, the comparison, and the masked list', async () => {
    const list = join(dir, 'list.txt');
    const out = join(dir, '录取结果.xlsx');
    const r = run(
      'admission',
      'admit',
      apps,
      '--list',
      list,
      '--schools',
      plan,
      '--seed',
      SEED,
      '--year',
      '2026',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const hash = drawLottery(readFileSync(list, 'utf8'), SEED).resultHash;
    expect(r.out).toContain(`结果哈希：${hash}`);
    expect(r.out).toMatch(/城关镇第一小学\s+1\s+3\s+0\s+1\s+0\s+0\s+0\s+0\s+2\s+0\s+第2类别 户籍\s+派位/);
    expect(r.out).toMatch(/城关镇第二小学\s+1\s+0\s+0\s+0\s+0\s+0\s+0\s+1\s+0\s+0\s+全部录取\s+—/);
    expect(r.out).toContain('待统筹安排：3 人');
    expect(r.out).toContain('本片区未录取、填报志愿的 3 人，统筹剩余学位 2 个');
    expect(r.out).toMatch(/失去本有优先权的学位\s+0\s+1/);
    expect(r.out).toMatch(/其中第一志愿\s+1\s+2/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('录取名单')!;
    const rows: Record<string, string> = {};
    ws.eachRow((row, n) => {
      if (n <= 2) return;
      const v = row.values as unknown[];
      rows[String(v[4])] = String(v[9]);
    });
    expect(rows).toEqual({
      '张*明': '城关镇第一小学',
      '王*红': '城关镇第二小学',
      '李*刚': '柳林镇中心小学',
      '赵*丽': '待统筹安排',
      '周*': '待统筹安排',
    });
    expect(JSON.stringify(ws.getSheetValues())).not.toMatch(/张小明|周一|130660201906030/);
  });

  it('a twin checking with its own 申请编号 finds the family’s entry (one entry per family)', () => {
    const list = join(dir, 'list.txt');
    const secrets = readFileSync(join(dir, 'list-核验码.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const second = secrets.filter((l) => l.includes('周*'))[1]!.split(',');
    expect(second[1]).toBe('2026-000006'); // the second twin's own 申请编号, not in the list
    const r = run('lottery', 'verify', list, SEED, '--ticket', second[1]!, '--secret', second[4]!);
    expect(r.code).toBe(0);
    expect(r.out).toContain('编号 “2026-000006” 不在名单中');
    expect(r.out).toContain('派位编号 “2026-000005”');
    expect(r.out).toMatch(/派位号（名次）\d/);
    // A list file with an invalid byte is refused by admit too, naming the line.
    const bytes = readFileSync(list);
    bytes[0] = 0xff;
    const broken = join(dir, 'broken-list.txt');
    writeFileSync(broken, bytes);
    const admit = run(
      'admission',
      'admit',
      apps,
      '--list',
      broken,
      '--schools',
      plan,
      '--seed',
      SEED,
      '--year',
      '2026',
    );
    expect(admit.code).toBe(2);
    expect(admit.err).toMatch(/第 1 行.*0xFF.*UTF-8/);
  });

  it('exits 2 for a missing file, a bad seed, a bad workbook or a list of other applicants', async () => {
    const list = join(dir, 'list.txt');
    const base = ['admission', 'admit', apps, '--list', list, '--schools', plan, '--year', '2026'];
    expect(run(...base, '--seed', '12345')).toMatchObject({
      code: 2,
      err: expect.stringContaining('至少需要 20 位'),
    });
    expect(run(...base)).toMatchObject({ code: 2, err: expect.stringContaining('--seed') });
    expect(
      run('admission', 'admit', join(dir, 'nope.xlsx'), '--list', list, '--schools', plan, '--seed', SEED),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('找不到申请名单文件'),
    });
    expect(
      run('admission', 'commit', apps, '--schools', join(dir, 'nope.csv'), '--out', 'x.txt'),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('找不到学校计划文件'),
    });
    const rows = children(Z, X, Y);
    rows[2]!.身份证号 = `${idNumber(3).slice(0, 17)}${idNumber(3).endsWith('0') ? '1' : '0'}`;
    rows[3]!.类别 = '本地';
    const bad = await workbook('错误.xlsx', rows);
    const r = run('admission', 'commit', bad, '--schools', plan, '--out', join(dir, 'bad.txt'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('错误.xlsx 有 2 处错误');
    expect(r.err).toMatch(/第 4 行.*身份证号/);
    expect(r.err).toMatch(/第 5 行.*类别.*本地/);
    // A different year numbers the children differently: the list is not theirs.
    const other = run(...base.slice(0, -2), '--year', '2027', '--seed', SEED);
    expect(other).toMatchObject({ code: 2, err: expect.stringContaining('不一致') });
    expect(run('admission', 'commit', apps)).toMatchObject({
      code: 2,
      err: expect.stringContaining('--out'),
    });
    expect(run('admission', 'plan', apps)).toMatchObject({ code: 2, err: expect.stringContaining('用法') });
  });
});

describe.each(testEngines())('junheng admission admit gives the server’s result on %s', (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 12 });
  });
  afterAll(async () => server?.close());

  it('same applicants, list and seed: same draw, same per-school figures, same comparison', async () => {
    const bureau = await server.as('jiaoyuju');
    const schools = await bureau.get<{ items: { id: string; name: string; type: string }[] }>(
      `/api/schools?pageSize=100&year=${server.seed.year}`,
    );
    const prim = schools.body.items.filter((s) => s.type === 'primary').slice(0, 3);
    expect(prim).toHaveLength(3);
    const [Z, X, Y] = prim.map((s) => s.id) as [string, string, string];
    const year = 2028;
    const round = await bureau.post<{ id: number; version: number }>('/api/admission/rounds', {
      year,
      stage: 'primary',
      title: '命令行对照',
      places: [
        { schoolId: Z, places: 1 },
        { schoolId: X, places: 1 },
        { schoolId: Y, places: 1 },
      ],
    });
    expect(round.status).toBe(200);
    const apps = await workbook('服务器对照.xlsx', children(Z, X, Y));
    const up = await bureau.request(
      'POST',
      `/api/admission/rounds/${round.body.id}/applicants/import`,
      readFileSync(apps),
      {
        'x-file-name': encodeURIComponent('服务器对照.xlsx'),
      },
    );
    expect(up.status).toBe(200);
    const detail = await bureau.get<{ version: number }>(`/api/admission/rounds/${round.body.id}`);
    const c = await bureau.post<{ round: { version: number }; draw: { id: number; commitment: string } }>(
      `/api/admission/rounds/${round.body.id}/commit`,
      { version: detail.body.version },
    );
    expect(c.status).toBe(200);
    const d = await bureau.post<{ resultHash: string }>(`/api/lottery/draws/${c.body.draw.id}/draw`, {
      seed: SEED,
      operatorName: '李操作',
      witnesses: [{ name: '王公证', role: '公证员' }],
      place: '清源县教育局会议室',
    });
    expect(d.status).toBe(200);
    const admitted = await bureau.post<{
      schools: Record<string, unknown>[];
      pending: number;
      migrants: unknown;
      choiceComparison: { rows: Record<string, unknown>[] };
    }>(`/api/admission/rounds/${round.body.id}/admit`, { version: c.body.round.version });
    expect(admitted.status).toBe(200);
    const listRes = await bureau.get(`/api/public/lottery/draws/${c.body.draw.id}/list.txt`);
    expect(listRes.status).toBe(200);
    const list = join(dir, 'server-list.txt');
    writeFileSync(list, listRes.bytes);
    expect(sha256(listRes.bytes.toString('utf8'))).toBe(c.body.draw.commitment);
    const planFile = join(dir, 'server-plan.csv');
    writeFileSync(planFile, `标识码,名称,计划招生数\n${prim.map((s) => `${s.id},${s.name},1`).join('\n')}\n`);
    const r = run(
      'admission',
      'admit',
      apps,
      '--list',
      list,
      '--schools',
      planFile,
      '--seed',
      SEED,
      '--year',
      String(year),
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`结果哈希：${d.body.resultHash}`);
    // Each school's row as the CLI prints it, rebuilt from the server's JSON.
    for (const s of admitted.body.schools as {
      schoolId: string;
      capacity: number;
      zoneApplicants: number;
      admittedByCategory: Record<string, number>;
      assigned: number;
      refused: number;
      seatsLeft: number;
      lotteryUsed: boolean;
    }[]) {
      const name = prim.find((p) => p.id === s.schoolId)!.name;
      const cats = ['hukouProperty', 'hukou', 'property', 'migrant', 'other'].map(
        (k) => s.admittedByCategory[k] ?? 0,
      );
      const figures = [s.capacity, s.zoneApplicants, ...cats, s.assigned, s.refused, s.seatsLeft].join(
        '\\s+',
      );
      expect(r.out).toMatch(
        new RegExp(`${name}\\s+${figures}\\s+(全部录取|第\\d类别 \\S+)\\s+${s.lotteryUsed ? '派位' : '—'}`),
      );
    }
    expect(r.out).toContain(`待统筹安排：${admitted.body.pending} 人`);
    const [da, boston] = admitted.body.choiceComparison.rows;
    expect(r.out).toMatch(
      new RegExp(`失去本有优先权的学位\\s+${da!.envyApplicants}\\s+${boston!.envyApplicants}`),
    );
    expect([da!.envyApplicants, boston!.envyApplicants]).toEqual([0, 1]);
  });
});
