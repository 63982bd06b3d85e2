/**
 * @module The evaluation result as an Excel workbook, for the bureau clerk who works with it and
 * the inspector who checks it: every coefficient with the schools it was computed from (and
 * formulas that recompute it), every school's compliance, every county item, and what was left
 * out and why. Sheets are built from plain row arrays; colours of status cells come from a few
 * conditional-formatting rules rather than per-cell styles, so 2,000+ schools stay fast.
 */
import {
  type BasicStageResult,
  type CoefficientRow,
  combineStatus,
  type EvaluationResult,
  fmtCv,
  fmtNumber,
  INDICATORS,
  type IndicatorId,
  type ItemResult,
  LOCALITY_NAMES,
  type QualityResult,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STAGES,
  STATUS_NAMES,
  type Stage,
  type StandardKey,
  type Status,
  sourceTitle,
  type YearOverYear,
} from '@junheng/core';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/excel.js';
import {
  coefficientStatusText,
  failingSchoolText,
  INDICATOR_MARKS,
  itemRequirement,
  type ReportOptions,
  rulesDescription,
  STANDARD_NAMES,
  schoolPlanText,
  schoolShortfalls,
  schoolYearLabel,
  verdictLine,
} from './narrative.js';

type Sheet = ExcelJS.Worksheet;
type Value = ExcelJS.CellValue;

// ---------------------------------------------------------------------------------------------
// Look and layout

/** Excel's own 好 / 差 / 适中 cell colours, which clerks already read as pass / fail / warning. */
const STATUS_COLOURS: Record<Status, { fill: string; font: string }> = {
  met: { fill: 'FFC6EFCE', font: 'FF006100' },
  unmet: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  incomplete: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  notApplicable: { fill: 'FFEDEDED', font: 'FF595959' },
};

/** Marks of per-school indicators coloured like the status they stand for. */
const MARK_STATUS: Record<string, Status> = {
  [INDICATOR_MARKS.met]: 'met',
  [INDICATOR_MARKS.floor]: 'incomplete',
  [INDICATOR_MARKS.belowFloor]: 'unmet',
  [INDICATOR_MARKS.missing]: 'incomplete',
};

const HEADER_FILL = 'FFD9E1F2';

const FMT = {
  cv: '0.000',
  count: '#,##0',
  weight: '0.000000',
  change: '+0.000;-0.000;0.000',
};

/** Number format of a per-school value (X_i, mean, S): the catalogue's decimals, 元 with separators. */
function valueFormat(id: IndicatorId): string {
  const def = INDICATORS[id];
  const decimals = `0.${'0'.repeat(def.decimals)}`;
  return def.unit === '元' ? `#,##${decimals}` : decimals;
}

/** Number format of a resource (R_i, ΣR): whole teachers / rooms / 元, m² to 2 decimals. */
function resourceFormat(id: IndicatorId): string {
  const def = INDICATORS[id];
  return def.integral || def.resourceUnit === '元' ? FMT.count : '#,##0.00';
}

/** Display width of text in Excel column units: a CJK character is as wide as two Latin ones. */
function textWidth(v: Value): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return Math.min(String(v).length, 12);
  if (typeof v === 'object') return 10;
  let w = 0;
  for (const ch of String(v)) w += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return w;
}

interface ColumnSpec {
  header: string;
  /** Fixed width; otherwise sized from the header and the first rows. */
  width?: number;
  numFmt?: string;
  /** Long text: wrapped, capped width. */
  wrap?: boolean;
}

