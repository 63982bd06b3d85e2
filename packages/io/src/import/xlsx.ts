/**
 * @module exceljs workbook → plain sheets. This is the only place that knows exceljs cell shapes:
 * formulas ({formula, result}), rich text, hyperlinks, error values, dates and %-formatted numbers.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../excel.js';
import { fractionToPercent } from '../percent.js';
import type { CellValue } from './cells.js';
import { type MergedRange, normalizeHeader, type SheetData, type SheetRow } from './sheet.js';
import { checkZipExpansion } from './zipLimits.js';

/**
 * Load an .xlsx file.
 * @throws Error with a Chinese message when the bytes are not a readable .xlsx
 */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  checkZipExpansion(bytes);
  const wb = new (await loadExcel()).Workbook();
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new Error(
      `无法读取 Excel 文件（${(e as Error).message}）：请确认是 .xlsx 格式；.xls 文件请在 Excel 中“另存为” .xlsx 后再导入`,
    );
  }
  return wb;
}

/** exceljs cell value → plain cell. */
function plain(value: ExcelJS.CellValue, numFmt: string | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    // A cell formatted as % holds the fraction; hand it over as the percentage the clerk saw.
    return numFmt?.includes('%') ? `${fractionToPercent(value)}%` : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null)
      return `=${(value as ExcelJS.CellFormulaValue).formula ?? ''}`;
    if (typeof result === 'object' && 'error' in result) return String(result.error);
    return plain(result as ExcelJS.CellValue, numFmt);
  }
  if ('text' in value) {
    const text = (value as ExcelJS.CellHyperlinkValue).text;
    return typeof text === 'string' ? text : plain(text as ExcelJS.CellValue, numFmt);
  }
  return String(value);
}

/**
 * All non-empty rows of a worksheet as plain cells. exceljs gives every cell of a merged block
 * the value of its top-left cell; the blocks are listed in `merges` so readers can tell.
 */
export function readWorksheet(ws: ExcelJS.Worksheet): SheetData {
  const rows: SheetRow[] = [];
  const merges = new Map<string, MergedRange>();
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNo) => {
      cells[colNo - 1] = plain(cell.value, cell.numFmt);
      if (!cell.isMerged || cell.master === cell) return;
      const master = cell.master;
      const range = merges.get(master.address) ?? {
        top: Number(master.row),
        bottom: Number(master.row),
        left: Number(master.col) - 1,
        right: Number(master.col) - 1,
      };
      range.top = Math.min(range.top, rowNo);
      range.bottom = Math.max(range.bottom, rowNo);
      range.left = Math.min(range.left, colNo - 1);
      range.right = Math.max(range.right, colNo - 1);
      merges.set(master.address, range);
    });
    // eachCell leaves holes for blank cells; make them explicit nulls.
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    rows.push({ rowNo, cells });
  });
  const sheet: SheetData = { name: ws.name, rows };
  if (merges.size > 0) sheet.merges = [...merges.values()];
  return sheet;
}

/**
 * Find a worksheet by name (spaces and width forgiven), or else the first one whose first rows
 * hold `headerHint` (a renamed sheet still imports).
 */
export function findWorksheet(
  wb: ExcelJS.Workbook,
  name: string,
  headerHint?: string,
): ExcelJS.Worksheet | undefined {
  const wanted = normalizeHeader(name);
  const byName = wb.worksheets.find((ws) => normalizeHeader(ws.name) === wanted);
  if (byName || !headerHint) return byName;
  const hint = normalizeHeader(headerHint);
  return wb.worksheets.find((ws) => {
    for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
      const values = ws.getRow(r).values;
      if (Array.isArray(values) && values.some((v) => typeof v === 'string' && normalizeHeader(v) === hint)) {
        return true;
      }
    }
    return false;
  });
}
