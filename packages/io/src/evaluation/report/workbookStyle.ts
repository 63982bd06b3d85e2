/**
 * @module The look and layout shared by every sheet of the evaluation workbook: number formats,
 * column sizing, header bands, row heights for wrapped text and status colours. Colours of status
 * cells come from a few conditional-formatting rules rather than per-cell styles, so 2,000+
 * schools stay fast.
 */
import { INDICATORS, type IndicatorId, STATUS_NAMES, type Status } from '@junheng/core';
import type ExcelJS from 'exceljs';

export type Sheet = ExcelJS.Worksheet;
export type Value = ExcelJS.CellValue;

// ---------------------------------------------------------------------------------------------
// Look and layout

/** Excel's own 好 / 差 / 适中 cell colours, which clerks already read as pass / fail / warning. */
const STATUS_COLOURS: Record<Status, { fill: string; font: string }> = {
  met: { fill: 'FFC6EFCE', font: 'FF006100' },
  unmet: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  incomplete: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  notApplicable: { fill: 'FFEDEDED', font: 'FF595959' },
};

const HEADER_FILL = 'FFD9E1F2';

export const FMT = {
  cv: '0.000',
  count: '#,##0',
  weight: '0.000000',
  change: '+0.000;-0.000;0.000',
};

/** Number format of a per-school value (X_i, mean, S): the catalogue's decimals, 元 with separators. */
export function valueFormat(id: IndicatorId): string {
  const def = INDICATORS[id];
  const decimals = `0.${'0'.repeat(def.decimals)}`;
  return def.unit === '元' ? `#,##${decimals}` : decimals;
}

/** Number format of a resource (R_i, ΣR): whole teachers / rooms / 元, m² to 2 decimals. */
export function resourceFormat(id: IndicatorId): string {
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

export interface ColumnSpec {
  header: string;
  /** Fixed width; otherwise sized from the header and the first rows. */
  width?: number;
  numFmt?: string;
  /** Long text: wrapped, capped width. */
  wrap?: boolean;
}

/** A new sheet, frozen below its header, printable landscape on A4 fitted to the page width. */
export function addSheet(wb: ExcelJS.Workbook, name: string, frozenRows: number, frozenCols = 0): Sheet {
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
export function defineColumns(ws: Sheet, specs: readonly ColumnSpec[], sample: readonly Value[][]): void {
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
export function styleHeader(row: ExcelJS.Row): void {
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
export function addTable(
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
export const LINE_HEIGHT = 15;

/**
 * Row heights for wrapped text, estimated from its width. Excel grows such rows by itself, but
 * LibreOffice and print previews do not, and a clipped reason is worse than a tall row.
 */
export function fitRowHeights(
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
export function colourByText(
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

export const STATUS_WORDS: Record<string, Status> = Object.fromEntries(
  (Object.keys(STATUS_NAMES) as Status[]).map((s) => [STATUS_NAMES[s], s]),
);

/** A status cell styled directly: for the small 总览 sheet, where the verdict must stand out. */
export function paintStatus(cell: ExcelJS.Cell, status: Status): void {
  cell.value = STATUS_NAMES[status];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_COLOURS[status].fill } };
  cell.font = { bold: true, color: { argb: STATUS_COLOURS[status].font } };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

export function sectionTitle(ws: Sheet, text: string): void {
  ws.addRow([]);
  const row = ws.addRow([text]);
  row.getCell(1).font = { bold: true, size: 12 };
}
