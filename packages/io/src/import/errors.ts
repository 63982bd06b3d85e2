/**
 * @module What an import returns, and how one error is shown to a person.
 */
import { type CountyDataset, describeValue } from '@junheng/core';

/** One problem in an input file, located as precisely as the format allows. */
export interface ImportError {
  /** File name as the user knows it (no directory). */
  file: string;
  /** Worksheet (xlsx only). */
  sheet?: string;
  /** Row number as shown by Excel (header = 1); for CSV, the record number. */
  row?: number;
  /** Column header, with unit, as in the template. */
  column?: string;
  /** JSON path (JSON files). */
  path?: string;
  /** The value found (omitted when the problem is a missing cell, column or sheet). */
  value?: unknown;
  /** What is wrong and how to fix it, in Chinese. */
  message: string;
}

export interface ImportResult {
  /** The dataset; undefined when there are errors, unless allowIncomplete kept the good rows. */
  dataset?: CountyDataset;
  /** Every problem found (not just the first). */
  errors: ImportError[];
  /** With allowIncomplete: one Chinese line per row, school or item left out. */
  skipped: string[];
  /** Things the user should know that are not errors (defaults used, optional columns absent). */
  warnings: string[];
}

/**
 * One line, e.g. `学校数据.xlsx 工作表“学校基本情况” 第 14 行 “在校生数（人）” 为 -3：不能为负数…`.
 */
export function formatImportError(e: ImportError): string {
  let where = e.file;
  if (e.sheet) where += ` 工作表“${e.sheet}”`;
  if (e.row !== undefined) where += ` 第 ${e.row} 行`;
  if (e.column) where += ` “${e.column}”`;
  if (e.path) where += ` ${e.path}`;
  if (e.value !== undefined) where += ` 为 ${describeValue(e.value)}`;
  return `${where}：${e.message}`;
}

/** Collects errors that share a file and sheet. */
export class ErrorSink {
  /**
   * @param file file name
   * @param sheet worksheet name (xlsx)
   * @param errors the list to append to (a new one by default)
   */
  constructor(
    readonly file: string,
    readonly sheet?: string,
    readonly errors: ImportError[] = [],
  ) {}

  /** Record an error at a cell (row/column/value may be omitted). */
  add(message: string, at: { row?: number; column?: string; value?: unknown } = {}): void {
    const e: ImportError = { file: this.file, message };
    if (this.sheet) e.sheet = this.sheet;
    if (at.row !== undefined) e.row = at.row;
    if (at.column !== undefined) e.column = at.column;
    if (at.value !== undefined) e.value = at.value;
    this.errors.push(e);
  }
}
