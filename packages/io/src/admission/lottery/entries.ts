/**
 * @module The entries of a 电脑派位 draw from a file a bureau uploads (.xlsx, .csv) or text it pastes:
 * two columns, 编号 (the public ticket) and 核验码 (the family's secret, 32–128 hex digits), one row
 * per child. Every problem is reported with its row, column and value (core's rules for tickets and
 * secrets, duplicates), and a file with any problem gives no entries at all.
 *
 * Other columns are ignored: a draw keeps no names, only tickets and the digests of the secrets.
 */
import {
  cleanTypedTicket,
  decodeLotteryBytes,
  entryDigest,
  type LotteryEntry,
  LotteryInputError,
  ticketProblem,
} from '@junheng/core';
import { readText } from '../../reporting/import/cells.js';
import { decodeText, parseCsv } from '../../reporting/import/csv.js';
import type { ImportError } from '../../reporting/import/errors.js';
import { csvRowCapError } from '../../reporting/import/limits.js';
import { headerText, normalizeHeader, type SheetData } from '../../reporting/import/sheet.js';
import { workbookFailure } from '../../reporting/import/workbookErrors.js';
import { loadWorkbook, readWorksheet } from '../../reporting/import/xlsx.js';

/** Header names accepted for the two columns. */
export const LOTTERY_TICKET_HEADERS = ['编号', '派位编号', '条目编号', 'ticket'] as const;
export const LOTTERY_SECRET_HEADERS = ['核验码', '校验密码', '校验码', '密码', 'secret'] as const;

/** Most errors listed (a wrong file would otherwise list one per row). */
const MAX_ERRORS = 200;

export interface LotteryEntriesResult {
  /** The entries in file order; empty when there is any error. */
  entries: LotteryEntry[];
  errors: ImportError[];
}

const isHeader = (names: readonly string[], text: string) =>
  names.some((n) => normalizeHeader(n).toLowerCase() === normalizeHeader(text).toLowerCase());

/** Rows of pasted text: each line split at its last tab, else last comma, else last run of spaces. */
function pastedRows(text: string): SheetData {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  return {
    rows: lines.map((line, i) => {
      const t = line.trim();
      const m = /^(.*)[\t,，]\s*([^\t,，]*)$/.exec(t) ?? /^(.*\S)\s+(\S+)$/.exec(t);
      return { rowNo: i + 1, cells: m ? [m[1]!.trim(), m[2]!.trim()] : [t === '' ? null : t] };
    }),
  };
}

/** Entries of sheet rows with a header row (编号, 核验码) or, without one, two columns of data. */
function entriesOfSheet(sheet: SheetData, file: string): LotteryEntriesResult {
  const errors: ImportError[] = [];
  const where = (rowNo: number, column?: string): Pick<ImportError, 'file' | 'sheet' | 'row' | 'column'> => ({
    file,
    ...(sheet.name ? { sheet: sheet.name } : {}),
    row: rowNo,
    ...(column ? { column } : {}),
  });
  const rows = sheet.rows.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (rows.length === 0) {
    return { entries: [], errors: [{ file, message: '名单是空的：请每行填写一名儿童的编号和核验码' }] };
  }
  let ticketCol = 0;
  let secretCol = 1;
  let data = rows;
  const headerIndex = rows
    .slice(0, 10)
    .findIndex((r) => r.cells.some((c) => isHeader(LOTTERY_TICKET_HEADERS, headerText(c))));
  if (headerIndex >= 0) {
    const header = rows[headerIndex]!.cells.map(headerText);
    ticketCol = header.findIndex((h) => isHeader(LOTTERY_TICKET_HEADERS, h));
    secretCol = header.findIndex((h) => isHeader(LOTTERY_SECRET_HEADERS, h));
    if (secretCol < 0) {
      return {
        entries: [],
        errors: [
          {
            ...where(rows[headerIndex]!.rowNo),
            message: '表头有“编号”列，但没有“核验码”列：请添加“核验码”列（每名儿童 32–128 位十六进制数字）',
          },
        ],
      };
    }
    data = rows.slice(headerIndex + 1);
  } else if (rows[0]!.cells.filter((c) => c !== null && String(c).trim() !== '').length !== 2) {
    return {
      entries: [],
      errors: [
        {
          ...where(rows[0]!.rowNo),
          message:
            '没有找到“编号”和“核验码”两列：请在第一行写表头“编号”“核验码”，或每行只写编号和核验码两项（用 Tab、逗号或空格分开）',
        },
      ],
    };
  }
  const entries: LotteryEntry[] = [];
  const seen = new Map<string, number>();
  let more = 0;
  const push = (e: ImportError) => {
    if (errors.length < MAX_ERRORS) errors.push(e);
    else more++;
  };
  for (const row of data) {
    const t = readText(row.cells[ticketCol] ?? null);
    const s = readText(row.cells[secretCol] ?? null);
    if (!t.ok) {
      push({ ...where(row.rowNo, '编号'), value: row.cells[ticketCol], message: t.message });
      continue;
    }
    if (!s.ok) {
      push({ ...where(row.rowNo, '核验码'), value: row.cells[secretCol], message: s.message });
      continue;
    }
    if (t.value === null) {
      push({ ...where(row.rowNo, '编号'), message: '编号为空：每名儿童都要有一个编号（如 2026-000123）' });
      continue;
    }
    if (s.value === null) {
      push({
        ...where(row.rowNo, '核验码'),
        value: t.value,
        message: `编号 “${t.value}” 没有核验码：请填写 32–128 位十六进制数字（交给家庭、用于核对本人条目）`,
      });
      continue;
    }
    const ticket = t.value.normalize('NFC');
    try {
      entryDigest({ ticket, secret: s.value });
    } catch (err) {
      if (!(err instanceof LotteryInputError)) throw err;
      const secretProblem = err.message.includes('的核验码');
      push({
        ...where(row.rowNo, secretProblem ? '核验码' : '编号'),
        value: secretProblem ? s.value : ticket,
        message: err.message,
      });
      continue;
    }
    const first = seen.get(ticket);
    if (first !== undefined) {
      push({
        ...where(row.rowNo, '编号'),
        value: ticket,
        message: `编号 “${ticket}” 与第 ${first} 行重复：每名儿童只能有一个编号、一个派位号（双胞胎共用一个条目）`,
      });
      continue;
    }
    seen.set(ticket, row.rowNo);
    entries.push({ ticket, secret: s.value });
  }
  if (more > 0) errors.push({ file, message: `另有 ${more} 处错误未列出：请先改正以上错误后重新上传` });
  if (errors.length === 0 && entries.length === 0) {
    errors.push({ file, message: '名单只有表头，没有条目：请每行填写一名儿童的编号和核验码' });
  }
  return errors.length > 0 ? { entries: [], errors } : { entries, errors };
}

