import { describe, expect, it } from 'vitest';
import { decodeLotteryBytes, firstInvalidUtf8 } from './bytes.js';
import { canonicalList } from './canonical.js';
import { cleanTypedSecret, cleanTypedTicket, LOTTERY_WHITESPACE, showInvisible } from './text.js';

const enc = (t: string) => new TextEncoder().encode(t);

describe('decodeLotteryBytes', () => {
  it('round-trips valid UTF-8 exactly, BOM kept (for the list reader to refuse)', () => {
    const text = canonicalList([{ ticket: '张*明 2019-03', secret: '0'.repeat(32) }]);
    expect(decodeLotteryBytes(enc(text))).toBe(text);
    expect(decodeLotteryBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });

  it('refuses any invalid byte, naming line, byte position and value, instead of U+FFFD', () => {
    for (const b of [0xff, 0xfe, 0x80, 0xc0]) {
      const bytes = Uint8Array.from([...enc('A\nBC'), b, ...enc('D\n')]);
      expect(() => decodeLotteryBytes(bytes)).toThrow(
        `第 2 行：第 3 个字节 0x${b.toString(16).toUpperCase()} 不是有效的 UTF-8 编码`,
      );
    }
  });

  it('finds exactly the first byte TextDecoder (fatal) refuses', () => {
    const cases: number[][] = [
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
      [0xe4, 0xb8], // truncated 中
      [0x41, 0xe4, 0xb8, 0xad, 0xf0, 0x9f, 0x98, 0x80, 0x42], // valid
    ];
    for (const c of cases) {
      const bytes = Uint8Array.from(c);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(bytes) === bytes.length).toBe(valid);
    }
  });
});

describe('typed values and messages', () => {
  it('cleans a typed ticket (NFC, pinned whitespace at the ends) and 核验码 (all whitespace)', () => {
    expect(cleanTypedTicket('\u3000e\u0301-1\u00a0\t')).toBe('é-1');
    expect(cleanTypedTicket('a b')).toBe('a b');
    expect(cleanTypedSecret(' 0f1e 2d3c\u00a04b5a\n')).toBe('0f1e2d3c4b5a');
    // The pinned set is what ECMAScript's trim() removes in this engine.
    expect([...LOTTERY_WHITESPACE].every((c) => c.trim() === '')).toBe(true);
  });

  it('shows invisible characters by code point', () => {
    expect(showInvisible('2026-1\u00a0')).toBe('2026-1[U+00A0]');
    expect(showInvisible(' a b\u200b')).toBe('[U+0020]a b[U+200B]');
  });
});
