/**
 * @module SHA-256 (FIPS 180-4) for the lottery's hot loops, in plain JavaScript (core may not use
 * `node:crypto`).
 *
 * Why not `@noble/hashes` here: a draw of 100,000 children hashes ~260,000 blocks, most of them
 * in ~110,000 messages of one or two blocks (entry digests, stream blocks). noble's hasher costs
 * ~400 ns per block plus ~600 ns of per-message work (views, buffers, checks); this one keeps the
 * message schedule in local variables (~250 ns per block on the benchmark machine), hashes straight
 * from the caller's bytes, and can start from a saved state (the stream's shared prefix). Its
 * output is checked against `node:crypto` and noble on random inputs (sha256.test.ts).
 *
 * The state is 8 signed 32-bit words in an `Int32Array`; after the last block they are the digest,
 * big-endian word by word (`state[0] >>> 0` is the digest's bytes 0–3).
 */

/** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
// biome-ignore format: rows of 8, as FIPS 180-4 prints them
const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);

/** Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
// biome-ignore format: one row
const IV = Int32Array.of(
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
);

/** A new state at the initial hash value. */
export function initialState(): Int32Array {
  return IV.slice();
}

/** The big-endian 32-bit word at `p[i … i + 4)`. */
const word = (p: Uint8Array, i: number) => (p[i]! << 24) | (p[i + 1]! << 16) | (p[i + 2]! << 8) | p[i + 3]!;

/**
 * Runs the compression function on the 64-byte blocks `data[pos … end)` (`end − pos` a multiple of
 * 64), updating `state`.
 *
 * Written out 16 rounds at a time on purpose: the 16 words of the message schedule live in local
 * variables (registers) instead of an array, and the round functions are spelled out because V8
 * stops inlining helper calls long before 100 call sites in one function (with helpers, measured
 * 4× slower). Each round in the usual notation, with the roles of a … h rotating by one:
 * T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]; d += T1; h = T1 + Σ0(a) + Maj(a, b, c), with
 * Ch and Maj in equivalent forms of fewer operations (4% faster):
 * Ch(e, f, g) = g ^ (e & (f ^ g)), Maj(a, b, c) = (a & (b | c)) | (b & c).
 * Every addition is truncated to 32 bits with `| 0`.
 */