/**
 * Entries from pasted text: one child per line, 编号 and 核验码 separated by a tab (copied from
 * Excel), a comma or spaces; an optional header line 编号 核验码.
 * @param text what was pasted
 * @param file the name to use in errors
 */
export function readLotteryEntriesText(text: string, file = '粘贴的名单'): LotteryEntriesResult {
  return entriesOfSheet(pastedRows(text), file);
}

/**
 * Entries from an uploaded file: .xlsx (the first worksheet with an 编号 column, else the first),
 * .csv (UTF-8 or GBK), or any other text (read as pasted text).
 * @param bytes the file
 * @param file its name (the extension picks the format)
 */
export async function readLotteryEntries(bytes: Uint8Array, file: string): Promise<LotteryEntriesResult> {
  const lower = file.toLowerCase();
  // An .xls or .et may be an .xlsx renamed; loadWorkbook tells a real one by its bytes.
  if (/\.(xlsx|xls|et)$/.test(lower)) {
    let wb: Awaited<ReturnType<typeof loadWorkbook>>;
    try {
      wb = await loadWorkbook(bytes, { file, kind: 'lottery' });
    } catch (err) {
      return { entries: [], errors: [workbookFailure(file, err)] };
    }
    const sheets = wb.worksheets.map(readWorksheet);
    const withHeader = sheets.find((s) =>
      s.rows.slice(0, 10).some((r) => r.cells.some((c) => isHeader(LOTTERY_TICKET_HEADERS, headerText(c)))),
    );
    const sheet = withHeader ?? sheets[0];
    if (!sheet) return { entries: [], errors: [{ file, message: '工作簿中没有工作表' }] };
    return entriesOfSheet(sheet, file);
  }
  const { text } = decodeText(bytes);
  if (lower.endsWith('.csv')) {
    const parsed = parseCsv(text);
    if (parsed.unclosedQuoteAt !== undefined) {
      return {
        entries: [],
        errors: [{ file, row: parsed.unclosedQuoteAt, message: '引号没有闭合：请检查这一行的双引号' }],
      };
    }
    const tooMany = csvRowCapError(parsed.records, 'lottery', file);
    if (tooMany) return { entries: [], errors: [tooMany] };
    return entriesOfSheet({ rows: parsed.records.map((cells, k) => ({ rowNo: k + 1, cells })) }, file);
  }
  return readLotteryEntriesText(text, file);
}

export interface LotteryTicketsResult {
  /** The tickets in file order; empty when there is any error. */
  tickets: string[];
  errors: ImportError[];
}

/** Most tickets a list for 核验码 may have (as many as a draw). */
export const MAX_TICKETS = 100_000;

