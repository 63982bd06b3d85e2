/**
 * The long-message hasher: the JavaScript one against node:crypto for messages fed in random
 * pieces, and a draw and its verification giving the same commitment and result with node:crypto
 * installed as without (a program's choice of hasher never changes a draw).
 */
// biome-ignore lint/style/noRestrictedImports: a test, not core src: node:crypto is the reference
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalList } from './canonical.js';
import { drawLottery, verifyDraw } from './draw.js';
import { jsLongSha256, type LongSha256, longSha256, sha256Long, useNativeSha256 } from './longHash.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** node:crypto as the native hasher, counting its calls (to see it is used). */
let nativeCalls = 0;
function nodeHasher(): LongSha256 {
  nativeCalls++;
  const h = createHash('sha256');
  return {
    update: (d, from, to) => void h.update(d.subarray(from, to)),
    digest: () => new Uint8Array(h.digest()),
  };
}

afterEach(() => useNativeSha256(null));

describe('long SHA-256', () => {
  it('the JavaScript hasher agrees with node:crypto for any message fed in any pieces', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 8 }),
        (data, cuts) => {
          const h = jsLongSha256();
          const points = [...new Set(cuts.map((c) => Math.min(c, data.length)))].sort((a, b) => a - b);
          let from = 0;
          for (const p of [...points, data.length]) {
            h.update(data, from, p);
            from = p;
          }
          expect(hex(h.digest())).toBe(createHash('sha256').update(data).digest('hex'));
        },
      ),
    );
  });

  it('uses the installed hasher for long messages only, with the same digests', () => {
    const long = new Uint8Array(randomBytes(100_000));
    const short = new Uint8Array(randomBytes(100));
    const js = [hex(sha256Long(long)), hex(sha256Long(short))];
    useNativeSha256(nodeHasher);
    nativeCalls = 0;
    expect([hex(sha256Long(long)), hex(sha256Long(short))]).toEqual(js);
    expect(nativeCalls).toBe(1); // the long one
    const h = longSha256();
    h.update(long, 0, long.length);
    expect(hex(h.digest())).toBe(js[0]);
  });

  it('a draw and its verification are the same with node:crypto installed as without', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => ({
      ticket: `2027-${String(i + 1).padStart(6, '0')}`,
      secret: createHash('sha256').update(`s${i}`).digest('hex').slice(0, 32),
    }));
    const seed = '20270710314159265358';
    const js = drawLottery(entries, seed);
    const text = canonicalList(entries);
    const jsVerified = verifyDraw(text, seed, js.resultHash, js.commitment);
    useNativeSha256(nodeHasher);
    nativeCalls = 0;
    const native = drawLottery(entries, seed);
    expect([native.commitment, native.resultHash, native.order]).toEqual([
      js.commitment,
      js.resultHash,
      js.order,
    ]);
    const nativeVerified = verifyDraw(text, seed, js.resultHash, js.commitment);
    expect(nativeVerified.verified).toBe(true);
    expect(jsVerified.verified).toBe(true);
    expect(nativeCalls).toBeGreaterThan(0);
  });
});
