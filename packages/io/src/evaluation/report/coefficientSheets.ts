/**
 * @module The 差异系数 and 差异系数明细 sheets of the evaluation workbook: every coefficient with
 * the schools it was computed from, and formulas on the summary that recompute each coefficient
 * from the detail so an inspector can check it in Excel.
 */
import {
  type BasicStageResult,
  type CoefficientRow,
  type EvaluationResult,
  STAGE_NAMES,
  STAGES,
  STATUS_NAMES,
  type Stage,
  type StandardKey,
} from '@junheng/core';
import type ExcelJS from 'exceljs';
import { coefficientStatusText, STANDARD_NAMES } from './narrative.js';
import {
  addSheet,
  addTable,
  type ColumnSpec,
  colourByText,
  defineColumns,
  FMT,
  resourceFormat,
  type Sheet,
  STATUS_WORDS,
  styleHeader,
  type Value,
  valueFormat,
} from './workbookStyle.js';

/** One coefficient with the key that ties its summary row to its rows of detail. */
interface CoefficientEntry {
  key: string;
  standard: StandardKey;
  row: CoefficientRow;
}

function coefficientEntries(result: EvaluationResult): CoefficientEntry[] {
  const out: CoefficientEntry[] = [];
  const add = (standard: StandardKey, stages: { stage: string; coefficients: CoefficientRow[] }[]) => {
    for (const st of stages) {
      st.coefficients.forEach((row, k) => {
        const key = `${STANDARD_NAMES[standard].slice(0, 2)}-${STAGE_NAMES[row.stage]}-${String(k + 1).padStart(2, '0')}`;
        out.push({ key, standard, row });
      });
    }
  };
  // Same order as the summary sheet writes them, so each coefficient's detail rows are together.
  if (result.quality) add('quality', result.quality.stages);
  if (result.basic) add('basic', result.basic.stages);
  return out;
}

const DETAIL_SHEET = '差异系数明细';

// 标准 and 学段 are read from the 编号 ("优质-小学-05"): with 2,000 schools this sheet has ~30,000
// rows, and every column left out saves the writer ~10% of its time.
const DETAIL_COLUMNS: ColumnSpec[] = [
  { header: '编号（标准-学段-序号）' },
  { header: '指标' },
  { header: '学校标识码', width: 13 },
  { header: '学校名称' },
  { header: '在校生数 P_i', numFmt: FMT.count, width: 12 },
  { header: '资源量 R_i', width: 16 },
  { header: '指标值 X_i', width: 14 },
  { header: '权重 w_i = P_i/P', numFmt: FMT.weight, width: 16 },
];

/**
 * Every counted school of every coefficient, one row each, grouped by coefficient.
 * R_i and X_i take the number format of their indicator, row by row (units differ).
 */
function detailSheet(wb: ExcelJS.Workbook, entries: readonly CoefficientEntry[]): void {
  const ws = addSheet(wb, DETAIL_SHEET, 1, 0);
  const rows: Value[][] = [];
  const formats: [string, string][] = [];
  for (const { key, row } of entries) {
    const rf = resourceFormat(row.indicator);
    const vf = valueFormat(row.indicator);
    for (const s of row.schools) {
      rows.push([key, row.name, s.id, s.name, s.students, s.resource, s.value, s.weight]);
      formats.push([rf, vf]);
    }
  }
  defineColumns(ws, DETAIL_COLUMNS, rows);
  const { header } = addTable(ws, DETAIL_COLUMNS, rows, { filter: true });
  for (let k = 0; k < formats.length; k++) {
    const r = ws.getRow(header + 1 + k);
    r.getCell(6).numFmt = formats[k][0];
    r.getCell(7).numFmt = formats[k][1];
  }
}

const SUMMARY_COLUMNS: ColumnSpec[] = [
  { header: '编号' },
  { header: '标准' },
  { header: '学段' },
  { header: '指标', width: 34 },
  { header: '单位', width: 7 },
  { header: '学校数 n', numFmt: FMT.count, width: 9 },
  { header: '在校生数 P=ΣP_i', numFmt: FMT.count, width: 15 },
  { header: '资源总量 ΣR_i', width: 16 },
  { header: '均值 X̄', width: 12 },
  { header: '标准差 S', width: 12 },
  { header: '差异系数 CV', numFmt: FMT.cv, width: 12 },
  { header: '要求（≤）', numFmt: '0.00', width: 10 },
  { header: '结论', width: 10 },
  { header: '未填报学校', wrap: true, width: 24 },
  { header: '复核均值（公式）', width: 14 },
  { header: '复核标准差（公式）', width: 14 },
  { header: '复核差异系数（公式）', numFmt: FMT.cv, width: 14 },
  { header: '核对', width: 8 },
];

/** Absolute range of one detail column, for formulas on the summary sheet. */
const detailRange = (col: string, last: number) => `'${DETAIL_SHEET}'!$${col}$2:$${col}$${last}`;

/**
 * Formulas that recompute X̄, S and CV from the detail rows with the same key (spec §a.3:
 * X̄ = Σ P_i·X_i / P, S = √(Σ P_i·(X_i − X̄)² / P)). Keyed by 编号 rather than by row
 * position, so they stay right when the clerk sorts or filters the detail sheet.
 */