/** Tickets of sheet rows: the 编号 column under a header row, else the first column. */
function ticketsOfSheet(sheet: SheetData, file: string): LotteryTicketsResult {
  const errors: ImportError[] = [];
  const rows = sheet.rows.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  const headerIndex = rows
    .slice(0, 10)
    .findIndex((r) => r.cells.some((c) => isHeader(LOTTERY_TICKET_HEADERS, headerText(c))));
  const column =
    headerIndex >= 0
      ? rows[headerIndex]!.cells.map(headerText).findIndex((h) => isHeader(LOTTERY_TICKET_HEADERS, h))
      : 0;
  const data = headerIndex >= 0 ? rows.slice(headerIndex + 1) : rows;
  const tickets: string[] = [];
  const seen = new Map<string, number>();
  for (const row of data) {
    if (errors.length >= MAX_ERRORS) break;
    const where = { file, ...(sheet.name ? { sheet: sheet.name } : {}), row: row.rowNo, column: '编号' };
    const t = readText(row.cells[column] ?? null);
    if (!t.ok) {
      errors.push({ ...where, value: row.cells[column], message: t.message });
      continue;
    }
    if (t.value === null) {
      errors.push({ ...where, message: '编号为空：每户一个编号（如 2026-000123）' });
      continue;
    }
    const ticket = cleanTypedTicket(t.value);
    const problem = ticketProblem(ticket);
    if (problem) {
      errors.push({ ...where, value: ticket, message: problem });
      continue;
    }
    const first = seen.get(ticket);
    if (first !== undefined) {
      errors.push({
        ...where,
        value: ticket,
        message: `编号 “${ticket}” 与第 ${first} 行重复：每户只能有一个编号`,
      });
      continue;
    }
    seen.set(ticket, row.rowNo);
    tickets.push(ticket);
  }
  if (errors.length === 0 && tickets.length === 0) {
    errors.push({ file, message: '名单中没有编号：请每行写一户的编号（如 2026-000123）' });
  }
  if (tickets.length > MAX_TICKETS) {
    errors.push({ file, message: `名单有 ${tickets.length} 个编号，最多 ${MAX_TICKETS} 个` });
  }
  return errors.length > 0 ? { tickets: [], errors } : { tickets, errors };
}

/**
 * The 编号 of a standalone draw's families, to generate their 核验码: .xlsx (the sheet with an 编号
 * column, else the first sheet's first column), .csv (UTF-8 or GBK; 编号 column or the first), or
 * text with one 编号 per line (UTF-8, read strictly: an invalid byte is refused naming its line;
 * an optional header line 编号). Every problem is named with its row; any problem gives no tickets.
 * @param bytes the file
 * @param file its name (the extension picks the format)
 */
export async function readLotteryTickets(bytes: Uint8Array, file: string): Promise<LotteryTicketsResult> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xls')) {
    return {
      tickets: [],
      errors: [{ file, message: '不支持 .xls 格式：请在 Excel 中“另存为” .xlsx 或 .csv 后再上传' }],
    };
  }
  if (lower.endsWith('.xlsx')) {
    let wb: Awaited<ReturnType<typeof loadWorkbook>>;
    try {
      wb = await loadWorkbook(bytes);
    } catch (err) {
      return { tickets: [], errors: [{ file, message: (err as Error).message }] };
    }
    const sheets = wb.worksheets.map(readWorksheet);
    const withHeader = sheets.find((s) =>
      s.rows.slice(0, 10).some((r) => r.cells.some((c) => isHeader(LOTTERY_TICKET_HEADERS, headerText(c)))),
    );
    const sheet = withHeader ?? sheets[0];
    if (!sheet) return { tickets: [], errors: [{ file, message: '工作簿中没有工作表' }] };
    return ticketsOfSheet(sheet, file);
  }
  if (lower.endsWith('.csv')) {
    const parsed = parseCsv(decodeText(bytes).text);
    if (parsed.unclosedQuoteAt !== undefined) {
      return {
        tickets: [],
        errors: [{ file, row: parsed.unclosedQuoteAt, message: '引号没有闭合：请检查这一行的双引号' }],
      };
    }
    return ticketsOfSheet({ rows: parsed.records.map((cells, k) => ({ rowNo: k + 1, cells })) }, file);
  }
  let text: string;
  try {
    text = decodeLotteryBytes(bytes, '编号名单');
  } catch (err) {
    if (err instanceof LotteryInputError) return { tickets: [], errors: [{ file, message: err.message }] };
    throw err;
  }
  // One 编号 per line, split at LF only (a CR before it, from Windows, is whitespace and trimmed).
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  return ticketsOfSheet({ rows: lines.map((line, i) => ({ rowNo: i + 1, cells: [line] })) }, file);
}
