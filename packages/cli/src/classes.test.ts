/**
 * `junheng classes balance` and `junheng quota`, run as the built command (npx tsc -b packages/cli
 * first): exit 0 with the report, 2 with a Chinese message for wrong input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-classes-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const HEADER = ['姓名', '性别', '入学成绩', '随班就读', '留守儿童', '同班组', '分开组'];

async function xlsx(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('新生名单');
  for (const r of [HEADER, ...rows]) ws.addRow(r);
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

let good: string;
let bad: string;
beforeAll(async () => {
  const sn = '王李张刘陈杨赵黄周吴';
  good = await xlsx(
    'good.xlsx',
    Array.from({ length: 30 }, (_, i) => [
      `${sn[i % 10]}同学${i + 1}`,
      i % 2 ? '女' : '男',
      55 + ((i * i * 7 + 13 * i) % 47) + (i % 3) * 0.5,
      i === 5 ? '是' : null,
      i % 5 === 0 ? '是' : null,
      i < 2 ? 'A1' : null,
      i === 10 || i === 11 ? 'B1' : null,
    ]),
  );
  bad = await xlsx('bad.xlsx', [
    ['王五', '男生', 80],
    ['', '女', 70],
  ]);
});

describe('junheng classes balance', () => {
  it('prints the per-class report, the snake comparison and the constraint checks; writes masked lists', async () => {
    const out = join(dir, 'classes.xlsx');
    const r = run('classes', 'balance', good, '--classes', '3', '--seed', '7', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('30 名学生分为 3 个班');
    expect(r.out).toContain('蛇形分班（同一批学生）');
    expect(r.out).toContain('平均分极差：蛇形分班是本系统的');
    expect(r.out).toContain('✓ 同班组 A1');
    expect(r.out).toContain('✓ 分开组 B1');
    expect(r.out).toContain('结论：✓');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat()).join(' ');
    expect(text).toContain('王**1');
    expect(text).not.toContain('王同学1');
    // Same seed, same placement.
    expect(run('classes', 'balance', good, '--classes', '3', '--seed', '7').out).toBe(
      r.out.replace(/\n已写入[^\n]*/, ''),
    );
  });

  it('exits 2 with every error located, or for a wrong option', () => {
    const r = run('classes', 'balance', bad, '--classes', '2');
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.xlsx 有 2 处错误，未分班');
    expect(r.err).toContain('第 2 行 “性别” 为 “男生”');
    expect(r.err).toContain('第 3 行 “姓名”');
    expect(run('classes', 'balance', good, '--classes', '0').err).toContain('--classes 应为 1～60 的整数');
    expect(run('classes', 'balance', join(dir, 'none.xlsx'), '--classes', '2').err).toContain('找不到文件');
    expect(run('classes', 'balance', good).code).toBe(2);
  });
});

describe('junheng quota', () => {
  const csv = join(dir, 'schools.csv');
  writeFileSync(
    csv,
    '学校代码,学校名称,毕业生数,乡村学校\n1,甲中学,100,否\n2,乙中学,50,是\n3,丙中学,30,否\n',
  );

  it('prints the calculation (hand-computed: 26 / 16 / 8 with tilt 1.2, total 50)', () => {
    const r = run('quota', csv, '--places', '100', '--rural-tilt', '1.2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('分配到初中 50 个');
    const rows = r.out.split('\n').filter((l) => /^\s+[123]\s/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/).at(-1))).toEqual(['26', '16', '8']);
    expect(rows[1]).toContain('15.7895');
    expect(r.out).toMatch(/合计\s+180\s+50/);
  });

  it('gives no school more places than its graduates and says how many cannot be placed', () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, '学校代码,学校名称,毕业生数,乡村学校\n1,甲中学,10,否\n2,乙中学,5,是\n');
    const r = run('quota', small, '--places', '100', '--share', '1');
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => /^\s+[12]\s/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/).at(-1))).toEqual(['10', '5']);
    expect(r.out).toContain('85 个名额无法分配：各校毕业生合计 15 人，少于分配到初中的 100 个名额');
  });

  it('names the document of the 50 % rule, never the standard tables’ research tags', () => {
    const r = run('quota', csv, '--places', '100');
    expect(r.out).toContain('《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）');
    expect(r.out).not.toMatch(/\bimpl\b|S-[a-z]|unconfirmed/);
  });

  it('exits 2 for a share under 50 %, a missing --places or a bad file', () => {
    const low = run('quota', csv, '--places', '100', '--share', '0.3');
    expect(low.code).toBe(2);
    expect(low.err).toContain('不低于 50%');
    expect(run('quota', csv).err).toContain('--places');
    const badCsv = join(dir, 'bad.csv');
    writeFileSync(badCsv, '学校名称,毕业生数\n甲,-3\n');
    const b = run('quota', badCsv, '--places', '10');
    expect(b.code).toBe(2);
    expect(b.err).toContain('第 2 行 “毕业生数” 为 -3');
  });
});
