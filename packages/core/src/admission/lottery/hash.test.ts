// biome-ignore lint/style/noRestrictedImports: a test, not core src: node:crypto is the reference
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSha256Hex, Sha256Writer, toHex, Utf8Builder, utf8Length, utf8Text } from './hash.js';

const nodeHex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
/** The UTF-8 of each part, concatenated (a surrogate pair split between two parts is two U+FFFD). */
const utf8Of = (parts: string[]) => Buffer.concat(parts.map((p) => Buffer.from(p, 'utf8')));

/** Strings of ASCII, Chinese, characters beyond U+FFFF and lone surrogates. */
const textArb = fc.array(
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('张', '明', '～', '𠀀', '😀', '\ud800', '\udc00', 'é', '\u0000'),
  ),
  { maxLength: 12 },
);

describe('UTF-8 helpers', () => {
  it('utf8Length is the length of the encoding, lone surrogates counted as U+FFFD', () => {
    fc.assert(
      fc.property(textArb, (parts) => {
        const s = parts.join('');
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
    );
  });

  it('Utf8Builder writes the UTF-8 bytes of what is appended, growing as needed', () => {
    fc.assert(
      fc.property(textArb, fc.uint8Array({ maxLength: 50 }), (parts, raw) => {
        const out = new Utf8Builder(1);
        for (const p of parts) out.append(p);
        out.appendByte(0x2c);
        out.appendHex(raw, 0, raw.length);
        out.appendBytes(raw, 0, raw.length);
        const expected = Buffer.concat([
          utf8Of(parts),
          Buffer.from(','),
          Buffer.from(Buffer.from(raw).toString('hex')),
          Buffer.from(raw),
        ]);
        expect(Buffer.from(out.result()).equals(expected)).toBe(true);
        expect(out.size).toBe(expected.length);
      }),
    );
  });

  it('utf8Text decodes, toHex encodes', () => {
    expect(utf8Text(Buffer.from('张*明 2019-03 𠀀', 'utf8'))).toBe('张*明 2019-03 𠀀');
    expect(toHex(Uint8Array.of(0, 15, 16, 255))).toBe('000f10ff');
    expect(toHex(Uint8Array.of(0, 15, 16, 255), 1, 2)).toBe('0f10');
  });

  it('isSha256Hex accepts exactly 64 lowercase hex digits', () => {
    expect(isSha256Hex('0123456789abcdef'.repeat(4))).toBe(true);
    expect(isSha256Hex('0123456789ABCDEF'.repeat(4))).toBe(false);
    expect(isSha256Hex('a'.repeat(63))).toBe(false);
    expect(isSha256Hex(`${'a'.repeat(63)}g`)).toBe(false);
    // U+0130 and U+0161 have low bytes 0x30 ('0') and 0x61 ('a'): not hex digits.
    expect(isSha256Hex(`${'a'.repeat(63)}\u0130`)).toBe(false);
    expect(isSha256Hex(`${'a'.repeat(63)}\u0161`)).toBe(false);
  });
});

describe('Sha256Writer', () => {
  it('hashes what is appended as node:crypto hashes the whole text', () => {
    fc.assert(
      fc.property(textArb, (parts) => {
        const w = new Sha256Writer();
        for (const p of parts) w.append(p);
        expect(w.digestHex()).toBe(nodeHex(utf8Of(parts)));
      }),
    );
  });

  it('empties its buffer across block boundaries, and takes pieces longer than the buffer', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) & 0xff);
    const w = new Sha256Writer();
    const expected: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      const piece = `line ${i} 张${'x'.repeat(i % 97)}\n`;
      w.append(piece);
      w.appendHex(bytes, i, 32);
      expected.push(
        Buffer.from(piece, 'utf8'),
        Buffer.from(Buffer.from(bytes.subarray(i, i + 32)).toString('hex')),
      );
    }
    w.append('y'.repeat(40_000)); // longer than the 16 kB buffer
    w.appendBytes(bytes, 0, bytes.length);
    expected.push(Buffer.from('y'.repeat(40_000)), Buffer.from(bytes));
    expect(w.digestHex()).toBe(nodeHex(Buffer.concat(expected)));
  });
});
