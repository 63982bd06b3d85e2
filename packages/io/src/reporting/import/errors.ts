/**
 * @module What an import returns, and how one error is shown to a person.
 */
import { type CountyDataset, describeValue, type Issue } from '@junheng/core';

/** One problem in an input file, located as precisely as the format allows. */
export interface ImportError {
  /** Stable code of the kind of problem (see {@link toIssue} for the codes given by location). */
  code?: string;
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
  /** What is wrong, in Chinese; older readers put the fix here too, after a full-width colon. */
  message: string;
  /** How to fix it, in Chinese (when not already in `message`). */
  fix?: string;
  /** For the `moreErrors` line only: how many errors were not kept. */
  omitted?: number;
}

/** Most errors listed to a person: past that, one line says how many more there are. */
export const MAX_LISTED_ERRORS = 200;
/** Most errors a reader keeps in memory (the rest are only counted). */
const MAX_KEPT_ERRORS = 1000;

/** The line standing for errors not listed. */
function moreErrors(file: string, omitted: number): ImportError {
  return {
    file,
    code: 'moreErrors',
    message: `另有 ${omitted} 处错误未列出`,
    fix: '请先改正以上错误后重新上传，其余错误届时再列出',
    omitted,
  };
}

/**
 * Adds an error to a list, keeping at most a thousand: past that, a `moreErrors` line at the end
 * counts the rest (a huge bad file would otherwise build a list of millions and a response of
 * hundreds of megabytes).
 */
export function addError(errors: ImportError[], e: ImportError): void {
  if (errors.length < MAX_KEPT_ERRORS) {
    errors.push(e);
    return;
  }
  const last = errors[errors.length - 1]!;
  if (last.code === 'moreErrors') {
    last.omitted = (last.omitted ?? 0) + 1;
    last.message = `另有 ${last.omitted} 处错误未列出`;
  } else errors.push(moreErrors(e.file, 1));
}

/**
 * The errors to show: the first {@link MAX_LISTED_ERRORS}, then one line "另有 N 处错误未列出"
 * counting every other error (also those a reader only counted).
 */
export function listedErrors(errors: readonly ImportError[]): ImportError[] {
  const real = errors.filter((e) => e.code !== 'moreErrors');
  const counted = errors.reduce((n, e) => n + (e.code === 'moreErrors' ? (e.omitted ?? 0) : 0), 0);
  const omitted = counted + Math.max(0, real.length - MAX_LISTED_ERRORS);
  const shown = real.slice(0, MAX_LISTED_ERRORS);
  if (omitted > 0) shown.push(moreErrors(errors[0]?.file ?? '', omitted));
  return shown;
}

/** How many problems a list stands for (counted ones included). */
export function errorCount(errors: readonly ImportError[]): number {
  return errors.reduce((n, e) => n + (e.code === 'moreErrors' ? (e.omitted ?? 0) : 1), 0);
}

/** One row of an import's error table: core's Issue (every row has a code and a fix). */
export type ImportIssue = Issue;

/** Words a fix starts with: text after "：" that starts otherwise is part of the problem. */
const FIX_START =
  /^(请|应|每|同一|只能|不要|不能|需|须|可|如|把|将|在|用|删|改|从|先|第一行应|代码用|至少|没有则|空白|联系)/;

/** The fix of an error by where it is, when its message carries none. */
function fixByLocation(e: ImportError): string {
  if (e.column) return `请按模板说明改正“${e.column}”这一格，然后重新上传`;
  if (e.row !== undefined) return `请改正第 ${e.row} 行，然后重新上传`;
  if (e.sheet) return `请对照模板检查工作表“${e.sheet}”，然后重新上传`;
  return '请对照模板检查文件，然后重新上传';
}

/** The code of an error by where it is, when it has none. */
function codeByLocation(e: ImportError): string {
  if (e.column || e.path) return 'invalidValue';
  if (e.row !== undefined) return 'invalidRow';
  if (e.sheet) return 'invalidSheet';
  return 'invalidFile';
}

/**
 * An error as a row of the error table: the message split into what is wrong and how to fix it
 * (at the first "：" followed by an instruction), a fix by location where the message has none,
 * and a code.
 */
export function toIssue(e: ImportError): ImportIssue {
  let message = e.message;
  let fix = e.fix;
  if (!fix) {
    const at = message.indexOf('：');
    if (at > 0 && FIX_START.test(message.slice(at + 1))) {
      fix = message.slice(at + 1);
      message = message.slice(0, at);
    }
  }
  const issue: ImportIssue = {
    code: e.code ?? codeByLocation(e),
    file: e.file,
    message,
    fix: fix ?? fixByLocation(e),
  };
  for (const k of ['sheet', 'row', 'column', 'path', 'value', 'omitted'] as const) {
    // Absent and null alike are left out: an issue's location has only what is known.
    if (e[k] !== undefined && e[k] !== null) (issue as unknown as Record<string, unknown>)[k] = e[k];
  }
  return issue;
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
  return `${where}：${e.message}${e.fix ? `：${e.fix}` : ''}`;
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
    addError(this.errors, e);
  }
}