export function compressBlocks(state: Int32Array, data: Uint8Array, pos: number, end: number): void {
  let a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, s: number;
  for (; pos < end; pos += 64) {
    a = state[0]!;
    b = state[1]!;
    c = state[2]!;
    d = state[3]!;
    e = state[4]!;
    f = state[5]!;
    g = state[6]!;
    h = state[7]!;
    let w0 = word(data, pos);
    let w1 = word(data, pos + 4);
    let w2 = word(data, pos + 8);
    let w3 = word(data, pos + 12);
    let w4 = word(data, pos + 16);
    let w5 = word(data, pos + 20);
    let w6 = word(data, pos + 24);
    let w7 = word(data, pos + 28);
    let w8 = word(data, pos + 32);
    let w9 = word(data, pos + 36);
    let w10 = word(data, pos + 40);
    let w11 = word(data, pos + 44);
    let w12 = word(data, pos + 48);
    let w13 = word(data, pos + 52);
    let w14 = word(data, pos + 56);
    let w15 = word(data, pos + 60);
    for (let t = 0; t < 64; t += 16) {
      if (t > 0) {
        // The next 16 schedule words: W[t] = σ1(W[t − 2]) + W[t − 7] + σ0(W[t − 15]) + W[t − 16],
        // in place (wK holds W[t] for t ≡ K mod 16), in order so that W[t − 2] is already the new one.
        let x: number;
        let y: number;
        x = ((w14 >>> 17) | (w14 << 15)) ^ ((w14 >>> 19) | (w14 << 13)) ^ (w14 >>> 10);
        y = ((w1 >>> 7) | (w1 << 25)) ^ ((w1 >>> 18) | (w1 << 14)) ^ (w1 >>> 3);
        w0 = (x + w9 + y + w0) | 0;
        x = ((w15 >>> 17) | (w15 << 15)) ^ ((w15 >>> 19) | (w15 << 13)) ^ (w15 >>> 10);
        y = ((w2 >>> 7) | (w2 << 25)) ^ ((w2 >>> 18) | (w2 << 14)) ^ (w2 >>> 3);
        w1 = (x + w10 + y + w1) | 0;
        x = ((w0 >>> 17) | (w0 << 15)) ^ ((w0 >>> 19) | (w0 << 13)) ^ (w0 >>> 10);
        y = ((w3 >>> 7) | (w3 << 25)) ^ ((w3 >>> 18) | (w3 << 14)) ^ (w3 >>> 3);
        w2 = (x + w11 + y + w2) | 0;
        x = ((w1 >>> 17) | (w1 << 15)) ^ ((w1 >>> 19) | (w1 << 13)) ^ (w1 >>> 10);
        y = ((w4 >>> 7) | (w4 << 25)) ^ ((w4 >>> 18) | (w4 << 14)) ^ (w4 >>> 3);
        w3 = (x + w12 + y + w3) | 0;
        x = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
        y = ((w5 >>> 7) | (w5 << 25)) ^ ((w5 >>> 18) | (w5 << 14)) ^ (w5 >>> 3);
        w4 = (x + w13 + y + w4) | 0;
        x = ((w3 >>> 17) | (w3 << 15)) ^ ((w3 >>> 19) | (w3 << 13)) ^ (w3 >>> 10);
        y = ((w6 >>> 7) | (w6 << 25)) ^ ((w6 >>> 18) | (w6 << 14)) ^ (w6 >>> 3);
        w5 = (x + w14 + y + w5) | 0;
        x = ((w4 >>> 17) | (w4 << 15)) ^ ((w4 >>> 19) | (w4 << 13)) ^ (w4 >>> 10);
        y = ((w7 >>> 7) | (w7 << 25)) ^ ((w7 >>> 18) | (w7 << 14)) ^ (w7 >>> 3);
        w6 = (x + w15 + y + w6) | 0;
        x = ((w5 >>> 17) | (w5 << 15)) ^ ((w5 >>> 19) | (w5 << 13)) ^ (w5 >>> 10);
        y = ((w8 >>> 7) | (w8 << 25)) ^ ((w8 >>> 18) | (w8 << 14)) ^ (w8 >>> 3);
        w7 = (x + w0 + y + w7) | 0;
        x = ((w6 >>> 17) | (w6 << 15)) ^ ((w6 >>> 19) | (w6 << 13)) ^ (w6 >>> 10);
        y = ((w9 >>> 7) | (w9 << 25)) ^ ((w9 >>> 18) | (w9 << 14)) ^ (w9 >>> 3);
        w8 = (x + w1 + y + w8) | 0;
        x = ((w7 >>> 17) | (w7 << 15)) ^ ((w7 >>> 19) | (w7 << 13)) ^ (w7 >>> 10);
        y = ((w10 >>> 7) | (w10 << 25)) ^ ((w10 >>> 18) | (w10 << 14)) ^ (w10 >>> 3);
        w9 = (x + w2 + y + w9) | 0;
        x = ((w8 >>> 17) | (w8 << 15)) ^ ((w8 >>> 19) | (w8 << 13)) ^ (w8 >>> 10);
        y = ((w11 >>> 7) | (w11 << 25)) ^ ((w11 >>> 18) | (w11 << 14)) ^ (w11 >>> 3);
        w10 = (x + w3 + y + w10) | 0;
        x = ((w9 >>> 17) | (w9 << 15)) ^ ((w9 >>> 19) | (w9 << 13)) ^ (w9 >>> 10);
        y = ((w12 >>> 7) | (w12 << 25)) ^ ((w12 >>> 18) | (w12 << 14)) ^ (w12 >>> 3);
        w11 = (x + w4 + y + w11) | 0;
        x = ((w10 >>> 17) | (w10 << 15)) ^ ((w10 >>> 19) | (w10 << 13)) ^ (w10 >>> 10);
        y = ((w13 >>> 7) | (w13 << 25)) ^ ((w13 >>> 18) | (w13 << 14)) ^ (w13 >>> 3);
        w12 = (x + w5 + y + w12) | 0;
        x = ((w11 >>> 17) | (w11 << 15)) ^ ((w11 >>> 19) | (w11 << 13)) ^ (w11 >>> 10);
        y = ((w14 >>> 7) | (w14 << 25)) ^ ((w14 >>> 18) | (w14 << 14)) ^ (w14 >>> 3);
        w13 = (x + w6 + y + w13) | 0;
        x = ((w12 >>> 17) | (w12 << 15)) ^ ((w12 >>> 19) | (w12 << 13)) ^ (w12 >>> 10);
        y = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
        w14 = (x + w7 + y + w14) | 0;
        x = ((w13 >>> 17) | (w13 << 15)) ^ ((w13 >>> 19) | (w13 << 13)) ^ (w13 >>> 10);
        y = ((w0 >>> 7) | (w0 << 25)) ^ ((w0 >>> 18) | (w0 << 14)) ^ (w0 >>> 3);
        w15 = (x + w8 + y + w15) | 0;
      }
      // Rounds t … t + 15.
      s = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      h = (h + s + (g ^ (e & (f ^ g))) + K[t]! + w0) | 0;
      d = (d + h) | 0;
      s = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      h = (h + s + ((a & (b | c)) | (b & c))) | 0;

      s = ((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7));
      g = (g + s + (f ^ (d & (e ^ f))) + K[t + 1]! + w1) | 0;
      c = (c + g) | 0;
      s = ((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10));
      g = (g + s + ((h & (a | b)) | (a & b))) | 0;

      s = ((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7));
      f = (f + s + (e ^ (c & (d ^ e))) + K[t + 2]! + w2) | 0;
      b = (b + f) | 0;
      s = ((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10));
      f = (f + s + ((g & (h | a)) | (h & a))) | 0;

      s = ((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7));
      e = (e + s + (d ^ (b & (c ^ d))) + K[t + 3]! + w3) | 0;
      a = (a + e) | 0;
      s = ((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10));
      e = (e + s + ((f & (g | h)) | (g & h))) | 0;

      s = ((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7));
      d = (d + s + (c ^ (a & (b ^ c))) + K[t + 4]! + w4) | 0;
      h = (h + d) | 0;
      s = ((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10));
      d = (d + s + ((e & (f | g)) | (f & g))) | 0;

      s = ((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7));
      c = (c + s + (b ^ (h & (a ^ b))) + K[t + 5]! + w5) | 0;
      g = (g + c) | 0;
      s = ((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10));
      c = (c + s + ((d & (e | f)) | (e & f))) | 0;

      s = ((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7));
      b = (b + s + (a ^ (g & (h ^ a))) + K[t + 6]! + w6) | 0;
      f = (f + b) | 0;
      s = ((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10));
      b = (b + s + ((c & (d | e)) | (d & e))) | 0;

      s = ((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7));
      a = (a + s + (h ^ (f & (g ^ h))) + K[t + 7]! + w7) | 0;
      e = (e + a) | 0;
      s = ((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10));
      a = (a + s + ((b & (c | d)) | (c & d))) | 0;

      // The next 8 rounds: the same 8 lines again (the roles are back where they started), W[t + 8 …].
      s = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      h = (h + s + (g ^ (e & (f ^ g))) + K[t + 8]! + w8) | 0;
      d = (d + h) | 0;
      s = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      h = (h + s + ((a & (b | c)) | (b & c))) | 0;

      s = ((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7));
      g = (g + s + (f ^ (d & (e ^ f))) + K[t + 9]! + w9) | 0;
      c = (c + g) | 0;
      s = ((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10));
      g = (g + s + ((h & (a | b)) | (a & b))) | 0;

      s = ((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7));
      f = (f + s + (e ^ (c & (d ^ e))) + K[t + 10]! + w10) | 0;
      b = (b + f) | 0;
      s = ((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10));
      f = (f + s + ((g & (h | a)) | (h & a))) | 0;

      s = ((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7));
      e = (e + s + (d ^ (b & (c ^ d))) + K[t + 11]! + w11) | 0;
      a = (a + e) | 0;
      s = ((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10));
      e = (e + s + ((f & (g | h)) | (g & h))) | 0;

      s = ((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7));
      d = (d + s + (c ^ (a & (b ^ c))) + K[t + 12]! + w12) | 0;
      h = (h + d) | 0;
      s = ((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10));
      d = (d + s + ((e & (f | g)) | (f & g))) | 0;

      s = ((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7));
      c = (c + s + (b ^ (h & (a ^ b))) + K[t + 13]! + w13) | 0;
      g = (g + c) | 0;
      s = ((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10));
      c = (c + s + ((d & (e | f)) | (e & f))) | 0;

      s = ((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7));
      b = (b + s + (a ^ (g & (h ^ a))) + K[t + 14]! + w14) | 0;
      f = (f + b) | 0;
      s = ((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10));
      b = (b + s + ((c & (d | e)) | (d & e))) | 0;

      s = ((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7));
      a = (a + s + (h ^ (f & (g ^ h))) + K[t + 15]! + w15) | 0;
      e = (e + a) | 0;
      s = ((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10));
      a = (a + s + ((b & (c | d)) | (c & d))) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
    state[4] = (state[4]! + e) | 0;
    state[5] = (state[5]! + f) | 0;
    state[6] = (state[6]! + g) | 0;
    state[7] = (state[7]! + h) | 0;
  }
}

/** The last one or two blocks: the message's last bytes, 0x80, zeros, the length in bits (reused). */
const tail = new Uint8Array(128);

/**
 * Finishes a hash: `state` has absorbed `absorbed` bytes (a multiple of 64) and the message goes on
 * with `data[start … end)`. Compresses its whole blocks in place, then the rest with the padding;
 * `state` then holds the digest.
 */
export function finishHash(
  state: Int32Array,
  absorbed: number,
  data: Uint8Array,
  start: number,
  end: number,
): void {
  const whole = start + ((end - start) & ~63);
  compressBlocks(state, data, start, whole);
  const rest = end - whole;
  for (let i = 0; i < rest; i++) tail[i] = data[whole + i]!;
  tail[rest] = 0x80;
  // 8 bytes are left for the length: with more than 55 bytes of rest, it goes into a second block.
  const size = rest < 56 ? 64 : 128;
  for (let i = rest + 1; i < size - 8; i++) tail[i] = 0;
  const bytes = absorbed + end - start;
  const hi = Math.floor(bytes / 2 ** 29); // bits = 8 · bytes, as a 64-bit big-endian number
  const lo = (bytes * 8) >>> 0;
  tail[size - 8] = hi >>> 24;
  tail[size - 7] = hi >>> 16;
  tail[size - 6] = hi >>> 8;
  tail[size - 5] = hi;
  tail[size - 4] = lo >>> 24;
  tail[size - 3] = lo >>> 16;
  tail[size - 2] = lo >>> 8;
  tail[size - 1] = lo;
  compressBlocks(state, tail, 0, size);
}

/** Writes the digest held in `state` to `out[at … at + 32)`. */
export function writeDigest(state: Int32Array, out: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++) {
    const w = state[i]!;
    out[at + 4 * i] = w >>> 24;
    out[at + 4 * i + 1] = w >>> 16;
    out[at + 4 * i + 2] = w >>> 8;
    out[at + 4 * i + 3] = w;
  }
}

