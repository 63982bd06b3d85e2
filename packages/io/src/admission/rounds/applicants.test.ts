import { DEFAULT_ADMISSION_CATEGORIES, residentIdCheckChar } from '@junheng/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  type ApplicantExportRow,
  readApplicantWorkbook,
  writeApplicantExport,
  writeApplicantTemplate,
} from './applicants.js';

const ctx = {
  title: '2026年清源县小学招生',
  schools: [
    { id: '2130660001', name: '城关第一小学', places: 90 },
    { id: '2130660002', name: '柳林镇中心小学', places: 45 },
  ],
  categories: DEFAULT_ADMISSION_CATEGORIES,
};

function id(seq: number): string {
  const body = `13066020190601${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** Fills the template's 申请人 sheet with rows (by header) and returns the file. */
async function filled(rows: Record<string, string | number | null>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeApplicantTemplate(ctx)) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('申请人')!;
  const headers = (ws.getRow(1).values as string[]).slice(1);
  rows.forEach((r, k) => {
    const row = ws.getRow(k + 2);
    for (const [h, v] of Object.entries(r)) {
      const i = headers.indexOf(h);
      if (i < 0) throw new Error(`no column ${h}`);
      row.getCell(i + 1).value = v;
    }
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const good = (name: string, seq: number, more: Record<string, string | number | null> = {}) => ({
  姓名: name,
  身份证号: id(seq),
  监护人: '张建国',
  联系电话: '13912345678',
  '居住小区/村': '幸福小区',
  '划片学校（标识码或名称）': '城关第一小学',
  类别: '户籍',
  ...more,
});

describe('applicant template and import', () => {
  it('writes the Chinese columns, the round’s schools and the instructions', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeApplicantTemplate(ctx)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['申请人', '招生学校', '填报说明']);
    expect((wb.getWorksheet('申请人')!.getRow(1).values as string[]).slice(1)).toEqual([
      '姓名',
      '身份证号',
      '性别',
      '监护人',
      '联系电话',
      '居住地址',
      '居住小区/村',
      '划片学校（标识码或名称）',
      '类别',
      '随迁子女条件是否满足',
      '特殊需要',
      '同校兄弟姐妹',
      '多胞胎/同户编号',
      '志愿学校1',
      '志愿学校2',
      '志愿学校3',
    ]);
    expect(wb.getWorksheet('招生学校')!.getRow(3).values).toEqual([
      undefined,
      '2130660002',
      '柳林镇中心小学',
      45,
    ]);
  });

  it('reads good rows: school by name or id, category by name, 是/否, families', async () => {
    const file = await filled([
      good('张小明', 11, { 性别: '男', 志愿学校1: '2130660002' }),
      good('王一', 21, { '多胞胎/同户编号': 'T01', 同校兄弟姐妹: '是' }),
      good('王二', 23, { '多胞胎/同户编号': 'T01', 同校兄弟姐妹: '是' }),
      good('马丽', 32, {
        类别: '居住证随迁子女',
        随迁子女条件是否满足: '是',
        '划片学校（标识码或名称）': null,
        特殊需要: '随班就读',
      }),
    ]);
    const r = await readApplicantWorkbook(file, '申请.xlsx', ctx);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.rowNo)).toEqual([2, 3, 4, 5]);
    expect(r.rows[0]!.fields).toMatchObject({
      name: '张小明',
      idNumber: id(11),
      gender: 'male',
      zoneSchoolId: '2130660001',
      category: 'hukou',
      choices: ['2130660002'],
      migrantEligible: false,
    });
    expect(r.rows[1]!.fields).toMatchObject({ familyKey: 'T01', siblingAtSchool: true });
    expect(r.rows[3]!.fields).toMatchObject({
      zoneSchoolId: null,
      category: 'migrant',
      migrantEligible: true,
      specialNeeds: 'learningInClass',
    });
  });

  it('lists every error with row, column, value and fix, and returns no rows', async () => {
    const file = await filled([
      good('张小明', 11),
      good('李四', 12, { 身份证号: `${id(12).slice(0, 17)}${id(12)[17] === '0' ? '1' : '0'}` }),
      good('赵五', 13, { '划片学校（标识码或名称）': '不存在小学', 类别: '外地' }),
      good('钱六', 11),
      good('孙七', 14, { 性别: '男' }),
      good('周八', 15, { 身份证号: Number('130660201906010150') }),
    ]);
    const r = await readApplicantWorkbook(file, '申请.xlsx', ctx);
    expect(r.rows).toEqual([]);
    const brief = r.errors.map((e) => [e.row, e.column, e.value]);
    expect(brief).toEqual([
      [3, '身份证号', expect.any(String)],
      [4, '划片学校（标识码或名称）', '不存在小学'],
      [4, '类别', '外地'],
      [5, '身份证号', id(11)],
      [6, '性别', '男'],
      [7, '身份证号', Number('130660201906010150')],
    ]);
    expect(r.errors.every((e) => e.file === '申请.xlsx' && e.sheet === '申请人')).toBe(true);
    expect(r.errors[0]!.message).toContain('校验位不正确');
    expect(r.errors[1]!.message).toContain('不是本轮招生的学校');
    expect(r.errors[3]!.message).toBe('与第 2 行的身份证号相同：同一儿童只能填一行，请删除重复的行');
    expect(r.errors[4]!.message).toContain('与身份证号不符');
    expect(r.errors[5]!.message).toContain('数值格式');
  });

  it('refuses a family whose children differ, and a file with no children', async () => {
    const file = await filled([
      good('王一', 21, { '多胞胎/同户编号': 'T01' }),
      good('王二', 23, { '多胞胎/同户编号': 'T01', 类别: '房产' }),
    ]);
    const r = await readApplicantWorkbook(file, '申请.xlsx', ctx);
    expect(r.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: '多胞胎/同户编号',
        value: 'T01',
        message: expect.stringContaining('类别不一致'),
      }),
    ]);
    const empty = await readApplicantWorkbook(await filled([]), '空.xlsx', ctx);
    expect(empty.errors[0]!.message).toContain('没有申请人');
    const notXlsx = await readApplicantWorkbook(Buffer.from('hello'), 'x.xlsx', ctx);
    expect(notXlsx.errors[0]!.message).toContain('不是 Excel 工作簿');
  });

  it('exports the 核验码 column for the bureau only; a school export has none', async () => {
    const row: ApplicantExportRow = {
      ticket: '2026-000002',
      lotteryTicket: '2026-000001',
      secret: '0123456789abcdef0123456789abcdef',
      name: '周二',
      idNumber: id(23),
      gender: 'female',
      guardianName: '周建',
      phone: '13800000001',
      address: null,
      areaName: '幸福小区',
      zoneSchoolName: '城关第一小学',
      categoryName: '户籍',
      migrantEligible: false,
      specialNeeds: null,
      siblingAtSchool: false,
      familyKey: 'T1',
      choices: ['2130660002'],
      lotteryRank: 3,
      placementSchoolName: '城关第一小学',
      placementLabel: '派位录取：本片区第2类别（户籍）',
    };
    const names = new Map([['2130660002', '柳林镇中心小学']]);
    const read = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet('申请人')!;
      const headers = (ws.getRow(2).values as string[]).slice(1);
      const values = (ws.getRow(3).values as unknown[]).slice(1);
      return Object.fromEntries(headers.map((h, i) => [h, values[i]]));
    };
    const bureau = await read(await writeApplicantExport('招生', [row], names, { secrets: true }));
    expect(bureau).toMatchObject({
      申请编号: '2026-000002',
      派位编号: '2026-000001',
      核验码: '0123456789abcdef0123456789abcdef',
      身份证号: id(23),
      志愿学校1: '柳林镇中心小学',
    });
    const school = await read(
      await writeApplicantExport('招生', [{ ...row, secret: null }], names, { secrets: false }),
    );
    expect(Object.keys(school)).not.toContain('核验码');
    expect(school).toMatchObject({ 派位编号: '2026-000001', 姓名: '周二', 身份证号: id(23) });
  });
});
