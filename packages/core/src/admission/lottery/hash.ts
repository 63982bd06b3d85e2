/**
 * @module The one hash of the lottery: hex SHA-256 of the UTF-8 bytes of a string (FIPS 180-4, by
 * sha256.ts, because core may not use `node:crypto`). Hex is lowercase, 64 characters.
 *
 * A draw hashes ~100,000 short messages (entry digests, stream blocks) and megabytes of text, so
 * besides the plain helpers this module writes texts as UTF-8 bytes directly: {@link Utf8Builder}
 * builds them once (instead of concatenating strings and then encoding them), and
 * {@link Sha256Writer} hashes them as they are written, without keeping them.
 */
import { longSha256, sha256Long } from './longHash.js';
import { sha256 } from './sha256.js';

// The platform's UTF-8 codecs (every browser, Node.js ≥ 11). Declared here because core compiles
// against the ECMAScript library only, which does not describe them.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean },
) => { decode(bytes: Uint8Array): string };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as `TextEncoder` does). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The text of UTF-8 `bytes` (that this module wrote, hence valid). */
export function utf8Text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** The length of the UTF-8 encoding of `text` (a lone surrogate counts 3 bytes, for U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4; // a surrogate pair: one code point beyond U+FFFF
      i++;
    } else n += 3;
  }
  return n;
}

/** Character codes of the lowercase hex digits 0–9, a–f. */
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** The two lowercase hex digits of each byte value. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** `bytes[from … from + count)` as lowercase hex. */
export function toHex(bytes: Uint8Array, from = 0, count = bytes.length - from): string {
  let out = '';
  for (let i = from; i < from + count; i++) out += HEX_PAIRS[bytes[i]!]!;
  return out;
}

/** SHA-256 of the UTF-8 encoding of `text`, as raw bytes (32). */
export function sha256Utf8(text: string): Uint8Array {
  return sha256(utf8Bytes(text));
}

/** SHA-256 of `bytes`, as 64 lowercase hex characters (natively when installed: longHash.ts). */
export function sha256BytesHex(bytes: Uint8Array): string {
  return toHex(sha256Long(bytes));
}

/**
 * 1 at the character codes (and bytes) of the lowercase hex digits 0–9, a–f, 0 at the others
 * below 256. Checks of hex digits AND these flags together instead of branching per digit: random
 * digits make such a branch mispredict about half the time (measured 4× slower on a 7.7 MB list).
 */
export const LOWER_HEX = new Uint8Array(256);
for (const c of '0123456789abcdef') LOWER_HEX[c.charCodeAt(0)] = 1;

/** True when `text[from … to)` are all lowercase hex digits. */
export function isLowerHex(text: string, from: number, to: number): boolean {
  let ok = 1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    ok &= c < 0x100 ? LOWER_HEX[c]! : 0;
  }
  return ok === 1;
}

/** True for exactly 64 lowercase hex characters (the form of every hash in the lottery). */
export function isSha256Hex(text: string): boolean {
  return text.length === 64 && isLowerHex(text, 0, 64);
}

/**
 * Appends strings as UTF-8 to a growing byte buffer. ASCII (the usual ticket, every digest and
 * number) is copied code by code; only a string with other characters goes through the encoder.
 */
export class Utf8Builder {
  protected bytes: Uint8Array;
  protected length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 16));
  }

  /** How many bytes were appended so far. */
  get size(): number {
    return this.length;
  }

  /** Makes room for `extra` more bytes (by growing the buffer). */
  protected reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Appends the UTF-8 bytes of `s`. */
  append(s: string): void {
    const n = s.length;
    this.reserve(n);
    const bytes = this.bytes;
    const at = this.length;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[at + i] = c;
    }
    this.length += i;
    if (i < n) {
      // Everything before i is ASCII, so i starts a character: encoding the rest alone gives the same bytes.
      const rest = utf8Bytes(s.slice(i));
      this.reserve(rest.length);
      this.bytes.set(rest, this.length);
      this.length += rest.length;
    }
  }

  /** Appends `bytes[from … from + count)` as lowercase hex digits (ASCII). */
  appendHex(bytes: Uint8Array, from: number, count: number): void {
    this.reserve(2 * count);
    const out = this.bytes;
    let at = this.length;
    for (let i = from; i < from + count; i++) {
      out[at++] = HEX_CODES[bytes[i]! >> 4]!;
      out[at++] = HEX_CODES[bytes[i]! & 15]!;
    }
    this.length = at;
  }

  /** Appends `bytes[from … to)` (copied byte by byte: the usual range is a short ticket). */
  appendBytes(bytes: Uint8Array, from: number, to: number): void {
    this.reserve(to - from);
    const out = this.bytes;
    let at = this.length;
    for (let i = from; i < to; i++) out[at++] = bytes[i]!;
    this.length = at;
  }

  /** Appends one byte (an ASCII character code). */
  appendByte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** The bytes appended so far (a view, not a copy). */
  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/**
 * Hex SHA-256 of what is appended, hashed as it is written: a {@link Utf8Builder} whose buffer,
 * when full, is hashed and emptied instead of grown. The commitment of 100,000 entries is hashed
 * from a 16 kB buffer that stays in the processor's cache, never from a 7.7 MB one.
 */
export class Sha256Writer extends Utf8Builder {
  private readonly hasher = longSha256();

  constructor() {
    super(1 << 14);
  }

  protected override reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    this.hasher.update(this.bytes, 0, this.length);
    this.length = 0;
    super.reserve(extra); // grows only for one piece longer than the buffer
  }

  /** The hex SHA-256 of everything appended (the writer is then spent). */
  digestHex(): string {
    this.hasher.update(this.bytes, 0, this.length);
    return toHex(this.hasher.digest());
  }
}
