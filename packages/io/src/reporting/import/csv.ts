/**
 * @module CSV bytes → rows. Excel on a Chinese Windows saves “CSV” in GBK, other tools in UTF-8
 * with or without BOM. UTF-8 is tried strictly first; bytes that are not valid UTF-8 are GBK.
 * Short GBK text can happen to be valid UTF-8 (学校 = D1 A7 D0 A3 reads as “ѧУ”), so UTF-8 text
 * with Cyrillic/Greek-range letters and no Chinese at all is also taken as GBK.
 */
import type { SheetData } from './sheet.js';

export type TextEncoding = 'utf-8' | 'gbk';

/** UTF-8 that is really GBK: letters of U+0080–U+07FF (what GBK byte pairs decode to) and no CJK. */
function looksLikeMisreadGbk(text: string): boolean {
  let twoByteLetters = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef)) return false;
    if (c >= 0x80 && c <= 0x7ff) twoByteLetters = true;
  }
  return twoByteLetters;
}

/**
 * Decode file bytes as UTF-8 (BOM stripped) or GBK.
 * @returns the text and the encoding that was used
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  let utf8: string | undefined;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // not UTF-8: GBK below
  }
  if (utf8 !== undefined && (hasBom || !looksLikeMisreadGbk(utf8))) return { text: utf8, encoding: 'utf-8' };
  // WHATWG 'gbk' decodes with the GB18030 table, a superset of what Excel writes.
  const gbk = new TextDecoder('gbk').decode(body);
  if (utf8 !== undefined && gbk.includes('\uFFFD')) return { text: utf8, encoding: 'utf-8' };
  return { text: gbk, encoding: 'gbk' };
}

/** Pick the delimiter that splits the first line most: comma, tab or semicolon. */
function sniffDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = first.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Parse CSV text (RFC 4180: quoted fields, doubled quotes, CRLF, line breaks inside quotes).
 * @returns records as string arrays, and a message if a quote was never closed
 */
export function parseCsv(text: string): { records: string[][]; unclosedQuoteAt?: number } {
  const delimiter = sniffDelimiter(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let quoteStart = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteStart = records.length + 1;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return quoted ? { records, unclosedQuoteAt: quoteStart } : { records };
}

/** CSV records as a sheet; record k (0-based) is row k + 1, as Excel numbers it when opened. */
export function csvToSheet(records: string[][]): SheetData {
  return { rows: records.map((cells, k) => ({ rowNo: k + 1, cells })) };
}
