/**
 * @module 指标到校 as .xlsx: the parameters and the whole calculation (core QUOTA_COLUMNS, Chinese
 * column names), places as exact integers, so anyone can recompute the allocation by hand.
 */
import { QUOTA_COLUMNS, QUOTA_SHARE_2017, type QuotaAllocation, quotaTable } from '@junheng/core';
import { loadExcel } from '../../platform/excel.js';
import { styleHeaderRow } from '../../reporting/template/style.js';

export interface QuotaWorkbookInput {
  countyName: string;
  year: number;
  highSchoolName: string;
  allocation: QuotaAllocation;
}

/** Number formats: exact values to 4 decimals, integers as integers. */
const DECIMAL_COLUMNS = new Set(['权重', '加权人数', '应得名额（精确值）', '余数']);

export async function writeQuotaWorkbook(input: QuotaWorkbookInput): Promise<Buffer> {
  const a = input.allocation;
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'junheng';
  const ws = wb.addWorksheet('指标到校计算表', { views: [{ state: 'frozen', ySplit: 9 }] });
  ws.addRow([`${input.countyName} ${input.year}年 ${input.highSchoolName} 指标到校名额分配`]);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(['招生计划总数', a.plan]);
  ws.addRow(['指标到校比例', a.share]);
  ws.getCell('B3').numFmt = '0.00%';
  ws.addRow(['分配到初中的名额', a.places, '= 向上取整(总数 × 比例)，保证比例不低于规定']);
  if (a.unplaced > 0)
    ws.addRow(['无法分配的名额', a.unplaced, '各校毕业生合计少于分配名额：每校至多分得其毕业生数']);
  ws.addRow(['乡村学校倾斜系数', a.ruralWeight]);
  ws.addRow(['每校最低名额', a.minimum]);
  ws.addRow(['按余数增补的名额', a.leftoverSeats, '最大余数法：整数部分之外的名额按余数从大到小各补 1 个']);
  ws.addRow([
    '依据',
    `${QUOTA_SHARE_2017.document}（比例下限 ${QUOTA_SHARE_2017.minShare * 100}%，${QUOTA_SHARE_2017.source}）`,
  ]);
  const header = ws.addRow(QUOTA_COLUMNS.map((c) => c.label));
  styleHeaderRow(header, 32);
  for (const row of quotaTable(a)) ws.addRow(QUOTA_COLUMNS.map((c) => row[c.label] ?? ''));
  const total = ws.addRow(
    QUOTA_COLUMNS.map((c) =>
      c.label === '学校代码'
        ? '合计'
        : c.label === '毕业生数'
          ? a.rows.reduce((s, r) => s + r.graduates, 0)
          : c.label === '分配名额'
            ? a.rows.reduce((s, r) => s + r.final, 0)
            : c.label === '余额增补'
              ? a.leftoverSeats
              : '',
    ),
  );
  total.font = { bold: true };
  QUOTA_COLUMNS.forEach((c, k) => {
    const col = ws.getColumn(k + 1);
    col.width = Math.max(10, [...c.label].length * 2 + 2);
    if (DECIMAL_COLUMNS.has(c.label)) col.numFmt = '0.0000';
  });
  ws.getColumn(2).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
