import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readAreaWorkbook } from './zoningWorkbook.js';

/** A workbook with one sheet 小区村 of the given rows (the first is the header). */
async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('小区村');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const HEADER = ['编号', '名称', '类型', '乡镇', '经度', '纬度', '预计入学人数(小学)', '预计入学人数(初中)'];

describe('readAreaWorkbook', () => {
  it('reads good rows, numbering those without 编号 by their place among the filled rows', async () => {
    const bytes = await workbook([
      [...HEADER, '现划片学校'],
      ['A1', '新华小区', '小区', '城关镇', 115.72, 39.02, 40, 30, '城关一小'],
      [],
      [null, '李家庄', '村', null, 115.8, 39.1, 8, null, null],
    ]);
    const r = await readAreaWorkbook(bytes, 'a.xlsx');
    expect(r.errors).toEqual([]);
    expect(r.sheet).toBe('小区村');
    expect(r.rows).toEqual([
      {
        row: 2,
        id: 'A1',
        name: '新华小区',
        kind: 'estate',
        township: '城关镇',
        lon: 115.72,
        lat: 39.02,
        entrants: { primary: 40, junior: 30 },
        current: { any: '城关一小' },
      },
      {
        row: 4,
        id: 'A0002',
        name: '李家庄',
        kind: 'village',
        township: null,
        lon: 115.8,
        lat: 39.1,
        entrants: { primary: 8, junior: 0 },
        current: {},
      },
    ]);
  });

  it('lists every problem of every row at its cell, and returns no rows', async () => {
    const bytes = await workbook([
      HEADER,
      ['A 1', '', '学校', null, 39.02, 115.72, 1.5, -1],
      ['B2', '甲'.repeat(51), '村', null, 115.8, null, 3, 2],
      ['B2', '乙村', '村', null, 'abc', 39.1, 3, 2],
    ]);
    const r = await readAreaWorkbook(bytes, 'bad.xlsx');
    expect(r.rows).toEqual([]);
    const at = (row: number, column: string, message: unknown, value?: unknown) => ({
      file: 'bad.xlsx',
      sheet: '小区村',
      row,
      column,
      message: message instanceof RegExp ? expect.stringMatching(message) : message,
      ...(value === undefined ? {} : { value }),
    });
    expect(r.errors).toEqual([
      at(2, '编号', '编号只能由字母、数字、下划线、点和短横线组成（最多 40 个字符），如 A001', 'A 1'),
      at(2, '名称', '“名称”不能为空：请填写'),
      at(2, '类型', '类型应为“小区”或“村”', '学校'),
      at(2, '纬度', '应在 -90 到 90 之间（纬度，如 38.87）', 115.72),
      at(2, '预计入学人数(小学)', /^应为 0 到 100000 之间的整数/, 1.5),
      at(2, '预计入学人数(初中)', /^应为 0 到 100000 之间的整数/, -1),
      at(3, '名称', '“名称”不能超过 50 个字：请缩短', '甲'.repeat(51)),
      at(3, '纬度', '“纬度”不能为空：请填写纬度，如 38.87'),
      at(4, '编号', '编号与第 3 行重复：每个小区/村的编号应唯一', 'B2'),
      at(4, '经度', expect.any(String), 'abc'),
    ]);
  });

  it('says so when longitude and latitude look swapped', async () => {
    const bytes = await workbook([HEADER, ['A1', '甲小区', '小区', null, 200, 39, 1, 1]]);
    const swapped = await workbook([HEADER, ['A1', '甲小区', '小区', null, 39, 200, 1, 1]]);
    expect((await readAreaWorkbook(bytes, 'a.xlsx')).errors[0]?.message).toBe(
      '应在 -180 到 180 之间（经度，如 115.49）',
    );
    expect((await readAreaWorkbook(swapped, 'a.xlsx')).errors.map((e) => e.message)).toEqual([
      '应在 -90 到 90 之间（纬度，如 38.87）',
    ]);
  });

  it('refuses a header without the required columns or with one twice, before reading rows', async () => {
    const bytes = await workbook([
      ['编号', '名称', '名称', '经度'],
      ['A1', '甲', '乙', 115],
    ]);
    const r = await readAreaWorkbook(bytes, 'h.xlsx');
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [1, '名称', '列“名称”出现了两次：请删除重复的列'],
      [1, undefined, expect.stringMatching(/^缺少列“类型”/)],
      [1, undefined, expect.stringMatching(/^缺少列“纬度”/)],
      [1, undefined, '缺少预计入学人数：请至少填写“预计入学人数(小学)”或“预计入学人数(初中)”一列'],
    ]);
  });

  it('refuses a sheet with a header and no rows', async () => {
    const r = await readAreaWorkbook(await workbook([HEADER]), 'e.xlsx');
    expect(r.errors.map((e) => e.message)).toEqual(['工作表中没有小区或村：从第 2 行起每行填写一个']);
  });
});