/** A new sheet, frozen below its header, printable landscape on A4 fitted to the page width. */
function addSheet(wb: ExcelJS.Workbook, name: string, frozenRows: number, frozenCols = 0): Sheet {
  const frozen = frozenRows > 0 || frozenCols > 0;
  const ws = wb.addWorksheet(name, {
    views: frozen ? [{ state: 'frozen', xSplit: frozenCols, ySplit: frozenRows }] : [],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  if (frozenRows > 0) ws.pageSetup.printTitlesRow = `1:${frozenRows}`;
  ws.headerFooter.oddFooter = `&L${name}&R第 &P 页，共 &N 页`;
  return ws;
}

/** Column widths, formats and wrapping; set before rows are added so new cells inherit them. */
function defineColumns(ws: Sheet, specs: readonly ColumnSpec[], sample: readonly Value[][]): void {
  specs.forEach((spec, j) => {
    const col = ws.getColumn(j + 1);
    let width = spec.width;
    if (width === undefined) {
      // Sizing from the first rows is enough: big tables repeat the same kinds of values.
      let w = textWidth(spec.header);
      for (let r = 0; r < Math.min(sample.length, 300); r++) w = Math.max(w, textWidth(sample[r][j]));
      width = Math.max(6, Math.min(spec.wrap ? 60 : 40, w + 2));
    }
    col.width = width;
    if (spec.numFmt) col.numFmt = spec.numFmt;
    // Only long-text columns carry a style: a style on every cell slows the writer by a third.
    if (spec.wrap) col.alignment = { wrapText: true, vertical: 'top' };
  });
}

/** Header cells: bold on a tinted band, wrapped, and the row as tall as its longest header. */
function styleHeader(row: ExcelJS.Row): void {
  const values = (row.values as Value[]).slice(1);
  fitHeight(row, [...values.keys()], values);
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/**
 * A header row and data rows at the bottom of the sheet, with optional autofilter.
 * @returns the row numbers of the header and of the last data row
 */
function addTable(
  ws: Sheet,
  specs: readonly ColumnSpec[],
  rows: readonly Value[][],
  opts: { filter?: boolean } = {},
): { header: number; last: number } {
  const header = ws.addRow(specs.map((s) => s.header));
  styleHeader(header);
  if (rows.length > 0) ws.addRows(rows as Value[][]);
  fitRowHeights(ws, specs, header.number + 1, rows);
  const last = header.number + rows.length;
  if (opts.filter && rows.length > 0) {
    ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: last, column: specs.length } };
  }
  return { header: header.number, last };
}

/** Points per line of 11 pt text, with room for CJK glyphs. */
const LINE_HEIGHT = 15;

/**
 * Row heights for wrapped text, estimated from its width. Excel grows such rows by itself, but
 * LibreOffice and print previews do not, and a clipped reason is worse than a tall row.
 */
function fitRowHeights(
  ws: Sheet,
  specs: readonly ColumnSpec[],
  firstRow: number,
  rows: readonly Value[][],
): void {
  const wrapped = specs.flatMap((s, j) => (s.wrap ? [j] : []));
  if (wrapped.length === 0) return;
  for (let k = 0; k < rows.length; k++) fitHeight(ws.getRow(firstRow + k), wrapped, rows[k]);
}

/** Lines `text` takes in a column of `width` units. */
function linesOf(text: Value, width: number): number {
  if (typeof text !== 'string' || text === '') return 1;
  return text
    .split('\n')
    .reduce((a, line) => a + Math.max(1, Math.ceil(textWidth(line) / Math.max(1, width - 1))), 0);
}

function fitHeight(row: ExcelJS.Row, columns: readonly number[], values: readonly Value[]): void {
  let lines = 1;
  for (const j of columns)
    lines = Math.max(lines, linesOf(values[j], row.worksheet.getColumn(j + 1).width ?? 10));
  if (lines > 1) row.height = lines * LINE_HEIGHT;
}

function colLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * Colour cells of one column by the status word they hold, with conditional formatting:
 * one rule per status for the whole column instead of a style on every cell.
 */
function colourByText(
  ws: Sheet,
  col: number,
  first: number,
  last: number,
  words: Record<string, Status>,
): void {
  if (last < first) return;
  const c = colLetter(col);
  const rules: ExcelJS.ConditionalFormattingRule[] = Object.entries(words).map(([word, status], k) => ({
    type: 'expression',
    priority: k + 1,
    formulae: [`$${c}${first}="${word}"`],
    style: {
      fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: STATUS_COLOURS[status].fill } },
      font: { color: { argb: STATUS_COLOURS[status].font } },
    },
  }));
  ws.addConditionalFormatting({ ref: `${c}${first}:${c}${last}`, rules });
}

const STATUS_WORDS: Record<string, Status> = Object.fromEntries(
  (Object.keys(STATUS_NAMES) as Status[]).map((s) => [STATUS_NAMES[s], s]),
);

/** A status cell styled directly: for the small 总览 sheet, where the verdict must stand out. */
function paintStatus(cell: ExcelJS.Cell, status: Status): void {
  cell.value = STATUS_NAMES[status];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS[status].fill } };
  cell.font = { bold: true, color: { argb: STATUS_COLOURS[status].font } };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

// ---------------------------------------------------------------------------------------------
// 总览

function sectionTitle(ws: Sheet, text: string): void {
  ws.addRow([]);
  const row = ws.addRow([text]);
  row.getCell(1).font = { bold: true, size: 12 };
}

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

function overviewSheet(wb: ExcelJS.Workbook, result: EvaluationResult): void {
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

// ---------------------------------------------------------------------------------------------
// 差异系数 and 差异系数明细

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
function coefficientSheets(wb: ExcelJS.Workbook, result: EvaluationResult): void {
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

// ---------------------------------------------------------------------------------------------
// 学校达标 (优质均衡 per school and stage)

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

function schoolSheet(wb: ExcelJS.Workbook, quality: QualityResult | undefined): void {
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

// ---------------------------------------------------------------------------------------------
// 县级指标 and its school list

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

function itemSheets(wb: ExcelJS.Workbook, result: EvaluationResult): void {
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

// ---------------------------------------------------------------------------------------------
// 未纳入学校, 数据问题, 年度对比

function excludedSheet(wb: ExcelJS.Workbook, result: EvaluationResult): void {
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

function issueSheet(wb: ExcelJS.Workbook, result: EvaluationResult): void {
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

function comparisonSheet(wb: ExcelJS.Workbook, yoy: YearOverYear): void {
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

// ---------------------------------------------------------------------------------------------

/**
 * Write the evaluation result as an Excel workbook.
 *
 * Sheets: 总览 (verdicts, reasons, rules used), 差异系数 (every coefficient with formulas that
 * recompute it from the detail), 差异系数明细 (every counted school: P_i, R_i, X_i, w_i),
 * 学校达标 (优质均衡 per school: 7 values, shortfalls, minimum plan), 县级指标 and
 * 县级指标明细, 未纳入学校, 数据问题, and 年度对比 when a comparison is given.
 *
 * @param result the evaluation (full detail lists every school; summary detail lists fewer rows)
 * @param opts.comparison year-over-year comparison to add as a sheet
 * @returns the .xlsx file contents
 */
export async function writeResultWorkbook(
  result: EvaluationResult,
  opts: ReportOptions = {},
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'junheng 均衡';
  wb.title = `${result.county.name}${schoolYearLabel(result.year)}义务教育均衡发展督导评估结果`;
  // Recalculate on open so the audit formulas show Excel's own figures, not our cached ones.
  wb.calcProperties = { fullCalcOnLoad: true };
  overviewSheet(wb, result);
  coefficientSheets(wb, result);
  schoolSheet(wb, result.quality);
  itemSheets(wb, result);
  excludedSheet(wb, result);
  issueSheet(wb, result);
  if (opts.comparison) comparisonSheet(wb, opts.comparison);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
