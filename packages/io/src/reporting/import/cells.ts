/**
 * @module Reading one cell as text, a number, a percentage, 是/否 or a list choice.
 * Cells come from exceljs (numbers, strings, booleans, dates) or CSV (strings); every parser
 * takes either and returns the value or a Chinese message saying how to fix the cell.
 */
import { percentToFraction } from '../../platform/percent.js';

/** A cell after the file format is peeled off. null = blank. */
export type CellValue = string | number | boolean | Date | null;

/** Outcome of reading a cell: the value, or why it cannot be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const NUMBER_WITH_UNIT = /^[+-]?(?:\d+\.?\d*|\.\d+)\s*[^\d\s.,%]+$/;
const DATE_CELL = '单元格是日期格式：请把单元格格式改为“常规”后重新填写数字';

/** True for a blank cell (empty or only spaces). */
export function isBlank(cell: CellValue): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** Text of a cell: trimmed, '' → null. Whole numbers become their digits (ids typed as numbers). */
export function readText(cell: CellValue): Read<string | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'string') {
    const text = cell.trim();
    return ok(text === '' ? null : text);
  }
  if (typeof cell === 'number') {
    return Number.isInteger(cell) ? ok(String(cell)) : fail('应为文字或数字编码，不应有小数');
  }
  if (cell instanceof Date) return fail('单元格是日期格式：请把单元格格式改为“文本”后重新填写');
  return fail('应为文字');
}

/**
 * Normalise typed number text: full-width digits and signs (NFKC), spaces, thousands separators.
 * @returns the number, or a message
 */
function numberFromText(raw: string, allowPercent: boolean): Read<{ n: number; percent: boolean } | null> {
  let text = raw.normalize('NFKC').trim();
  if (text === '') return ok(null);
  if (text.startsWith('=')) return fail('公式没有计算结果：请在 Excel 中打开、保存后再导入，或直接填写数值');
  if (text.startsWith('#')) return fail(`公式计算出错（${text}）：请修正公式或直接填写数值`);
  let percent = false;
  if (text.endsWith('%')) {
    if (!allowPercent) return fail('此列填写数量，不应填百分数：请去掉百分号并填写实际数量');
    percent = true;
    text = text.slice(0, -1).trim();
  }
  text = text.replace(/\s+/g, '');
  if (THOUSANDS.test(text)) text = text.replace(/,/g, '');
  if (NUMBER.test(text)) return ok({ n: Number(text), percent });
  if (NUMBER_WITH_UNIT.test(text)) return fail('只填写数字，不要带单位（单位已写在列名中）');
  return fail('应填写数字，如 1234 或 1,234.5');
}

/**
 * A number cell (counts, areas, 元). Text like "1,234" is accepted; blank → null.
 * Range and integrality are checked by the shared rules of @junheng/core.
 */
export function readNumber(cell: CellValue): Read<number | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail('应填写数字');
  if (typeof cell === 'string') {
    const r = numberFromText(cell, false);
    return r.ok ? ok(r.value === null ? null : r.value.n) : r;
  }
  if (cell instanceof Date) return fail(DATE_CELL);
  return fail('应填写数字，不是“是/否”');
}

/**
 * A ratio typed as a percentage: 96.5 or "96.5%" (and a cell formatted as % in Excel, which the
 * xlsx reader hands over as "96.5%") → 0.965.
 */
export function readPercent(cell: CellValue): Read<number | null> {
  if (cell === null) return ok(null);
  if (cell instanceof Date) return fail(DATE_CELL);
  if (typeof cell === 'boolean') return fail('应填写百分数，如 96.5');
  let percent: number;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('应填写百分数，如 96.5');
    percent = cell;
  } else {
    const r = numberFromText(cell, true);
    if (!r.ok) return r;
    if (r.value === null) return ok(null);
    percent = r.value.n;
  }
  if (percent < 0 || percent > 100) return fail('百分数应在 0 到 100 之间：如 96.5 表示 96.5%');
  return ok(percentToFraction(percent));
}

/**
 * A percentage cell that looks like a fraction: a number above 0 and at most 1 typed without %
 * (0.965 where 96.5 was meant). It reads as 0.965%, which may be right, so callers only warn.
 * @returns the number as typed, or undefined
 */
export function fractionTypedAsPercent(cell: CellValue): number | undefined {
  let n: number;
  if (typeof cell === 'number') {
    n = cell;
  } else if (typeof cell === 'string') {
    const r = numberFromText(cell, true);
    if (!r.ok || r.value === null || r.value.percent) return undefined;
    n = r.value.n;
  } else {
    return undefined;
  }
  return n > 0 && n <= 1 ? n : undefined;
}

const YES_WORDS = new Set(['是', '有', 'y', 'yes', 'true', '√', '✓', '1']);
const NO_WORDS = new Set(['否', '无', 'n', 'no', 'false', '×', '✗', '0']);

/** 是/否 → true/false; blank → null. */
export function readYesNo(cell: CellValue): Read<boolean | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'boolean') return ok(cell);
  if (cell instanceof Date) return fail('应填写“是”或“否”');
  const text = String(cell).normalize('NFKC').trim().toLowerCase();
  if (text === '') return ok(null);
  if (YES_WORDS.has(text)) return ok(true);
  if (NO_WORDS.has(text)) return ok(false);
  return fail('应填写“是”或“否”');
}

/**
 * One of a list of Chinese names (spaces ignored).
 * @param byName accepted names → codes
 * @param options the names to suggest in the message
 */
export function readChoice<T>(
  cell: CellValue,
  byName: ReadonlyMap<string, T>,
  options: readonly string[],
): Read<T | null> {
  if (cell === null) return ok(null);
  const text = String(cell).replace(/\s+/g, '');
  if (text === '') return ok(null);
  const code = byName.get(text) ?? byName.get(text.normalize('NFKC'));
  if (code !== undefined) return ok(code);
  return fail(`应为 ${options.join('、')} 之一：请从下拉列表选择`);
}
