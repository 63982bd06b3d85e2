/**
 * The built `junheng` command, run as a user runs it: exit codes, messages, files written.
 * (npm test builds before running, so dist/ is current.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EvaluationResult, generateDemoCounty } from '@junheng/core';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset, school, stage } from '../../core/src/evaluation/__fixtures__/build.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const passing = join(dir, 'passing.json');
const demo = join(dir, 'demo.json');
beforeAll(() => {
  const ds = dataset([
    school({ name: '甲小学', stages: [stage('primary', 420)] }),
    school({ name: '乙小学', stages: [stage('primary', 380)] }),
    school({ name: '丙中学', stages: [stage('junior', 900)] }),
  ]);
  writeFileSync(passing, JSON.stringify(ds));
  writeFileSync(demo, JSON.stringify(generateDemoCounty()));
});

describe('exit codes', () => {
  it('0 when the county meets both standards', () => {
    const r = run('evaluate', passing);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('结论：✓ 达标');
  });
  it('1 when it does not (the demo county has gaps)', () => {
    const r = run('evaluate', demo);
    expect(r.code).toBe(1);
    expect(r.out).toContain('结论：✗ 未达标');
    expect(r.out).toContain('城区和镇区公办初中就近划片入学比例');
  });
  it('2 for a missing file, a bad option or an invalid file, with a Chinese message', () => {
    expect(run('evaluate', join(dir, 'nope.xlsx'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('找不到文件'),
    });
    expect(run('evaluate', passing, '--format', 'pdf')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--format'),
    });
    expect(run('evaluate', passing, '--standard', 'gold')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--standard'),
    });
    expect(run('evaluate', passing, '--format', 'docx')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--out'),
    });
    expect(run('evaluate', passing, '--bogus')).toMatchObject({
      code: 2,
      err: expect.stringContaining('参数错误'),
    });
    expect(run('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('未知命令') });
    const bad = join(dir, 'bad.json');
    const ds = JSON.parse(readFileSync(passing, 'utf8'));
    ds.schools[0].stages[0].students = -3;
    ds.schools[1].id = '12345';
    writeFileSync(bad, JSON.stringify(ds));
    const r = run('evaluate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('2 处错误');
    expect(r.err).toContain('-3');
    expect(r.err).toContain('12345');
  });
});

describe('--allow-incomplete', () => {
  it('evaluates the valid rows and names every skipped row; without it nothing is evaluated', () => {
    const header =
      '学校标识码,学校名称,学校类型,学段,行政区划代码,城乡类型,在校生数（人）,班级数,最大班额（人）,专任教师数,高于规定学历教师数,中级及以上职称教师数,县级以上骨干教师数,体育艺术专任教师数,设施口径,教学及辅助用房面积（m²）,体育运动场馆面积（m²）,教学仪器设备值（元）,网络多媒体教室数,计算机台数,图书册数,音乐专用教室数,美术专用教室数,达到省定办学基本标准';
    const good =
      '2113000009,兴庄乡中心小学,小学,小学,130660,乡村,800,20,42,50,45,30,9,8,分学段,4000,7000,1700000,20,100,30000,1,1,是';
    const bad =
      '21130003,城关第三小学,小学,小学,130660,城里,900,20,45,50,60,30,10,8,分学段,4000,6000,1800000,22,100,30000,1,1,是';
    const csv = join(dir, 'partial.csv');
    writeFileSync(csv, [header, good, bad].join('\n'));
    const strict = run('evaluate', csv);
    expect(strict.code).toBe(2);
    expect(strict.err).toContain('第 3 行 “学校标识码” 为 “21130003”');
    expect(strict.err).toContain('“城乡类型” 为 “城里”');
    expect(strict.out).toBe('');
    const lenient = run('evaluate', csv, '--allow-incomplete', '--format', 'json');
    expect(lenient.err).toContain('已跳过：第 3 行');
    const result = JSON.parse(lenient.out) as EvaluationResult;
    expect(result.quality!.stages[0].schoolCount).toBe(1);
  });
});

describe('--county', () => {
  const header =
    '学校标识码,学校名称,学校类型,学段,行政区划代码,城乡类型,在校生数（人）,教学仪器设备值（元）,达到省定办学基本标准';
  const schools = join(dir, 'county-schools.csv');
  beforeAll(() => {
    writeFileSync(
      schools,
      [
        header,
        '1113012301,城关第一小学,小学,小学,130123,城区,800,1700000,是',
        '1113012302,城关第二小学,小学,小学,130123,城区,600,1500000,是',
      ].join('\n'),
    );
  });

  it('gives the county name and school year of a CSV (county info only)', () => {
    const county = join(dir, 'county.json');
    writeFileSync(county, JSON.stringify({ county: { code: '130123', name: '正定县' }, year: 2024 }));
    const r = run('evaluate', schools, '--county', county, '--format', 'json');
    expect(r.err).not.toContain('未提供县域信息');
    expect(r.err).not.toContain('错误');
    const result = JSON.parse(r.out) as EvaluationResult;
    expect(result.county.name).toBe('正定县');
    expect(result.county.code).toBe('130123');
    expect(result.year).toBe(2024);
  });

  it('still takes a file of county items only, and adds them to the data file’s', () => {
    const items = join(dir, 'items-only.json');
    writeFileSync(items, JSON.stringify({ governmentScore: { value: 90 }, prerequisite: { value: false } }));
    const ds = JSON.parse(readFileSync(passing, 'utf8'));
    for (const s of ds.schools) s.meetsProvincialStandard = null;
    const data = join(dir, 'no-standard.json');
    writeFileSync(data, JSON.stringify(ds));
    const r = run('evaluate', data, '--county', items, '--standard', 'basic', '--format', 'json');
    const result = JSON.parse(r.out) as EvaluationResult;
    expect(result.county.name).toBe(ds.county.name);
    const item = (id: string) => result.basic!.items.find((i) => i.id === id)!;
    expect(item('governmentScore').value).toBe(90);
    // No school reports 达到省定办学基本标准: the county's 否 decides the prerequisite.
    expect(item('prerequisite').status).toBe('unmet');
  });

  it('reports the county file’s errors with its name, together with the data file’s', () => {
    const bad = join(dir, 'county-bad.json');
    writeFileSync(bad, JSON.stringify({ county: { code: '1301', name: '正定县' }, year: 2025 }));
    const r = run('evaluate', schools, '--county', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${schools} 和 ${bad} 共有 1 处错误，未进行评估`);
    expect(r.err).toContain('county-bad.json county.code 为 “1301”：县级行政区划代码应为 6 位数字');
    expect(run('evaluate', schools, '--county', join(dir, 'nope.json'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('找不到 --county 指定的县域信息/县级指标文件'),
    });
  });
});

describe('json output', () => {
  it('carries every counted school so each CV can be recomputed by hand', () => {
    const r = run('evaluate', demo, '--format', 'json');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out) as EvaluationResult;
    for (const st of result.quality!.stages) {
      for (const c of st.coefficients) {
        const P = c.schools.reduce((a, s) => a + s.students, 0);
        const mean = c.schools.reduce((a, s) => a + s.students * s.value, 0) / P;
        const S = Math.sqrt(c.schools.reduce((a, s) => a + (s.students / P) * (s.value - mean) ** 2, 0));
        expect(P).toBe(c.totalStudents);
        expect(c.mean).toBeCloseTo(mean, 9);
        expect(c.cv).toBeCloseTo(S / mean, 9);
        expect(c.schools.reduce((a, s) => a + s.weight, 0)).toBeCloseTo(1, 9);
      }
    }
  });
});

describe('files', () => {
  it('template, then xlsx and docx reports', () => {
    const tpl = join(dir, '模板.xlsx');
    expect(run('template', '--out', tpl).code).toBe(0);
    const xlsx = join(dir, 'r.xlsx');
    const docx = join(dir, 'r.docx');
    expect(run('evaluate', demo, '--format', 'xlsx', '--out', xlsx).code).toBe(1);
    expect(run('evaluate', demo, '--format', 'docx', '--out', docx).code).toBe(1);
    expect(readFileSync(tpl).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });

  it('round trip: blank template → filled by a clerk → import → evaluate', async () => {
    const tpl = join(dir, 'blank.xlsx');
    run('template', '--out', tpl);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tpl);
    const info = wb.getWorksheet('县域信息')!;
    info.eachRow((row) => {
      const label = String(row.getCell(1).value ?? '');
      if (label.startsWith('县名称')) row.getCell(2).value = '往返县';
      if (label.startsWith('县级行政区划代码')) row.getCell(2).value = '130123';
      if (label.startsWith('学年')) row.getCell(2).value = 2025;
    });
    const sheet = wb.getWorksheet('学校基本情况')!;
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').replace(/（.*$/, ''));
    const col = (name: string) => headers.indexOf(name);
    // Two primary schools, written as a clerk would (the example row stays where it is).
    const rows = [
      ['1113012301', '往返第一小学', 200, 400_000],
      ['1113012302', '往返第二小学', 500, 1_500_000],
    ];
    for (const [id, name, students, equipment] of rows) {
      const row = sheet.getRow(sheet.rowCount + 1);
      const set = (h: string, v: unknown) => {
        row.getCell(col(h)).value = v as ExcelJS.CellValue;
      };
      set('学校标识码', id);
      set('学校名称', name);
      set('学校类型', '小学');
      set('学段', '小学');
      set('行政区划代码', '130123');
      set('城乡类型', '乡村');
      set('在校生数', students);
      set('教学仪器设备值', equipment);
      row.commit();
    }
    const filled = join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const out = join(dir, 'filled.json');
    const r = run('evaluate', filled, '--standard', 'quality', '--format', 'json', '--out', out);
    expect(r.err).not.toContain('内部错误');
    const result = JSON.parse(readFileSync(out, 'utf8')) as EvaluationResult;
    expect(result.county.name).toBe('往返县');
    const eq = result.quality!.stages[0].coefficients.find((c) => c.indicator === 'equipmentPerStudent')!;
    // X = 2000 and 3000 元 with 200 and 500 students: X̄ = 1 900 000 / 700 = 2714.29.
    expect(eq.mean).toBeCloseTo(1_900_000 / 700, 6);
    expect(eq.schools.map((s) => s.name)).toEqual(['往返第一小学', '往返第二小学']);
    // The clerk left teacher columns blank: those indicators are 数据不全, never counted as 0.
    expect(result.quality!.stages[0].coefficients.find((c) => c.indicator === 'backbonePer100')!.status).toBe(
      'incomplete',
    );
    expect(result.status).toBe('incomplete');
  });

  it('--previous adds the year-over-year comparison; --overrides changes a threshold and says so', () => {
    const prev = join(dir, 'prev.json');
    const ds = generateDemoCounty({ seed: 99 });
    ds.year = 2024;
    writeFileSync(prev, JSON.stringify(ds));
    const r = run('evaluate', demo, '--previous', prev);
    expect(r.out).toContain('年度对比：2024—2025学年 → 2025—2026学年');
    expect(run('evaluate', prev, '--previous', demo)).toMatchObject({
      code: 2,
      err: expect.stringContaining('应早于'),
    });
    const ov = join(dir, 'province.yaml');
    writeFileSync(ov, 'name: 某省细则\nset:\n  quality2017.cvMax.primary: 0.6\n');
    const o = run('evaluate', demo, '--overrides', ov);
    expect(o.out).toContain('采用省级细则：某省细则');
    expect(o.out).toContain('quality2017.cvMax.primary 0.5→0.6');
    writeFileSync(ov, 'set:\n  quality2017.cvMax.primery: 0.6\n');
    expect(run('evaluate', demo, '--overrides', ov)).toMatchObject({
      code: 2,
      err: expect.stringContaining('不存在'),
    });
  });
});

describe('standards listing', () => {
  it('prints every table value with its override path', () => {
    const r = run('standards');
    expect(r.code).toBe(0);
    expect(r.out).toContain('`quality2017.indicators.equipmentPerStudent.min.primary`');
    expect(r.out).toContain('| 2000 | 2500 |');
  });
  it('docs/standards.md is the current output (regenerate: junheng standards > docs/standards.md)', () => {
    const docs = readFileSync(join(dirname(cli), '..', '..', '..', 'docs', 'standards.md'), 'utf8');
    expect(docs).toBe(run('standards').out);
  });
});

it('demo writes the four files and says where', () => {
  const out = join(dir, 'demo-out');
  const r = run('demo', '--out', out);
  expect(r.code).toBe(0);
  for (const f of [
    '演示县-学校填报.xlsx',
    '演示县-评估结果.xlsx',
    '演示县-自评报告.docx',
    '演示县-评估结果.json',
  ]) {
    expect(r.out).toContain(join(out, f));
    expect(readFileSync(join(out, f)).length).toBeGreaterThan(1000);
  }
  execFileSync(process.execPath, [cli, 'help']);
});
