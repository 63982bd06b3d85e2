// biome-ignore lint/style/noRestrictedImports: a test, not core src: node:crypto is the reference
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalList, canonicalRows } from './canonical.js';
import { parseCanonicalList, publishedDigest, publishedTicket, readPublishedList } from './published-list.js';

const S = '00112233445566778899aabbccddeeff';
const D = 'ab'.repeat(32);

/** Tickets mixing plain ASCII lines (the fast path) with other scripts (the full checks). */
const ticketArb = fc
  .array(fc.constantFrom(...'09AZaz张王～𠀀😀é*- '), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join('').trim())
  .filter((ticket) => ticket !== '');
const entriesArb = fc.uniqueArray(
  fc.record({ ticket: ticketArb, secret: fc.stringMatching(/^[0-9a-f]{32}$/) }),
  { selector: (e) => e.ticket, minLength: 1, maxLength: 30 },
);

describe('readPublishedList', () => {
  it('reads back what canonicalList writes: tickets, digests, offsets, bytes, commitment', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const text = canonicalList(entries);
        const list = readPublishedList(text);
        const rows = canonicalRows(entries);
        expect(list.count).toBe(rows.length);
        expect(parseCanonicalList(text)).toEqual(rows);
        const bytes = Buffer.from(text, 'utf8');
        expect(Buffer.from(list.bytes).equals(bytes)).toBe(true);
        expect(list.commitment).toBe(createHash('sha256').update(bytes).digest('hex'));
        const lines = text.split('\n').slice(0, -1);
        let char = 0;
        let byte = 0;
        lines.forEach((line, k) => {
          expect(list.charStarts[k]).toBe(char);
          expect(list.lineStarts[k]).toBe(byte);
          expect(publishedTicket(list, k)).toBe(rows[k]!.ticket);
          expect(publishedDigest(list, k)).toBe(rows[k]!.digest);
          char += line.length + 1;
          byte += Buffer.byteLength(line, 'utf8') + 1;
        });
        expect(list.charStarts[list.count]).toBe(text.length);
        expect(list.lineStarts[list.count]).toBe(bytes.length);
        expect(list.surrogates).toBe(/[\ud800-\udfff]/.test(text));
      }),
    );
  });

  it('checks the order across plain ASCII lines and lines in other scripts', () => {
    const line = (ticket: string) => `${ticket},${D}\n`;
    expect(readPublishedList(line('A') + line('B') + line('张') + line('𠀀')).count).toBe(4);
    // "～" U+FF5E sorts before "𠀀" U+20000 by code point, but not by UTF-16 code unit.
    expect(readPublishedList(line('～') + line('𠀀')).count).toBe(2);
    expect(() => readPublishedList(line('𠀀') + line('～'))).toThrow(
      '第 2 行：编号 “～” 应排在上一行 “𠀀” 之前',
    );
    expect(() => readPublishedList(line('张') + line('B'))).toThrow(
      '第 2 行：编号 “B” 应排在上一行 “张” 之前',
    );
    expect(() => readPublishedList(line('A') + line('张') + line('张'))).toThrow(
      '第 3 行：编号 “张” 与上一行重复',
    );
    expect(() => readPublishedList(line('AB') + line('A'))).toThrow(
      '第 2 行：编号 “A” 应排在上一行 “AB” 之前',
    );
    expect(() => readPublishedList(line('A') + line('A'))).toThrow('第 2 行：编号 “A” 与上一行重复');
  });

  it('sends every other line to the full checks, which name it', () => {
    const good = `A,${D}\n`;
    const bad = (line: string) => () => readPublishedList(`${good}${line}\n`);
    expect(bad(`${'x'.repeat(65)},${D}`)).toThrow('第 2 行：编号 “' + 'x'.repeat(65) + '” 超过 64 个字符');
    expect(readPublishedList(`${good}${'x'.repeat(64)},${D}\n`).count).toBe(2);
    expect(bad(` B,${D}`)).toThrow('第 2 行：编号 “[U+0020]B” 首尾有空白字符');
    expect(bad(`B ,${D}`)).toThrow('第 2 行：编号 “B[U+0020]” 首尾有空白字符');
    expect(bad(`B,${D},x`)).toThrow('第 2 行：应为“编号,摘要”两栏，实有 3 栏');
    expect(bad(`B\u0001C,${D}`)).toThrow('第 2 行：编号 “B[U+0001]C” 含控制字符或换行符 U+0001');
    expect(bad(`B,${D.slice(1)}`)).toThrow('第 2 行：摘要应为 64 位小写十六进制数字');
    expect(bad(`B,${D}0`)).toThrow('第 2 行：摘要应为 64 位小写十六进制数字');
    expect(bad(`B,${D.slice(1)}A`)).toThrow('第 2 行：摘要应为 64 位小写十六进制数字');
    expect(bad(`张,${D.slice(1)}g`)).toThrow('第 2 行：摘要应为 64 位小写十六进制数字');
    expect(bad(`e\u0301,${D}`)).toThrow('第 2 行：编号 “e\u0301” 不是 Unicode NFC 规范形式');
    expect(bad(`B,${D}\r`)).toThrow('第 2 行：以回车符（CR）结尾');
    expect(() => readPublishedList(`${good}\n`)).toThrow('第 2 行：空行');
  });

  it('keeps a lone surrogate as the text has it, and counts its bytes as U+FFFD', () => {
    const text = `A\ud800,${D}\nB,${D}\n`;
    const list = readPublishedList(text);
    expect(publishedTicket(list, 0)).toBe('A\ud800');
    expect(list.lineStarts[1]).toBe(1 + 3 + 66);
    expect(Buffer.from(list.bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(list.surrogates).toBe(true);
  });

  it('reads the ticket and digest of any line by its offsets', () => {
    const text = canonicalList([
      { ticket: '2026-000101', secret: S },
      { ticket: '张*明 2019-03', secret: S },
    ]);
    const list = readPublishedList(text);
    expect(publishedTicket(list, 1)).toBe('张*明 2019-03');
    expect(publishedDigest(list, 1)).toBe(text.split('\n')[1]!.split(',')[1]);
  });
});
