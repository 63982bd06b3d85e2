/**
 * @module CSV cells for files a person opens in Excel or WPS. Every CSV the platform writes goes
 * through {@link csvCell}: a cell a spreadsheet would evaluate as a formula (CSV injection, e.g. a
 * child's name `-1+cmd|' /C calc'!A0` in a public result file) is written as text instead.
 */

/**
 * First characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP "CSV
 * injection"): = + - @, and tab or carriage return before one of them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (−3, +86, 1.5): a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * True when a spreadsheet would evaluate the text as a formula.
 * @param text the cell's text
 */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * One CSV cell: formula-like text gets a leading apostrophe (the spreadsheet shows the text, and
 * the apostrophe tells a reader it was neutralised), then quoting per RFC 4180 where needed.
 * @param value any value; null and undefined are an empty cell, numbers are written as they are
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = typeof value !== 'number' && isFormulaLike(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A whole CSV file for Excel: UTF-8 byte-order mark (so Excel reads the Chinese as UTF-8), cells
 * through {@link csvCell}, CRLF line ends.
 * @param rows the header row first, then the data rows
 */
export function csvText(rows: readonly (readonly unknown[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
