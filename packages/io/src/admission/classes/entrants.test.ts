import { allocateQuota } from '@junheng/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { unzipBounded } from '../../reporting/import/zipLimits.js';
import { importQuotaSchoolsBuffer } from '../quota/schools.js';
import { writeQuotaWorkbook } from '../quota/table.js';
import { importEntrantsBuffer, writeEntrantTemplate } from './entrants.js';
import { writeClassListsWorkbook } from './lists.js';

async function workbookWith(rows: unknown[][], sheet = '新生名单'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ['姓名', '性别', '入学成绩', '随班就读', '留守儿童', '同班组', '分开组'];

describe('新生名单 template and import', () => {
  it('the template has the columns, and filled in it imports', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeEntrantTemplate()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('新生名单')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADER]);
    ws.addRow(['王大明', '男', 86.5, '否', '是', 'A1', null]);
    ws.addRow(['王小明', '男', '88', null, null, 'A1', null]);
    ws.addRow(['赵甲', '女', null, '是', '否', null, 'B1']);
    ws.addRow(['赵乙', '女', 70, null, null, null, 'B1']);
    const r = await importEntrantsBuffer(Buffer.from(await wb.xlsx.writeBuffer()), '新生.xlsx');
    expect(r.errors).toEqual([]);
    expect(r.entrants).toEqual([
      {
        name: '王大明',
        gender: 'male',
        score: 86.5,
        specialNeeds: false,
        leftBehind: true,
        togetherCode: 'A1',
        apartCode: null,
      },
      {
        name: '王小明',
        gender: 'male',
        score: 88,
        specialNeeds: false,
        leftBehind: false,
        togetherCode: 'A1',
        apartCode: null,
      },
      {
        name: '赵甲',
        gender: 'female',
        score: null,
        specialNeeds: true,
        leftBehind: false,
        togetherCode: null,
        apartCode: 'B1',
      },
      {
        name: '赵乙',
        gender: 'female',
        score: 70,
        specialNeeds: false,
        leftBehind: false,
        togetherCode: null,
        apartCode: 'B1',
      },
    ]);
    expect(r.warnings).toEqual(['1 名学生没有入学成绩：均衡成绩时只计有成绩的学生']);
  });

  it('lists every error with row, column, value and fix, and returns no entrant', async () => {
    const bytes = await workbookWith([
      HEADER,
      ['', '男', 80, null, null, null, null],
      ['李四', '男生', 80, null, null, null, null],
      ['张三', '女', 1200, '也许', null, 'A 1', null],
      ['刘一', '女', 'abc', null, null, 'C9', null],
      ['甲', '男', 1, null, null, 'T1', 'X1'],
      ['乙', '男', 2, null, null, 'T1', 'X1'],
    ]);
    const r = await importEntrantsBuffer(bytes, '新生.xlsx');
    expect(r.entrants).toBeUndefined();
    const at = r.errors.map((e) => [e.row, e.column, e.value]);
    expect(at).toEqual([
      [2, '姓名', undefined],
      [3, '性别', '男生'],
      [4, '入学成绩', 1200],
      [4, '随班就读', '也许'],
      [4, '同班组', 'A 1'],
      [5, '入学成绩', 'abc'],
      [5, '同班组', 'C9'],
      [7, '分开组', 'X1'],
    ]);
    for (const e of r.errors) {
      expect(e.file).toBe('新生.xlsx');
      expect(e.sheet).toBe('新生名单');
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(r.errors[7]!.message).toContain('与第 6 行的学生既在同班组“T1”又在分开组“X1”');
  });

  it('reads CSV and refuses a missing required column or an unknown format', async () => {
    const csv = Buffer.from('姓名,性别,入学成绩\n王五,男,90\n', 'utf8');
    expect((await importEntrantsBuffer(csv, 'a.csv')).entrants).toHaveLength(1);
    const noGender = await importEntrantsBuffer(Buffer.from('姓名,成绩\n王五,90\n'), 'a.csv');
    expect(noGender.errors.map((e) => e.column)).toEqual(['性别']);
    expect((await importEntrantsBuffer(Buffer.from('x'), 'a.pdf')).errors[0]!.message).toContain(
      '.xlsx 或 .csv',
    );
  });
});

describe('class lists and quota workbooks', () => {
  it('writes a formula-like name or class as text, never as a formula', async () => {
    const hostile = '=HYPERLINK("http://x","点我")';
    const bytes = await writeClassListsWorkbook({
      schoolName: '-1+cmd',
      year: 2026,
      gradeLabel: '七年级',
      classes: [
        { name: '@SUM(1)', headTeacher: '+1+1', students: [{ no: 1, maskedName: hostile, gender: '男' }] },
      ],
    });
    const parts = await unzipBounded(bytes);
    for (const [name, xml] of parts) {
      if (name.startsWith('xl/worksheets/')) expect(xml.toString('utf8')).not.toContain('<f>');
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('全部班级')!.getRow(3).getCell(4).value).toBe(hostile);
  });

  it('class lists hold masked names only', async () => {
    const bytes = await writeClassListsWorkbook({
      schoolName: '城关中学',
      year: 2026,
      gradeLabel: '七年级',
      classes: [
        {
          name: '七年级（1）班',
          headTeacher: '王老师',
          students: [{ no: 1, maskedName: '张*明', gender: '男' }],
        },
        { name: '七年级（2）班', students: [{ no: 1, maskedName: '李*', gender: '女' }] },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['全部班级', '七年级（1）班', '七年级（2）班']);
    expect(wb.getWorksheet('全部班级')!.getRow(3).values).toEqual([
      undefined,
      '七年级（1）班',
      '王老师',
      1,
      '张*明',
      '男',
    ]);
  });

  it('the quota table shows every calculation column and exact integer totals', async () => {
    const a = allocateQuota(
      [
        { id: 'X', name: '甲中学', graduates: 100, rural: false },
        { id: 'Y', name: '乙中学', graduates: 50, rural: true },
        { id: 'Z', name: '丙中学', graduates: 30, rural: false },
      ],
      { plan: 100, share: 0.5, ruralWeight: 1, minimum: 1 },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await writeQuotaWorkbook({
        countyName: '清源县',
        year: 2026,
        highSchoolName: '一中',
        allocation: a,
      })) as unknown as ExcelJS.Buffer,
    );
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(9).values as unknown[]).slice(1);
    expect(header).toContain('余数');
    expect(header).toContain('余额增补');
    const final = header.indexOf('分配名额') + 1;
    // 27.78 / 13.89 / 8.33 → 28, 14, 8 (hand-computed), total 50.
    expect([10, 11, 12, 13].map((r) => ws.getRow(r).getCell(final).value)).toEqual([28, 14, 8, 50]);
  });

  it('reads the quota schools file with its errors', async () => {
    const ok = await importQuotaSchoolsBuffer(
      Buffer.from('学校代码,学校名称,毕业生数,乡村学校\n1,甲,100,否\n2,乙,50,是\n'),
      's.csv',
    );
    expect(ok.schools).toEqual([
      { id: '1', name: '甲', graduates: 100, rural: false },
      { id: '2', name: '乙', graduates: 50, rural: true },
    ]);
    const bad = await importQuotaSchoolsBuffer(Buffer.from('学校名称,毕业生数\n甲,-3\n乙,\n'), 's.csv');
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '毕业生数'],
      [3, '毕业生数'],
    ]);
  });
});
