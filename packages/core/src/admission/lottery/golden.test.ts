/**
 * Golden test: the 5-entry example of docs/lottery.md, checked against an independent
 * re-implementation of the specification with node:crypto (tests may use it; core may not), and
 * against values pinned from a separate script, so a change of the specification cannot pass silently.
 */
// biome-ignore lint/style/noRestrictedImports: a test, not core src: the independent reference implementation
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalList, commitment, entryDigest } from './canonical.js';
import { drawLottery, verifyDraw } from './draw.js';
import { createLotteryStream, streamBlock } from './generator.js';

const sha = (s: string) => createHash('sha256').update(Buffer.from(s, 'utf8')).digest();

/** The specification, re-implemented with node:crypto only. */
function reference(entries: { ticket: string; secret: string }[], seed: string) {
  const rows = entries
    .map((e) => ({ ticket: e.ticket, digest: sha(`${e.ticket}\n${e.secret}`).toString('hex') }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.ticket, 'utf8'), Buffer.from(b.ticket, 'utf8')));
  const list = rows.map((r) => `${r.ticket},${r.digest}\n`).join('');
  const c = sha(list).toString('hex');
  const blocks: Buffer[] = [];
  const words: number[] = [];
  const word = () => {
    if (words.length === 0) {
      const b = sha(`junheng-lottery-v1\n${c}\n${seed}\n${blocks.length}`);
      blocks.push(b);
      for (let k = 0; k < 32; k += 4) words.push(b.readUInt32BE(k));
    }
    return words.shift()!;
  };
  const uniform = (n: number) => {
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const w = word();
      if (w < limit) return w % n;
    }
  };
  const a = rows.map((r) => r.ticket);
  for (let i = a.length - 1; i >= 1; i--) {
    const j = uniform(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  const resultText = a.map((t, k) => `${k + 1},${t}\n`).join('');
  return { list, commitment: c, blocks, order: a, resultText, resultHash: sha(resultText).toString('hex') };
}

const EXAMPLE = [
  { ticket: '2026-000103', secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
  { ticket: '张*明 2019-03', secret: '00112233445566778899aabbccddeeff' },
  { ticket: '2026-000101', secret: 'a3f5c8e1d2b4967088f1e2d3c4b5a697' },
  { ticket: '2026-000105', secret: 'deadbeefcafebabe0123456789abcdef' },
  { ticket: '2026-000102', secret: '9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3' },
];
const SEED = '20260710314159265358';

describe('golden example (docs/lottery.md)', () => {
  const ref = reference(EXAMPLE, SEED);
  const result = drawLottery(EXAMPLE, SEED);

  it('has the canonical list and commitment of the independent implementation', () => {
    expect(canonicalList(EXAMPLE)).toBe(ref.list);
    expect(commitment(EXAMPLE)).toBe(ref.commitment);
    expect(entryDigest(EXAMPLE[1]!)).toBe(
      sha('张*明 2019-03\n00112233445566778899aabbccddeeff').toString('hex'),
    );
    // Pinned from /tmp golden script (docs/lottery.md).
    expect(ref.commitment).toBe('35b36423183948c5e5bfb029f23811f8120bef24433d25829204784dbc9a11f4');
    expect(ref.list.split('\n')[0]).toBe(
      '2026-000101,f2ee04208f9b65760b7029bedd8ea46f88d5f29fe27abe10a71bcc9325ee6faa',
    );
  });

  it('has the same first blocks and words', () => {
    for (const i of [0, 1, 2]) {
      expect(Buffer.from(streamBlock(ref.commitment, SEED, i)).toString('hex')).toBe(
        sha(`junheng-lottery-v1\n${ref.commitment}\n${SEED}\n${i}`).toString('hex'),
      );
    }
    expect(Buffer.from(streamBlock(ref.commitment, SEED, 0)).toString('hex')).toBe(
      '57f78b4fc8dfcc78f74322d444f7ae3f1a8e65170000db2068f7254a995ad227',
    );
    const s = createLotteryStream(ref.commitment, SEED);
    const words = Array.from({ length: 17 }, () => s.nextWord());
    expect(words.slice(0, 4)).toEqual([1475840847, 3370110072, 4148372180, 1157082687]);
    const b = [0, 1, 2].map((i) => sha(`junheng-lottery-v1\n${ref.commitment}\n${SEED}\n${i}`));
    const expected = Array.from({ length: 17 }, (_, k) => b[Math.floor(k / 8)]!.readUInt32BE((k % 8) * 4));
    expect(words).toEqual(expected);
    expect(s.blocksUsed).toBe(3);
  });

  it('has the same full order and result hash', () => {
    expect(result.order).toEqual(ref.order);
    expect(result.order).toEqual([
      '2026-000105',
      '2026-000102',
      '张*明 2019-03',
      '2026-000101',
      '2026-000103',
    ]);
    expect(result.resultText).toBe(ref.resultText);
    expect(result.resultHash).toBe('f47216985d0f5476a268a1ed30f8cb0cb7a38b0a6167906e47fba77b923e0519');
    expect(result.ranks.get('张*明 2019-03')).toBe(3);
    expect(verifyDraw(ref.list, SEED, result.resultHash).verified).toBe(true);
  });

  it('agrees with the independent implementation on other lists and seeds', () => {
    for (let n = 1; n <= 40; n += 3) {
      const entries = Array.from({ length: n }, (_, k) => ({
        ticket: `2026-${String((k * 7919) % 1000).padStart(6, '0')}-${k}`,
        secret: sha(`s${k}`).toString('hex'),
      }));
      const seed = `${n}`.padStart(25, '7');
      const r = reference(entries, seed);
      const d = drawLottery(entries, seed);
      expect(d.order).toEqual(r.order);
      expect(d.resultHash).toBe(r.resultHash);
    }
  });
});
