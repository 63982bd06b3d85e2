/**
 * The lottery's own SHA-256 against two independent implementations, node:crypto (OpenSSL) and
 * @noble/hashes, on every length around the block and padding boundaries and on random inputs.
 */
// biome-ignore lint/style/noRestrictedImports: a test, not core src: node:crypto is the reference
import { createHash, randomBytes } from 'node:crypto';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  compressBlocks,
  finishHash,
  initialState,
  midstate,
  sha256,
  sha256Into,
  sha256ShortInPlace,
  writeDigest,
} from './sha256.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256', () => {
  it('has the FIPS 180-4 test vectors', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(hex(sha256(ascii('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(ascii('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto and noble for every length 0 … 300 (padding in one or two blocks)', () => {
    for (let n = 0; n <= 300; n++) {
      const data = new Uint8Array(randomBytes(n));
      const expected = nodeHex(data);
      expect(hex(sha256(data)), `length ${n}`).toBe(expected);
      expect(hex(nobleSha256(data))).toBe(expected);
    }
  });

  it('agrees with node:crypto on random long inputs, hashing a range in the middle of a buffer', () => {
    for (let k = 0; k < 40; k++) {
      const buffer = new Uint8Array(randomBytes(1 + Math.floor(Math.random() * 20_000)));
      const start = Math.floor(Math.random() * buffer.length);
      const end = start + Math.floor(Math.random() * (buffer.length - start + 1));
      const out = new Uint8Array(40).fill(0xee);
      sha256Into(buffer, start, end, out, 3);
      expect(hex(out.subarray(3, 35))).toBe(nodeHex(buffer.subarray(start, end)));
      // The bytes around the digest are untouched.
      expect([...out.subarray(0, 3), ...out.subarray(35)].every((b) => b === 0xee)).toBe(true);
    }
  });

  it('continues from a midstate: prefix + message for prefixes and messages of every size', () => {
    for (const prefixLength of [0, 1, 55, 56, 63, 64, 65, 105, 127, 128, 129, 300]) {
      const prefix = new Uint8Array(randomBytes(prefixLength));
      const mid = midstate(prefix);
      expect(mid.absorbed).toBe(prefixLength - (prefixLength % 64));
      expect(hex(mid.rest)).toBe(hex(prefix.subarray(mid.absorbed)));
      const before = Int32Array.from(mid.state);
      for (let n = 0; n <= 140; n += 7) {
        const message = new Uint8Array(randomBytes(n));
        const tail = new Uint8Array([...mid.rest, ...message]);
        const state = Int32Array.from(mid.state);
        finishHash(state, mid.absorbed, tail, 0, tail.length);
        const out = new Uint8Array(32);
        writeDigest(state, out, 0);
        expect(hex(out), `prefix ${prefixLength}, message ${n}`).toBe(
          nodeHex(new Uint8Array([...prefix, ...message])),
        );
      }
      expect(mid.state).toEqual(before);
    }
  });

  it('writes lengths of 2^32 bits and more into the high word of the padding', () => {
    // No test can hash 512 MiB quickly; instead, finish a state that claims to have absorbed
    // 2^29 + 64 bytes and compare it with one compression of the block padded by hand.
    const absorbed = 2 ** 29 + 64;
    const state = initialState();
    finishHash(state, absorbed, Uint8Array.of(1, 2, 3), 0, 3);
    const padded = new Uint8Array(64);
    padded.set([1, 2, 3, 0x80]);
    // Length in bits: 8 · (2^29 + 67) = 2^32 + 536, so the high word is 1 and the low word 536.
    padded[59] = 1;
    padded[62] = 536 >>> 8;
    padded[63] = 536 & 0xff;
    const byHand = initialState();
    compressBlocks(byHand, padded, 0, 64);
    expect(state).toEqual(byHand);
  });
});

describe('sha256ShortInPlace', () => {
  it('equals node:crypto for every message length 0–70, padding in the caller’s buffer', () => {
    for (let n = 0; n <= 70; n++) {
      const message = randomBytes(n);
      const buffer = new Uint8Array(Math.max(64, n));
      buffer.set(message);
      const out = new Uint8Array(40);
      sha256ShortInPlace(buffer, n, out, 5);
      expect(Buffer.from(out.subarray(5, 37)).toString('hex')).toBe(
        createHash('sha256').update(message).digest('hex'),
      );
    }
  });
});
