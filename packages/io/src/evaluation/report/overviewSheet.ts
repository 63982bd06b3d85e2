/**
 * @module The 总览 sheet of the evaluation workbook: the county, the verdicts of each standard,
 * the reasons for what is not met, the rules used and how many schools were counted. It is a
 * form rather than a table, so it is laid out row by row.
 */
import {
  combineStatus,
  type EvaluationResult,
  fmtCv,
  fmtNumber,
  STAGE_NAMES,
  STATUS_NAMES,
  type Status,
} from '@junheng/core';
import type ExcelJS from 'exceljs';
import { rulesDescription, schoolYearLabel, verdictLine } from './narrative.js';
import {
  addSheet,
  type ColumnSpec,
  defineColumns,
  fitRowHeights,
  paintStatus,
  type Sheet,
  sectionTitle,
  styleHeader,
  type Value,
} from './workbookStyle.js';

function overviewVerdicts(ws: Sheet, result: EvaluationResult): void {
  sectionTitle(ws, '评估结论');
  styleHeader(ws.addRow(OVERVIEW_COLUMNS.map((c) => c.header)));
  const line = (label: string, status: Status, note: string, indent = false) => {
    const row = noteRow(ws, [indent ? `　${label}` : label, null, note]);
    paintStatus(row.getCell(2), status);
    if (!indent) row.getCell(1).font = { bold: true };
  };
  const q = result.quality;
  if (q) {
    line('优质均衡', q.status, q.standard.document);
    for (const a of q.aspects) line(a.name, a.status, a.reasons.join('；') || '全部达到要求', true);
    const vetoes = combineStatus(q.vetoes.map((v) => v.status));
    const triggered = q.vetoes
      .filter((v) => v.status !== 'met')
      .map((v) => `${v.name}（${STATUS_NAMES[v.status]}）`);
    line('一票否决项', vetoes, triggered.join('；') || '均不存在', true);
  }
  const b = result.basic;
  if (b) {
    line('基本均衡', b.status, b.standard.document);
    for (const st of b.stages) {
      if (st.composite.status === 'notApplicable') continue;
      const note = `${fmtCv(st.composite.value)}（要求 ≤ ${fmtNumber(st.composite.threshold, 2)}）`;
      line(`${STAGE_NAMES[st.stage]}综合差异系数`, st.composite.status, note, true);
    }
  }
  line('总体', result.status, verdictLine(result));
}

function overviewCounts(ws: Sheet, result: EvaluationResult): void {
  sectionTitle(ws, '评估范围');
  styleHeader(ws.addRow(['学段', '纳入校际评估学校（部）数', '在校生数']));
  for (const st of result.quality?.stages ?? result.basic?.stages ?? []) {
    ws.addRow([STAGE_NAMES[st.stage], st.schoolCount, st.studentCount]);
  }
  ws.addRow(['未纳入校际评估', result.excluded.length, '见“未纳入学校”工作表']);
  ws.addRow(['数据问题', result.issues.length, '见“数据问题”工作表']);
}

/** 总览 is a form, not a table: label, value, and a wrapped explanation. */
const OVERVIEW_COLUMNS: ColumnSpec[] = [
  { header: '项目', width: 30 },
  { header: '结论', width: 22 },
  { header: '说明', width: 90, wrap: true },
];

/** A row of 总览 whose explanation may run over several lines. */
function noteRow(ws: Sheet, values: Value[]): ExcelJS.Row {
  const row = ws.addRow(values);
  row.getCell(1).alignment = { vertical: 'top' };
  fitRowHeights(ws, OVERVIEW_COLUMNS, row.number, [values]);
  return row;
}

export function overviewSheet(wb: ExcelJS.Workbook, result: EvaluationResult): void {
  const ws = addSheet(wb, '总览', 0);
  defineColumns(ws, OVERVIEW_COLUMNS, []);
  const title = ws.addRow([`${result.county.name}义务教育均衡发展督导评估结果`]);
  title.getCell(1).font = { bold: true, size: 16 };
  ws.mergeCells(title.number, 1, title.number, 3);
  ws.addRow(['学年', schoolYearLabel(result.year)]);
  ws.addRow(['县（市、区）', result.county.name]);
  ws.addRow(['行政区划代码', result.county.code]);
  if (result.county.province || result.county.city) {
    ws.addRow(['所属', [result.county.province, result.county.city].filter(Boolean).join(' ')]);
  }
  overviewVerdicts(ws, result);
  sectionTitle(ws, '未达标及数据不全的原因');
  if (result.reasons.length === 0) ws.addRow(['无']);
  result.reasons.forEach((r, k) => {
    noteRow(ws, [`${k + 1}`, null, r]);
  });
  sectionTitle(ws, '评估依据与口径');
  for (const line of rulesDescription(result)) {
    const [label, ...rest] = line.split('：');
    noteRow(ws, [label.trim(), null, rest.join('：')]);
  }
  overviewCounts(ws, result);
}