function recomputeFormulas(r: number, last: number, row: CoefficientRow): Value[] {
  const key = detailRange('A', last);
  const p = detailRange('E', last);
  const x = detailRange('G', last);
  const mean: Value = {
    formula: `SUMPRODUCT((${key}=$A${r})*${p}*${x})/SUMIFS(${p},${key},$A${r})`,
    result: row.mean ?? undefined,
  };
  const sd: Value = {
    formula: `SQRT(SUMPRODUCT((${key}=$A${r})*${p}*(${x}-O${r})^2)/SUMIFS(${p},${key},$A${r}))`,
    result: row.sd ?? undefined,
  };
  const cv: Value = { formula: `IF(O${r}=0,"不适用",P${r}/O${r})`, result: row.cv ?? undefined };
  return [mean, sd, cv, checkFormula(r)];
}

function checkFormula(r: number): Value {
  return { formula: `IF(ISNUMBER(Q${r}),IF(ABS(Q${r}-K${r})<=1E-9,"一致","不一致"),"—")`, result: '一致' };
}

function coefficientValues(e: CoefficientEntry): Value[] {
  const c = e.row;
  const status = coefficientStatusText(c.status, c.threshold !== null, c.cv);
  return [
    e.key,
    STANDARD_NAMES[e.standard],
    STAGE_NAMES[c.stage],
    c.name,
    c.unit,
    c.n,
    c.totalStudents,
    c.totalResource,
    c.mean,
    c.sd,
    c.cv ?? '不适用',
    c.threshold,
    status,
    c.missing.map((m) => m.name).join('、'),
  ];
}

/** A coefficient can be recomputed from the detail when every counted school is listed. */
const auditable = (c: CoefficientRow) => c.schools.length > 0 && c.schools.length === c.n && c.cv !== null;

/** Rows of one coefficient: values, then the audit formulas when the detail allows them. */
function addCoefficientRow(ws: Sheet, e: CoefficientEntry, detailLast: number): void {
  const c = e.row;
  const r = ws.rowCount + 1;
  const row = ws.addRow([
    ...coefficientValues(e),
    ...(auditable(c) ? recomputeFormulas(r, detailLast, c) : []),
  ]);
  row.getCell(8).numFmt = resourceFormat(c.indicator);
  for (const col of [9, 10, 15, 16]) row.getCell(col).numFmt = valueFormat(c.indicator);
}

/**
 * Write both coefficient sheets: a row per standard, stage and indicator, and for 基本均衡 the
 * 综合差异系数 after each stage. The detail sheet comes after the summary (sheet order) but its
 * size is known up front, so the summary formulas can name its ranges.
 */
export function coefficientSheets(wb: ExcelJS.Workbook, result: EvaluationResult): void {
  const entries = coefficientEntries(result);
  const ws = addSheet(wb, '差异系数', 1, 4);
  defineColumns(ws, SUMMARY_COLUMNS, []);
  styleHeader(ws.addRow(SUMMARY_COLUMNS.map((c) => c.header)));
  const detailLast = 1 + entries.reduce((n, e) => n + e.row.schools.length, 0);
  for (const standard of ['quality', 'basic'] as const) {
    for (const stage of STAGES) {
      const group = entries.filter((e) => e.standard === standard && e.row.stage === stage);
      if (group.length === 0) continue;
      const first = ws.rowCount + 1;
      for (const e of group) addCoefficientRow(ws, e, detailLast);
      const composite = result.basic?.stages.find((s) => s.stage === stage)?.composite;
      if (standard === 'basic' && composite) {
        addCompositeRow(
          ws,
          stage,
          composite,
          first,
          group.every((e) => auditable(e.row)),
        );
      }
    }
  }
  const lastRow = ws.rowCount;
  if (lastRow > 1) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: SUMMARY_COLUMNS.length } };
  }
  colourByText(ws, 13, 2, lastRow, STATUS_WORDS);
  colourByText(ws, 18, 2, lastRow, { 一致: 'met', 不一致: 'unmet' });
  detailSheet(wb, entries);
}

/**
 * The 基本均衡 综合差异系数 of a stage, below its single coefficients (rows `first` … above);
 * its audit formula averages their recomputed CVs.
 */
function addCompositeRow(
  ws: Sheet,
  stage: Stage,
  composite: BasicStageResult['composite'],
  first: number,
  audited: boolean,
): void {
  const r = ws.rowCount + 1;
  const values: Value[] = [
    `${STANDARD_NAMES.basic.slice(0, 2)}-${STAGE_NAMES[stage]}-综合`,
    STANDARD_NAMES.basic,
    STAGE_NAMES[stage],
    `综合差异系数（${r - first} 项差异系数的平均值）`,
    null,
    null,
    null,
    null,
    null,
    null,
    composite.value ?? '不适用',
    composite.threshold,
    STATUS_NAMES[composite.status],
    null,
    null,
    null,
  ];
  if (audited && composite.value !== null) {
    values.push({ formula: `AVERAGE(Q${first}:Q${r - 1})`, result: composite.value }, checkFormula(r));
  }
  ws.addRow(values).font = { bold: true };
}
