/**
 * @module The closing sheets of the evaluation workbook: 未纳入学校 (schools left out and why),
 * 数据问题 (the data issues found) and 年度对比 (the comparison with an earlier year).
 */
import {
  type EvaluationResult,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STATUS_NAMES,
  type StandardKey,
  type YearOverYear,
} from '@junheng/core';
import type ExcelJS from 'exceljs';
import { coefficientStatusText, STANDARD_NAMES, schoolYearLabel } from './narrative.js';
import {
  addSheet,
  addTable,
  type ColumnSpec,
  colourByText,
  defineColumns,
  FMT,
  STATUS_WORDS,
  sectionTitle,
  styleHeader,
  type Value,
} from './workbookStyle.js';

export function excludedSheet(wb: ExcelJS.Workbook, result: EvaluationResult): void {
  const ws = addSheet(wb, '未纳入学校', 1, 0);
  const specs: ColumnSpec[] = [
    { header: '学校标识码', width: 13 },
    { header: '学校名称' },
    { header: '学校类型' },
    { header: '学段', width: 6 },
    { header: '在校生数', numFmt: FMT.count, width: 9 },
    { header: '原因', wrap: true, width: 56 },
    { header: '涉及标准', width: 18 },
  ];
  const rows: Value[][] = result.excluded.map((e) => [
    e.schoolId,
    e.name,
    SCHOOL_TYPE_NAMES[e.type],
    STAGE_NAMES[e.stage],
    e.students,
    e.reason,
    e.standards.map((s) => STANDARD_NAMES[s]).join('、'),
  ]);
  defineColumns(ws, specs, rows);
  addTable(ws, specs, rows, { filter: true });
}

export function issueSheet(wb: ExcelJS.Workbook, result: EvaluationResult): void {
  const ws = addSheet(wb, '数据问题', 1, 0);
  const specs: ColumnSpec[] = [
    { header: '学校标识码', width: 13 },
    { header: '学校名称' },
    { header: '学段', width: 6 },
    { header: '字段', width: 20 },
    { header: '问题', wrap: true, width: 70 },
  ];
  const rows: Value[][] = result.issues.map((i) => [
    i.schoolId,
    i.name,
    i.stage ? STAGE_NAMES[i.stage] : '',
    i.field,
    i.message,
  ]);
  defineColumns(ws, specs, rows);
  addTable(ws, specs, rows, { filter: true });
}

const basicSingle = (c: { standard: StandardKey; indicator: string }) =>
  c.standard === 'basic' && c.indicator !== 'composite';

export function comparisonSheet(wb: ExcelJS.Workbook, yoy: YearOverYear): void {
  const ws = addSheet(wb, '年度对比', 1, 0);
  const prev = schoolYearLabel(yoy.previousYear);
  const cur = schoolYearLabel(yoy.currentYear);
  const specs: ColumnSpec[] = [
    { header: '标准', width: 9 },
    { header: '学段', width: 6 },
    { header: '指标', width: 46 },
    { header: `${prev}`, numFmt: FMT.cv, width: 16 },
    { header: `${cur}`, numFmt: FMT.cv, width: 16 },
    { header: '变化（负值为更均衡）', numFmt: FMT.change, width: 20 },
    { header: `${prev}结论`, width: 18 },
    { header: `${cur}结论`, width: 18 },
  ];
  defineColumns(ws, specs, []);
  const rows: Value[][] = yoy.coefficients.map((c) => [
    STANDARD_NAMES[c.standard],
    STAGE_NAMES[c.stage],
    c.name,
    c.previous ?? '不适用',
    c.current ?? '不适用',
    c.change,
    coefficientStatusText(c.previousStatus, !basicSingle(c), c.previous),
    coefficientStatusText(c.currentStatus, !basicSingle(c), c.current),
  ]);
  const { last } = addTable(ws, specs, rows, { filter: true });
  colourByText(ws, 8, 2, last, STATUS_WORDS);
  sectionTitle(ws, '结论');
  styleHeader(ws.addRow(['标准', null, null, `${prev}`, `${cur}`]));
  for (const v of yoy.verdicts) {
    ws.addRow([STANDARD_NAMES[v.standard], null, null, STATUS_NAMES[v.previous], STATUS_NAMES[v.current]]);
  }
  sectionTitle(ws, '资源配置达标学校');
  styleHeader(ws.addRow(['学段', null, null, `${prev}`, `${cur}`]));
  for (const s of yoy.schools) {
    ws.addRow([
      STAGE_NAMES[s.stage],
      null,
      null,
      `${s.previousMet}/${s.previousTotal}`,
      `${s.currentMet}/${s.currentTotal}`,
    ]);
  }
}
