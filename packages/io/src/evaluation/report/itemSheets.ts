/**
 * @module The 县级指标 sheet of the evaluation workbook, every county item and 一票否决 with its
 * verdict, and 县级指标明细, the full list of schools that fail an item (the items table names
 * only the first few).
 */
import {
  type EvaluationResult,
  type ItemResult,
  STAGE_NAMES,
  STATUS_NAMES,
  type StandardKey,
  sourceTitle,
} from '@junheng/core';
import type ExcelJS from 'exceljs';
import { failingSchoolText, itemRequirement, STANDARD_NAMES } from './narrative.js';
import {
  addSheet,
  addTable,
  type ColumnSpec,
  colourByText,
  defineColumns,
  STATUS_WORDS,
  type Value,
} from './workbookStyle.js';

const ITEM_COLUMNS: ColumnSpec[] = [
  { header: '标准', width: 9 },
  { header: '方面', width: 12 },
  { header: '序号', width: 5 },
  { header: '指标', wrap: true, width: 36 },
  { header: '实际情况', wrap: true, width: 14 },
  { header: '要求', width: 14 },
  { header: '结论', width: 9 },
  { header: '原因', wrap: true, width: 30 },
  { header: '不符合学校', wrap: true, width: 40 },
  { header: '佐证说明', wrap: true, width: 32 },
  { header: '依据', wrap: true, width: 16 },
];

/** How many failing schools are named in the items table; the full list has its own sheet. */
const FAILING_SHOWN = 10;

function failingCell(item: ItemResult): string {
  const f = item.failingSchools ?? [];
  const shown = f.slice(0, FAILING_SHOWN).map(failingSchoolText).join('\n');
  return f.length > FAILING_SHOWN ? `${shown}\n……共 ${f.length} 处，见“县级指标明细”` : shown;
}

/** The 依据 column: the title of the standard's document, never the tables' research tags. */
function itemBasis(result: EvaluationResult, standard: StandardKey, source: string): string {
  return sourceTitle(source, result.rules[standard].document);
}

function itemValues(result: EvaluationResult, standard: StandardKey, aspect: string, i: ItemResult): Value[] {
  return [
    STANDARD_NAMES[standard],
    aspect,
    i.no,
    i.name,
    i.display,
    itemRequirement(i),
    STATUS_NAMES[i.status],
    i.reason,
    failingCell(i),
    i.note ?? '',
    itemBasis(result, standard, i.source),
  ];
}

export function itemSheets(wb: ExcelJS.Workbook, result: EvaluationResult): void {
  const ws = addSheet(wb, '县级指标', 1, 0);
  const rows: Value[][] = [];
  const listed: { standard: StandardKey; item: ItemResult }[] = [];
  for (const a of result.quality?.aspects ?? []) {
    for (const i of a.items) {
      rows.push(itemValues(result, 'quality', a.name, i));
      listed.push({ standard: 'quality', item: i });
    }
  }
  for (const v of result.quality?.vetoes ?? []) {
    const shown = v.triggered === null ? '未提供' : v.triggered ? '存在' : '不存在';
    rows.push([
      '优质均衡',
      '一票否决',
      null,
      v.name,
      shown,
      '不存在该情形',
      STATUS_NAMES[v.status],
      '',
      '',
      v.note ?? '',
      itemBasis(result, 'quality', v.source),
    ]);
  }
  for (const i of result.basic?.items ?? []) {
    rows.push(itemValues(result, 'basic', '基本均衡', i));
    listed.push({ standard: 'basic', item: i });
  }
  defineColumns(ws, ITEM_COLUMNS, rows);
  const { last } = addTable(ws, ITEM_COLUMNS, rows, { filter: true });
  colourByText(ws, 7, 2, last, STATUS_WORDS);
  failingSchoolSheet(wb, listed);
}

const FAILING_COLUMNS: ColumnSpec[] = [
  { header: '标准', width: 9 },
  { header: '指标', wrap: true, width: 46 },
  { header: '学校标识码', width: 13 },
  { header: '学校名称', width: 26 },
  { header: '学段', width: 6 },
  { header: '情况', wrap: true, width: 60 },
];

function failingSchoolSheet(
  wb: ExcelJS.Workbook,
  items: readonly { standard: StandardKey; item: ItemResult }[],
): void {
  const ws = addSheet(wb, '县级指标明细', 1, 0);
  const rows: Value[][] = items.flatMap(({ standard, item }) =>
    (item.failingSchools ?? []).map((f) => [
      STANDARD_NAMES[standard],
      item.name,
      f.id,
      f.name,
      f.stage ? STAGE_NAMES[f.stage] : '',
      f.detail,
    ]),
  );
  defineColumns(ws, FAILING_COLUMNS, rows);
  addTable(ws, FAILING_COLUMNS, rows, { filter: true });
}
