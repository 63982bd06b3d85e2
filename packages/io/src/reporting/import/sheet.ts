/**
 * @module A worksheet or CSV file reduced to rows of plain cells, and header matching on it.
 */
import { type CellValue, isBlank } from './cells.js';

export interface SheetRow {
  /** Row number as the user sees it (Excel row; CSV record, header = 1). */
  rowNo: number;
  /** Cells by 0-based column index; missing trailing cells are blank. */
  cells: CellValue[];
}

/** A block of merged cells (xlsx): every cell of it holds the value of the top-left one. */
export interface MergedRange {
  /** First and last row, as row numbers (SheetRow.rowNo). */
  top: number;
  bottom: number;
  /** First and last column, 0-based. */
  left: number;
  right: number;
}

export interface SheetData {
  /** Worksheet name; undefined for CSV. */
  name?: string;
  rows: SheetRow[];
  /** Merged cells (xlsx only). */
  merges?: MergedRange[];
}

/**
 * Canonical form of a header for matching: full-width → half-width, no spaces, no required
 * marks (*), no trailing unit in parentheses, no trailing colon. “在校生数（人）” → “在校生数”.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/[:：]$/, '')
    .replace(/[([【][^()[\]【】]*[)\]】]$/, '');
}

/**
 * The unit a header states in （）or () at its end, as typed (spaces removed), or undefined.
 * “教学仪器设备值（万元）” → “万元”; “学校名称” → undefined.
 */
export function headerUnit(text: string): string | undefined {
  const bare = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/[:：]$/, '');
  const m = /\(([^()]*)\)$/.exec(bare);
  return m && m[1] !== '' ? m[1] : undefined;
}

/** The cell as header text ('' for blank). */
export function headerText(cell: CellValue): string {
  if (cell === null) return '';
  return String(cell).trim();
}

/**
 * The first of the first few rows holding a cell whose header is `firstHeader`.
 * Tolerates a title row above the header.
 */
export function findHeaderRow(sheet: SheetData, firstHeader: string, within = 10): number {
  const wanted = normalizeHeader(firstHeader);
  const limit = Math.min(sheet.rows.length, within);
  for (let i = 0; i < limit; i++) {
    if (sheet.rows[i].cells.some((c) => normalizeHeader(headerText(c)) === wanted)) return i;
  }
  return -1;
}

/** True if every cell of the row is blank. */
export function isBlankRow(row: SheetRow): boolean {
  for (const cell of row.cells) if (!isBlank(cell)) return false;
  return true;
}

export interface HeaderMatch {
  /** For each wanted column, its 0-based index in the sheet, or -1. */
  index: number[];
  /** Sheet headers that match nothing. */
  unknown: { col: number; text: string }[];
  /** Wanted columns that appear twice. */
  duplicates: { spec: number; text: string }[];
}

/** Headers that are notes for people and are never imported. */
const IGNORED = /^(备注|说明|注)/;

/**
 * Match the header row against wanted columns by name (or alias), forgiving unit suffixes,
 * spaces and full-width parentheses.
 * @param header the header row's cells
 * @param wanted for each wanted column, the names it may have
 */
export function matchHeaders(header: CellValue[], wanted: readonly (readonly string[])[]): HeaderMatch {
  const lookup = new Map<string, number>();
  wanted.forEach((names, spec) => {
    for (const name of names) lookup.set(normalizeHeader(name), spec);
  });
  const index = wanted.map(() => -1);
  const unknown: HeaderMatch['unknown'] = [];
  const duplicates: HeaderMatch['duplicates'] = [];
  header.forEach((cell, col) => {
    const text = headerText(cell);
    if (text === '') return;
    const key = normalizeHeader(text);
    const spec = lookup.get(key);
    if (spec === undefined) {
      if (!IGNORED.test(key)) unknown.push({ col, text });
    } else if (index[spec] >= 0) {
      duplicates.push({ spec, text });
    } else {
      index[spec] = col;
    }
  });
  return { index, unknown, duplicates };
}

/** Excel column letters for a 0-based index (0 → A). */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
