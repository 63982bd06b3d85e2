/**
 * @module Why a file cannot be read as an .xlsx workbook, in the user's words. Every failure of
 * the workbook reader ends up here (no library message reaches a person), and files that are
 * something else are recognised by their bytes — an old binary Excel or WPS file renamed to .xlsx,
 * a password-protected workbook, a Word document, a PDF, a CSV — so the message says what it is.
 */
import { extname } from 'node:path';
import type { ImportError } from './errors.js';

/** The stable codes of unreadable workbooks, with what is wrong and how to fix it. */
export const WORKBOOK_PROBLEMS = {
  empty: {
    problem: '文件是空的（0 字节）',
    fix: '请重新选择填好的文件上传',
  },
  notWorkbook: {
    problem: '文件不是有效的 Excel 工作簿',
    fix: '请在 Excel/WPS 中另存为 .xlsx 后再导入',
  },
  xls: {
    problem: '这是旧版 Excel 97-2003 工作簿（.xls，二进制格式），不能直接导入',
    fix: '请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入',
  },
  et: {
    problem: '这是 WPS 表格自有格式（.et），不能直接导入',
    fix: '请在 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入',
  },
  encrypted: {
    problem: '文件设置了打开密码，无法读取',
    fix: '请在 Excel/WPS 中取消打开密码，另存为 .xlsx 后再导入',
  },
  word: {
    problem: '这是 Word 文档，不是 Excel 工作簿',
    fix: '请上传用模板填写的 Excel 工作簿（.xlsx）',
  },
  ods: {
    problem: '这是 OpenDocument 表格（.ods），不能直接导入',
    fix: '请在 WPS、Excel 或 LibreOffice 中“另存为” Excel 工作簿（.xlsx）后再导入',
  },
  pdf: {
    problem: '这是 PDF 文件，不是 Excel 工作簿',
    fix: '请上传用模板填写的 Excel 工作簿（.xlsx）',
  },
  text: {
    problem: '这是文本文件（如 CSV），不是 Excel 工作簿',
    fix: '请在 Excel/WPS 中打开后另存为 .xlsx 再导入；支持 CSV 的导入也可把扩展名改回 .csv',
  },
  zipTooLarge: {
    problem: 'Excel 文件解压后超过 100 MB 上限',
    fix: '请删除多余的工作表、图片和空行，或分成几个文件导入',
  },
  zipDamaged: {
    problem: 'Excel 文件已损坏或被改动过，无法解压',
    fix: '请在 Excel/WPS 中重新打开，另存为 .xlsx 后再导入',
  },
  tooBig: {
    problem: '文件内容过多，读取时超出了服务器的内存或时间限制',
    fix: '请删除多余的行、工作表和图片，或分成几个文件导入',
  },
} as const;

export type WorkbookProblem = keyof typeof WORKBOOK_PROBLEMS;

/** A workbook that cannot be read; `message` is the whole Chinese line (problem：fix). */
export class WorkbookError extends Error {
  readonly problem: string;
  readonly fix: string;

  constructor(
    readonly code: string,
    problem: string,
    fix: string,
  ) {
    super(`${problem}：${fix}`);
    this.problem = problem;
    this.fix = fix;
  }

  /** The error of a listed problem. */
  static of(code: WorkbookProblem): WorkbookError {
    const p = WORKBOOK_PROBLEMS[code];
    return new WorkbookError(code, p.problem, p.fix);
  }
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[] | string): boolean {
  const p = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix;
  if (bytes.length < p.length) return false;
  for (let i = 0; i < p.length; i++) if (bytes[i] !== p[i]) return false;
  return true;
}

/** True when a stream of this name is in an OLE2 file's directory (names are UTF-16LE). */
function hasStream(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, 'utf16le'));
}

/**
 * What an OLE2 compound file (signature D0 CF 11 E0) is: a password-protected .xlsx keeps its
 * package in an "EncryptedPackage" stream, Word in "WordDocument"; otherwise it is a binary
 * spreadsheet, .xls or WPS .et (same container; the file name tells which the user has).
 */
function ole2Problem(bytes: Uint8Array, file: string | undefined): WorkbookProblem {
  if (hasStream(bytes, 'EncryptedPackage')) return 'encrypted';
  if (hasStream(bytes, 'WordDocument')) return 'word';
  return file && extname(file).toLowerCase() === '.et' ? 'et' : 'xls';
}

/** True when the start of the file reads as text (no NUL, no other control bytes but tab/CR/LF). */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.length === 0) return false;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/**
 * The problem of a file whose bytes are recognisably not an .xlsx (ZIP) workbook, before unzipping.
 * @param file the file's name (its extension tells .xls from .et)
 * @returns undefined when the bytes may be a ZIP archive
 */
export function sniffNotWorkbook(bytes: Uint8Array, file?: string): WorkbookError | undefined {
  if (bytes.length === 0) return WorkbookError.of('empty');
  if (startsWith(bytes, OLE2)) return WorkbookError.of(ole2Problem(bytes, file));
  if (startsWith(bytes, '%PDF')) return WorkbookError.of('pdf');
  if (startsWith(bytes, 'PK')) return undefined;
  if (looksLikeText(bytes)) return WorkbookError.of('text');
  return undefined;
}

/**
 * The problem of an archive that unzipped but is no spreadsheet workbook (a .docx, an .ods).
 * @param parts part names of the archive → content
 */
export function partsProblem(parts: ReadonlyMap<string, Buffer>): WorkbookError | undefined {
  const has = (name: string) => parts.has(name) || parts.has(`/${name}`);
  if (has('xl/workbook.xml')) return undefined;
  if (has('word/document.xml')) return WorkbookError.of('word');
  if (parts.get('mimetype')?.toString('latin1').includes('opendocument.spreadsheet'))
    return WorkbookError.of('ods');
  return WorkbookError.of('notWorkbook');
}

/**
 * Any failure while reading a workbook as the user's error; a WorkbookError stays as it is, any
 * other (a library's English message) becomes "not a valid workbook".
 */
export function asWorkbookError(e: unknown): WorkbookError {
  return e instanceof WorkbookError ? e : WorkbookError.of('notWorkbook');
}

/**
 * The import error for a workbook that could not be read.
 * @param file the file's name
 * @param e what loadWorkbook threw
 */
export function workbookFailure(file: string, e: unknown): ImportError {
  const w = asWorkbookError(e);
  return { file, code: w.code, message: w.problem, fix: w.fix };
}
