import { describe, expect, it } from 'vitest';
import { canonicalList, commitment, compareTickets, entryDigest } from './canonical.js';
import { parseCanonicalList } from './published-list.js';

const S = '00112233445566778899aabbccddeeff';
const e = (ticket: string, secret = S) => ({ ticket, secret });

describe('canonical list', () => {
  it('sorts by code point, one "ticket,digest" line per child, LF and a trailing LF', () => {
    const list = canonicalList([e('B'), e('张*明 2019-03'), e('A'), e('a')]);
    expect(list.split('\n').map((l) => l.split(',')[0])).toEqual(['A', 'B', 'a', '张*明 2019-03', '']);
    expect(list.endsWith('\n')).toBe(true);
    expect(list).not.toContain('\r');
    expect(list).not.toContain(S);
    expect(parseCanonicalList(list)).toHaveLength(4);
  });

  it('uses code point order, not UTF-16 order, for characters beyond the BMP', () => {
    // U+FF5E (～) < U+20000 (𠀀) in code points, but not in UTF-16 code units.
    expect(compareTickets('～', '𠀀')).toBeLessThan(0);
    expect('～' < '𠀀').toBe(false);
  });

  it('treats the secret case-insensitively and the digest as SHA-256 of ticket LF secret', () => {
    expect(entryDigest(e('A', S.toUpperCase()))).toBe(entryDigest(e('A')));
    expect(entryDigest(e('A'))).not.toBe(entryDigest(e('A', `${S.slice(0, -1)}0`)));
  });

  it('rejects duplicates, bad tickets and bad secrets in Chinese', () => {
    expect(() => canonicalList([e('2026-1'), e('2026-2'), e('2026-1')])).toThrow('编号 “2026-1” 重复');
    expect(() => canonicalList([])).toThrow('派位名单为空');
    expect(() => entryDigest(e('a,b'))).toThrow('含逗号');
    expect(() => entryDigest(e('a\nb'))).toThrow('含控制字符');
    expect(() => entryDigest(e(' a'))).toThrow('首尾有空白');
    expect(() => entryDigest(e('e\u0301'))).toThrow('NFC');
    expect(() => entryDigest(e(''))).toThrow('编号为空');
    expect(() => entryDigest(e('x'.repeat(65)))).toThrow('超过 64 个字符');
    expect(() => entryDigest(e('A', '1234'))).toThrow('32–128 位十六进制');
    expect(() => entryDigest(e('A', `${S.slice(0, -1)}g`))).toThrow(
      '编号 “A” 的核验码第 32 个字符 “g”（U+0067）不是十六进制数字',
    );
    // Invisible characters are named by code point; the sets are pinned (docs/lottery.md §2).
    expect(() => entryDigest(e('A', `${S.slice(0, 8)}\u00a0${S.slice(9)}`))).toThrow(
      '第 9 个字符 “[U+00A0]”（U+00A0）',
    );
    expect(() => entryDigest(e('2026-000123\u00a0'))).toThrow('编号 “2026-000123[U+00A0]” 首尾有空白字符');
    expect(() => entryDigest(e('a\u2028b'))).toThrow('含控制字符或换行符 U+2028');
    expect(() => entryDigest(e('a\u0085b'))).toThrow('U+0085');
  });

  it('changes the commitment when anything changes, and not with the input order', () => {
    const base = [e('1'), e('2'), e('3')];
    const c = commitment(base);
    expect(commitment([...base].reverse())).toBe(c);
    expect(commitment([e('1'), e('2')])).not.toBe(c);
    expect(commitment([e('1'), e('2'), e('4')])).not.toBe(c);
    expect(commitment([e('1'), e('2'), e('3', 'f'.repeat(32))])).not.toBe(c);
  });
});

describe('parseCanonicalList (strict)', () => {
  const good = canonicalList([e('2026-000101'), e('2026-000102'), e('2026-000103')]);
  const lines = good.split('\n');
  const withLine = (i: number, text: string) => lines.map((l, k) => (k === i ? text : l)).join('\n');

  it('names the line of the first problem', () => {
    expect(() => parseCanonicalList(withLine(1, `2026-000102,${'G'.repeat(64)}`))).toThrow(
      /^第 2 行：摘要应为 64 位小写十六进制数字/,
    );
    expect(() => parseCanonicalList(withLine(1, '2026-000102'))).toThrow(
      '第 2 行：应为“编号,摘要”两栏，实有 1 栏',
    );
    expect(() => parseCanonicalList(withLine(2, lines[0]!))).toThrow(
      '第 3 行：编号 “2026-000101” 应排在上一行',
    );
    expect(() => parseCanonicalList(withLine(1, lines[0]!))).toThrow(
      '第 2 行：编号 “2026-000101” 与上一行重复',
    );
    expect(() => parseCanonicalList(withLine(2, ''))).toThrow('第 3 行：空行');
    expect(() => parseCanonicalList(good.replace('\n', '\r\n'))).toThrow('第 1 行：以回车符（CR）结尾');
    expect(() => parseCanonicalList(`\ufeff${good}`)).toThrow('第 1 行：文件以 BOM 开头');
    expect(() => parseCanonicalList(good.slice(0, -1))).toThrow('最后一行没有以换行符（LF）结尾');
    expect(() => parseCanonicalList('')).toThrow('公示名单为空');
  });
});
