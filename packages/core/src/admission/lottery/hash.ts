/**
 * @module The one hash of the lottery: hex SHA-256 of the UTF-8 bytes of a string (FIPS 180-4, via
 * `@noble/hashes`, because core may not use `node:crypto`). Hex is lowercase, 64 characters.
 *
 * A draw hashes ~100,000 short messages (entry digests, stream blocks) and a few megabytes of text,
 * so besides the plain helpers this module has allocation-light ones: a reusable hasher for short
 * messages (noble's one-shot `sha256()` builds a hasher, a buffer and views per call) and a UTF-8
 * byte builder (so long texts are encoded once, not concatenated as strings and then encoded).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of the UTF-8 encoding of `text`, as raw bytes (32). */
export function sha256Utf8(text: string): Uint8Array {
  return sha256(utf8ToBytes(text));
}

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex characters. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256Utf8(text));
}

/** SHA-256 of `bytes`, as 64 lowercase hex characters. */
export function sha256BytesHex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** True for exactly 64 lowercase hex characters (the form of every hash in the lottery). */
export function isSha256Hex(text: string): boolean {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * SHA-256 of `prefix + message` for many short messages sharing one prefix (possibly empty), written
 * into `out` (32 bytes). The prefix is hashed once; each call restores that state with noble's
 * `_cloneInto` into one reused hasher instead of building a new hasher and re-hashing the prefix.
 */
export function createPrefixedHasher(prefix: Uint8Array): (message: Uint8Array, out: Uint8Array) => void {
  const start = sha256.create().update(prefix);
  const h = sha256.create();
  return (message, out) => {
    start._cloneInto(h);
    h.update(message);
    h.digestInto(out);
  };
}

/** Character codes of the lowercase hex digits 0–9, a–f. */
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * Appends strings as UTF-8 to a growing byte buffer. ASCII (the usual ticket, every digest and
 * number) is copied code by code; only a string with other characters goes through `utf8ToBytes`.
 */
export class Utf8Builder {
  private bytes: Uint8Array;
  private length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 16));
  }

  private reserve(extra: number): void {
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
      const rest = utf8ToBytes(s.slice(i));
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