/** State reused by {@link sha256Into} (the module is single-threaded, and nothing here re-enters). */
const scratch = new Int32Array(8);

/** SHA-256 of `data[start … end)`, written to `out[at … at + 32)`. */
export function sha256Into(data: Uint8Array, start: number, end: number, out: Uint8Array, at: number): void {
  scratch.set(IV);
  finishHash(scratch, 0, data, start, end);
  writeDigest(scratch, out, at);
}

/**
 * SHA-256 of `buffer[0 … length)` for a message of at most 55 bytes (one block), padded in place:
 * `buffer` (≥ 64 bytes, the caller's scratch) is overwritten after the message. Saves copying the
 * message into the padding block, for the 100,000 entry digests of a draw.
 */
export function sha256ShortInPlace(buffer: Uint8Array, length: number, out: Uint8Array, at: number): void {
  if (length > 55 || buffer.length < 64) {
    sha256Into(buffer, 0, length, out, at);
    return;
  }
  buffer[length] = 0x80;
  for (let i = length + 1; i < 60; i++) buffer[i] = 0;
  const bits = length * 8; // < 2^9: the upper length bytes are 0
  buffer[60] = 0;
  buffer[61] = 0;
  buffer[62] = bits >>> 8;
  buffer[63] = bits;
  scratch.set(IV);
  compressBlocks(scratch, buffer, 0, 64);
  writeDigest(scratch, out, at);
}

/** SHA-256 of `data` (32 bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  sha256Into(data, 0, data.length, out, 0);
  return out;
}

/**
 * The state after the whole 64-byte blocks of a prefix shared by many messages, and the prefix's
 * remaining bytes (fewer than 64): each message then costs only its last block(s).
 */
export interface Midstate {
  /** The state after `absorbed` bytes of the prefix (do not modify: copy it with `set`). */
  readonly state: Int32Array;
  /** How many prefix bytes the state has absorbed: a multiple of 64. */
  readonly absorbed: number;
  /** The prefix bytes after those. */
  readonly rest: Uint8Array;
}

/** The {@link Midstate} of `prefix`. */
export function midstate(prefix: Uint8Array): Midstate {
  const absorbed = prefix.length & ~63;
  const state = initialState();
  compressBlocks(state, prefix, 0, absorbed);
  return { state, absorbed, rest: prefix.slice(absorbed) };
}
