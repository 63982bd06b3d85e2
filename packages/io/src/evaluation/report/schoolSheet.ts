/**
 * @module The 学校达标 sheet of the evaluation workbook: 优质均衡 per school and stage, each
 * indicator's value, requirement and mark, the shortfalls and the minimum plan to meet them.
 */
import {
  INDICATORS,
  LOCALITY_NAMES,
  type QualityResult,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STATUS_NAMES,
  type Status,
} from '@junheng/core';
import type ExcelJS from 'exceljs';
import { INDICATOR_MARKS, schoolPlanText, schoolShortfalls } from './narrative.js';
import {
  addSheet,
  type ColumnSpec,
  colourByText,
  defineColumns,
  FMT,
  fitRowHeights,
  LINE_HEIGHT,
  STATUS_WORDS,
  styleHeader,
  type Value,
  valueFormat,
} from './workbookStyle.js';

/** Marks of per-school indicators coloured like the status they stand for. */
const MARK_STATUS: Record<string, Status> = {
  [INDICATOR_MARKS.met]: 'met',
  [INDICATOR_MARKS.floor]: 'incomplete',
  [INDICATOR_MARKS.belowFloor]: 'unmet',
  [INDICATOR_MARKS.missing]: 'incomplete',
};

const SCHOOL_FIXED: ColumnSpec[] = [
  { header: '学校标识码', width: 13 },
  { header: '学校名称', width: 26 },
  { header: '学段', width: 6 },
  { header: '学校类型', width: 14 },
  { header: '城乡', width: 6 },
  { header: '在校生数', numFmt: FMT.count, width: 9 },
];
const SCHOOL_TAIL: ColumnSpec[] = [
  { header: '达标项数', width: 8 },
  { header: '结论', width: 9 },
  { header: '短板（缺额）', wrap: true, width: 42 },
  { header: '最低整改方案', wrap: true, width: 42 },
];

export function schoolSheet(wb: ExcelJS.Workbook, quality: QualityResult | undefined): void {
  const ws = addSheet(wb, '学校达标', 2, 2);
  if (!quality) {
    ws.addRow(['本次未评估优质均衡，无学校达标明细']);
    return;
  }
  const ids = quality.stages[0]?.coefficients.map((c) => c.indicator) ?? [];
  const perIndicator: ColumnSpec[] = ids.flatMap((id) => [
    { header: '值', numFmt: valueFormat(id), width: 9 },
    { header: '要求', numFmt: valueFormat(id), width: 8 },
    { header: '判定', width: 8 },
  ]);
  const specs = [...SCHOOL_FIXED, ...perIndicator, ...SCHOOL_TAIL];
  defineColumns(ws, specs, []);
  // Two header rows: the indicator name spans its three columns (值 / 要求 / 判定).
  const top = ws.addRow(specs.map(() => null));
  const sub = ws.addRow(specs.map((s) => s.header));
  const tailStart = SCHOOL_FIXED.length + perIndicator.length + 1;
  const spanned = [...SCHOOL_FIXED.map((_, j) => j + 1), ...SCHOOL_TAIL.map((_, j) => tailStart + j)];
  for (const col of spanned) {
    top.getCell(col).value = specs[col - 1].header;
    ws.mergeCells(top.number, col, sub.number, col);
  }
  ids.forEach((id, j) => {
    const col = SCHOOL_FIXED.length + 1 + 3 * j;
    top.getCell(col).value = `${INDICATORS[id].shortName}（${INDICATORS[id].unit}）`;
    ws.mergeCells(top.number, col, top.number, col + 2);
  });
  styleHeader(top);
  styleHeader(sub);
  // The indicator names span three columns: two lines are enough, whatever one column suggests.
  top.height = 2 * LINE_HEIGHT;
  const rows: Value[][] = quality.schools.map((s) => [
    s.schoolId,
    s.name,
    STAGE_NAMES[s.stage],
    SCHOOL_TYPE_NAMES[s.type],
    LOCALITY_NAMES[s.locality],
    s.students,
    ...s.indicators.flatMap((i) => [i.value, i.requirement, INDICATOR_MARKS[i.status]]),
    s.metCount,
    STATUS_NAMES[s.status],
    schoolShortfalls(s).join('；'),
    schoolPlanText(s),
  ]);
  if (rows.length > 0) ws.addRows(rows);
  fitRowHeights(ws, specs, sub.number + 1, rows);
  const last = sub.number + rows.length;
  if (rows.length > 0)
    ws.autoFilter = { from: { row: sub.number, column: 1 }, to: { row: last, column: specs.length } };
  ids.forEach((_, j) => {
    colourByText(ws, SCHOOL_FIXED.length + 3 + 3 * j, sub.number + 1, last, MARK_STATUS);
  });
  colourByText(ws, tailStart + 1, sub.number + 1, last, STATUS_WORDS);
}
