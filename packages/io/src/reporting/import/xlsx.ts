/**
 * @module An uploaded .xlsx → plain sheets, the one way every import reads a workbook: the bytes
 * are checked for what they are (an .xls, a PDF… gets its own message), unzipped with the inflated
 * bytes bounded (zipLimits.ts), each worksheet's rows counted against the import's cap
 * (limits.ts), and only then parsed by exceljs in the parser thread (xlsxWorker.ts). This is the
 * only place that knows exceljs cell shapes: formulas ({formula, result}), rich text, hyperlinks,
 * error values, dates and %-formatted numbers.
 */
import type ExcelJS from 'exceljs';
import { fractionToPercent } from '../../platform/percent.js';
import type { CellValue } from './cells.js';
import { HEADER_ROWS, IMPORT_ROW_CAPS, type ImportKind, tooManyRows } from './limits.js';
import { type MergedRange, normalizeHeader, type SheetData, type SheetRow } from './sheet.js';
import { asWorkbookError, partsProblem, sniffNotWorkbook, WorkbookError } from './workbookErrors.js';
import { parseWorkbookInWorker, type RawSheet } from './xlsxWorker.js';
import { type InflateStats, storedZip, unzipBounded, ZipRefusal } from './zipLimits.js';

export type { RawSheet } from './xlsxWorker.js';

/** A workbook as read: its worksheets as plain rows. */
export interface Workbook {
  worksheets: RawSheet[];
}

/** How a workbook is read. */
export interface LoadOptions {
  /** The file's name (tells an .et from an .xls in the message). */
  file?: string;
  /** The import: its row cap per worksheet is checked before parsing. */
  kind?: ImportKind;
  /** Receives the count of bytes inflated. */
  stats?: InflateStats;
}

const ZIP_PROBLEMS = {
  notZip: 'notWorkbook',
  zipTooLarge: 'zipTooLarge',
  zipDamaged: 'zipDamaged',
  zipEncrypted: 'encrypted',
} as const;

/** Decodes the five XML entities (sheet names are attribute values). */
function xmlText(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : '&',
  );
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? xmlText(m[1]!) : undefined;
}

/** Worksheet part path → sheet name, from xl/workbook.xml and its relationships. */
function sheetNames(parts: ReadonlyMap<string, Buffer>): Map<string, string> {
  const part = (name: string) => parts.get(name) ?? parts.get(`/${name}`);
  const targets = new Map<string, string>();
  for (const tag of part('xl/_rels/workbook.xml.rels')
    ?.toString('utf8')
    .match(/<Relationship\s[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const tag of part('xl/workbook.xml')
    ?.toString('utf8')
    .match(/<sheet\s[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    const path = targets.get(attr(tag, 'r:id') ?? '');
    if (name && path) names.set(path, name);
  }
  return names;
}

/**
 * Rows of a worksheet part that hold a value (`<v>` or an inline string): formatted empty rows do
 * not count. A byte scan, cheap next to parsing.
 */
function filledRows(xml: Buffer): number {
  let count = 0;
  let at = xml.indexOf('<row');
  while (at >= 0) {
    const next = xml.indexOf('<row', at + 4);
    const row = xml.subarray(at, next < 0 ? xml.length : next);
    if (row.includes('<v>') || row.includes('<v ') || row.includes('<is>')) count++;
    at = next;
  }
  return count;
}

/**
 * Refuses a workbook any of whose worksheets has more rows than the import allows.
 * @throws WorkbookError `tooManyRows` naming the sheet and the cap
 */
function checkRowCaps(parts: ReadonlyMap<string, Buffer>, kind: ImportKind): void {
  const names = sheetNames(parts);
  let k = 0;
  for (const [path, xml] of parts) {
    if (!/^\/?xl\/worksheets\/[^/]+\.xml$/.test(path)) continue;
    k++;
    const rows = filledRows(xml);
    if (rows > IMPORT_ROW_CAPS[kind].rows + HEADER_ROWS) {
      const name = names.get(path.replace(/^\//, ''));
      const t = tooManyRows(kind, name ? `工作表“${name}”` : `第 ${k} 个工作表`, rows);
      throw new WorkbookError('tooManyRows', t.problem, t.fix);
    }
  }
}

/**
 * Load an .xlsx file.
 * @throws WorkbookError with a Chinese message (problem：fix) when the bytes are not a readable
 *   .xlsx, are too big, or a worksheet has more rows than the import allows
 */
export async function loadWorkbook(bytes: Uint8Array, opts: LoadOptions = {}): Promise<Workbook> {
  const sniffed = sniffNotWorkbook(bytes, opts.file);
  if (sniffed) throw sniffed;
  let parts: Map<string, Buffer>;
  try {
    parts = await unzipBounded(bytes, undefined, opts.stats);
  } catch (e) {
    if (e instanceof ZipRefusal) throw WorkbookError.of(ZIP_PROBLEMS[e.code]);
    throw asWorkbookError(e);
  }
  const problem = partsProblem(parts);
  if (problem) throw problem;
  if (opts.kind) checkRowCaps(parts, opts.kind);
  return { worksheets: await parseWorkbookInWorker(storedZip(parts)) };
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
export function readWorksheet(ws: RawSheet): SheetData {
  const rows: SheetRow[] = [];
  const merges = new Map<string, MergedRange>();
  for (const [rowNo, raw] of ws.rows) {
    const cells: CellValue[] = [];
    for (const [colNo, value, numFmt, master] of raw) {
      cells[colNo - 1] = plain(value as ExcelJS.CellValue, numFmt ?? undefined);
      if (!master) continue;
      const [masterRow, masterCol, address] = master;
      const range = merges.get(address) ?? {
        top: masterRow,
        bottom: masterRow,
        left: masterCol - 1,
        right: masterCol - 1,
      };
      range.top = Math.min(range.top, rowNo);
      range.bottom = Math.max(range.bottom, rowNo);
      range.left = Math.min(range.left, colNo - 1);
      range.right = Math.max(range.right, colNo - 1);
      merges.set(address, range);
    }
    // Blank cells leave holes; make them explicit nulls.
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    rows.push({ rowNo, cells });
  }
  const sheet: SheetData = { name: ws.name, rows };
  if (merges.size > 0) sheet.merges = [...merges.values()];
  return sheet;
}

/**
 * Find a worksheet by name (spaces and width forgiven), or else the first one whose first rows
 * hold `headerHint` (a renamed sheet still imports).
 */
export function findWorksheet(wb: Workbook, name: string, headerHint?: string): RawSheet | undefined {
  const wanted = normalizeHeader(name);
  const byName = wb.worksheets.find((ws) => normalizeHeader(ws.name) === wanted);
  if (byName || !headerHint) return byName;
  const hint = normalizeHeader(headerHint);
  return wb.worksheets.find((ws) =>
    ws.rows.some(
      ([rowNo, cells]) =>
        rowNo <= 10 && cells.some(([, v]) => typeof v === 'string' && normalizeHeader(v) === hint),
    ),
  );
}
