/**
 * @module SHA-256 of the lottery's long messages — a list's bytes (7.7 MB for 100,000 children)
 * and a result's (2 MB) — through one incremental hasher: this package's JavaScript by default
 * (the reference, and what a browser replays a draw with), or a native one a program installs at
 * start (Node's OpenSSL, io/lottery/nodeSha256.ts), several times faster where the processor has
 * SHA instructions. Both give the same digest for the same bytes (longHash.test.ts compares them);
 * nothing about a draw depends on which one ran.
 *
 * Short messages (the entry digests, the stream's blocks) always use the JavaScript: a call into
 * native code costs more than their one or two blocks.
 */
import { compressBlocks, finishHash, initialState, sha256, writeDigest } from './sha256.js';

/** An incremental SHA-256: bytes in, in any pieces; then the 32-byte digest (the hasher is spent). */
export interface LongSha256 {
  update(data: Uint8Array, from: number, to: number): void;
  digest(): Uint8Array;
}

/** The JavaScript hasher: whole blocks compressed from the caller's bytes, a partial one kept. */
class JsLongSha256 implements LongSha256 {
  private readonly state = initialState();
  private readonly block = new Uint8Array(64);
  private pending = 0;
  private absorbed = 0;

  update(data: Uint8Array, from: number, to: number): void {
    let i = from;
    if (this.pending > 0) {
      while (this.pending < 64 && i < to) this.block[this.pending++] = data[i++]!;
      if (this.pending < 64) return;
      compressBlocks(this.state, this.block, 0, 64);
      this.absorbed += 64;
      this.pending = 0;
    }
    const whole = i + ((to - i) & ~63);
    compressBlocks(this.state, data, i, whole);
    this.absorbed += whole - i;
    for (let k = whole; k < to; k++) this.block[this.pending++] = data[k]!;
  }

  digest(): Uint8Array {
    finishHash(this.state, this.absorbed, this.block, 0, this.pending);
    const out = new Uint8Array(32);
    writeDigest(this.state, out, 0);
    return out;
  }
}

let nativeHasher: (() => LongSha256) | null = null;

/**
 * Installs (or, with null, removes) the platform's SHA-256 for long messages. Called once by a
 * program at start, before any draw; core itself never installs one.
 */
export function useNativeSha256(factory: (() => LongSha256) | null): void {
  nativeHasher = factory;
}

/** An incremental hasher for a long message: the native one when installed. */
export function longSha256(): LongSha256 {
  return nativeHasher?.() ?? new JsLongSha256();
}

/** The JavaScript hasher whatever is installed (the reference the tests compare with). */
export function jsLongSha256(): LongSha256 {
  return new JsLongSha256();
}

/** Messages shorter than this are hashed by the JavaScript even when a native hasher is installed. */
const NATIVE_FROM_BYTES = 4096;

/** SHA-256 of `bytes` (32 bytes), natively when installed and the message is long. */
export function sha256Long(bytes: Uint8Array): Uint8Array {
  if (nativeHasher === null || bytes.length < NATIVE_FROM_BYTES) return sha256(bytes);
  const h = nativeHasher();
  h.update(bytes, 0, bytes.length);
  return h.digest();
}
