import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readLotteryEntries, readLotteryEntriesText } from './entries.js';

const A = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const B = '00112233445566778899AABBCCDDEEFF';

describe('lottery entries from a file or pasted text', () => {
  it('reads pasted lines split by tab, comma or spaces, with or without a header', () => {
    const r = readLotteryEntriesText(
      `编号\t核验码\n2026-000001\t${A}\n张*明 2019-03 ${B}\n\n2026-000003,${A}\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      { ticket: '2026-000001', secret: A },
      { ticket: '张*明 2019-03', secret: B },
      { ticket: '2026-000003', secret: A },
    ]);
    expect(readLotteryEntriesText(`2026-000001 ${A}`).entries).toHaveLength(1);
  });

  it('reports every bad row with its row, column and a Chinese fix, and returns no entries', () => {
    const r = readLotteryEntriesText(
      `编号,核验码\n2026-000001,${A}\n2026-000002,123456\n2026-000001,${B}\n,${A}\n`,
      '名单.txt',
    );
    expect(r.entries).toEqual([]);
    expect(r.errors).toEqual([
      expect.objectContaining({ file: '名单.txt', row: 3, column: '核验码', value: '123456' }),
      expect.objectContaining({ row: 4, column: '编号', value: '2026-000001' }),
      expect.objectContaining({ row: 5, column: '编号' }),
    ]);
    expect(r.errors[0]!.message).toContain('32–128 位十六进制数字');
    expect(r.errors[1]!.message).toContain('与第 2 行重复');
    expect(readLotteryEntriesText('只有一列\n').errors[0]!.message).toContain('没有找到“编号”和“核验码”两列');
  });

  it('reads a CSV with extra columns and an .xlsx with a title row; refuses .xls', async () => {
    const csv = new TextEncoder().encode(
      `\uFEFF序号,编号,核验码,备注\n1,2026-000001,${A},\n2,2026-000002,${B},双胞胎\n`,
    );
    const r = await readLotteryEntries(csv, '名单.csv');
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => e.ticket)).toEqual(['2026-000001', '2026-000002']);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('派位名单');
    ws.addRow(['2026年招生派位名单']);
    ws.addRow(['编号', '核验码']);
    ws.addRow(['2026-000001', A]);
    ws.addRow([20260002, B]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const x = await readLotteryEntries(bytes, '名单.xlsx');
    expect(x.errors).toEqual([]);
    expect(x.entries).toEqual([
      { ticket: '2026-000001', secret: A },
      { ticket: '20260002', secret: B },
    ]);
    const bad = await readLotteryEntries(new Uint8Array([1, 2, 3]), '名单.xls');
    expect(bad.errors[0]).toMatchObject({
      message: '文件不是有效的 Excel 工作簿',
      fix: expect.stringContaining('.xlsx'),
    });
  });
});
