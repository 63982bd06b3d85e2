// biome-ignore lint/style/noRestrictedImports: a test, not core src: node:crypto is the reference
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalList, commitment, entryDigest } from './canonical.js';
import { drawLottery, findMyEntry, myEntryVerdict, verifyDraw } from './draw.js';

const ticketArb = fc.stringMatching(
  /^[0-9A-Za-z张王李明*-][0-9A-Za-z张王李明* -]{0,10}[0-9A-Za-z张王李明*-]$/,
);
const secretArb = fc.stringMatching(/^[0-9a-f]{32}$/);
const entriesArb = fc.uniqueArray(fc.record({ ticket: ticketArb, secret: secretArb }), {
  selector: (e) => e.ticket,
  minLength: 1,
  maxLength: 25,
});
const seedArb = fc.stringMatching(/^[0-9]{20,30}$/);

describe('drawLottery', () => {
  it('orders every child exactly once, ranks agree with the order', () => {
    fc.assert(
      fc.property(entriesArb, seedArb, (entries, seed) => {
        const r = drawLottery(entries, seed);
        expect([...r.order].sort()).toEqual(entries.map((e) => e.ticket).sort());
        r.order.forEach((t, k) => {
          expect(r.ranks.get(t)).toBe(k + 1);
        });
        expect(r.ranks.size).toBe(entries.length);
      }),
    );
  });

  it('is the same for the same inputs, whatever the input order, and from the published list', () => {
    fc.assert(
      fc.property(entriesArb, seedArb, (entries, seed) => {
        const r = drawLottery(entries, seed);
        expect(drawLottery(entries, seed)).toEqual(r);
        expect(drawLottery([...entries].reverse(), seed)).toEqual(r);
        expect(drawLottery(canonicalList(entries), seed)).toEqual(r);
        expect(drawLottery(entries, seed.replace(/(\d{4})/g, '$1 '))).toEqual(r);
      }),
    );
  });

  it('changes commitment and result hash when one entry or the seed changes', () => {
    fc.assert(
      fc.property(entriesArb, seedArb, fc.nat(), secretArb, (entries, seed, k, secret) => {
        const i = k % entries.length;
        fc.pre(secret !== entries[i]!.secret);
        const r = drawLottery(entries, seed);
        const changed = entries.map((e, m) => (m === i ? { ...e, secret } : e));
        const c = drawLottery(changed, seed);
        expect(c.commitment).not.toBe(r.commitment);
        // Same tickets: the result hash changes exactly when the order does (n = 1, 2 may keep it).
        expect(c.resultHash === r.resultHash).toBe(c.order.join('\n') === r.order.join('\n'));
        const otherSeed = seed.endsWith('0') ? `${seed.slice(0, -1)}1` : `${seed.slice(0, -1)}0`;
        const s = drawLottery(entries, otherSeed);
        expect(s.commitment).toBe(r.commitment);
        expect(s.seed).not.toBe(r.seed);
        // With 1 child the order cannot change; the stream does (it is not used).
        if (entries.length === 1) expect(s.order).toEqual(r.order);
      }),
    );
  });

  it('gives a different order for a changed list or seed (n = 20, where a collision is ~1/20!)', () => {
    const entries = Array.from({ length: 20 }, (_, k) => ({
      ticket: `2026-${String(k).padStart(6, '0')}`,
      secret: k.toString(16).padStart(32, 'a'),
    }));
    const seed = '9'.repeat(24);
    const r = drawLottery(entries, seed);
    expect(drawLottery(entries, `${'9'.repeat(23)}8`).order).not.toEqual(r.order);
    const changed = entries.map((e, k) => (k === 7 ? { ...e, secret: 'b'.repeat(32) } : e));
    expect(commitment(changed)).not.toBe(r.commitment);
    expect(drawLottery(changed, seed).order).not.toEqual(r.order);
    expect(drawLottery(changed, seed).resultHash).not.toBe(r.resultHash);
    expect(drawLottery(entries.slice(1), seed).commitment).not.toBe(r.commitment);
  });

  it('is unbiased: for n = 3 the 6 orders are equally frequent (chi-square, fixed seeds)', () => {
    const entries = ['A', 'B', 'C'].map((ticket) => ({ ticket, secret: '0'.repeat(32) }));
    const counts = new Map<string, number>();
    const draws = 6000;
    for (let s = 0; s < draws; s++) {
      const order = drawLottery(entries, String(s).padStart(20, '0')).order.join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const expected = draws / 6;
    const chi2 = [...counts.values()].reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 5 degrees of freedom: P(χ² > 20.52) = 0.001. Deterministic seeds: the value is fixed.
    expect(chi2).toBeLessThan(20.52);
  });

  it('refuses a bad seed or a bad list in Chinese', () => {
    const entries = [{ ticket: 'A', secret: '0'.repeat(32) }];
    expect(() => drawLottery(entries, '123456')).toThrow('至少需要 20 位');
    expect(() => drawLottery('A,xyz\n', '1'.repeat(20))).toThrow('第 1 行');
  });
});

describe('verifyDraw and findMyEntry', () => {
  const entries = Array.from({ length: 8 }, (_, k) => ({
    ticket: `2026-00010${k}`,
    secret: `${k}`.repeat(32),
  }));
  const list = canonicalList(entries);
  const seed = '1234 5678 9012 3456 7890';
  const drawn = drawLottery(entries, seed);

  it('replays the draw from the published text and compares hashes', () => {
    const v = verifyDraw(list, seed, drawn.resultHash.toUpperCase(), drawn.commitment);
    expect(v).toMatchObject({ verified: true, resultHashMatches: true, commitmentMatches: true });
    expect(v.result.order).toEqual(drawn.order);
    expect(verifyDraw(list, seed)).toMatchObject({
      verified: true,
      resultHashMatches: null,
      commitmentMatches: null,
    });
    expect(verifyDraw(list, '1'.repeat(20), drawn.resultHash)).toMatchObject({
      verified: false,
      resultHashMatches: false,
    });
    expect(verifyDraw(list, seed, undefined, '0'.repeat(64))).toMatchObject({
      verified: false,
      commitmentMatches: false,
    });
  });

  it('detects a changed digest (different commitment and result), and names a tampered line', () => {
    const lines = list.split('\n');
    const d = lines[3]!.split(',')[1]!;
    const flipped = `${d.slice(0, -1)}${d.endsWith('0') ? '1' : '0'}`;
    const tampered = list.replace(d, flipped);
    const v = verifyDraw(tampered, seed, drawn.resultHash, drawn.commitment);
    expect(v.commitmentMatches).toBe(false);
    expect(v.verified).toBe(false);
    expect(() => verifyDraw(list.replace(d, d.toUpperCase()), seed)).toThrow(
      /^第 4 行：摘要应为 64 位小写十六进制/,
    );
    expect(() => verifyDraw(list.replace(lines[5]!, lines[2]!), seed)).toThrow(/^第 6 行/);
  });

  it('lets a family find its own entry and rank', () => {
    const mine = entries[5]!;
    expect(findMyEntry(list, mine.ticket, mine.secret)).toEqual({
      ticket: mine.ticket,
      listed: true,
      line: 6,
      digestMatches: true,
      rank: null,
      family: null,
    });
    expect(findMyEntry(list, mine.ticket, mine.secret, seed).rank).toBe(drawn.ranks.get(mine.ticket));
    expect(findMyEntry(list, mine.ticket, '9'.repeat(32), seed)).toMatchObject({
      listed: true,
      digestMatches: false,
    });
    expect(findMyEntry(list, '2026-999999', '9'.repeat(32), seed)).toEqual({
      ticket: '2026-999999',
      listed: false,
      line: null,
      digestMatches: false,
      rank: null,
      family: null,
    });
    expect(entryDigest(mine)).toBe(list.split('\n')[5]!.split(',')[1]);
  });

  it('finds a family’s entry by its 核验码 when a twin types its own 申请编号, and words the verdicts alike', () => {
    const mine = entries[5]!;
    const twin = findMyEntry(list, '2026-999999', mine.secret, seed);
    expect(twin).toMatchObject({ listed: false, family: { ticket: mine.ticket, line: 6 } });
    expect(twin.family!.rank).toBe(drawn.ranks.get(mine.ticket));
    expect(myEntryVerdict(twin)).toEqual({
      found: true,
      text: expect.stringContaining(`请用派位编号 “${mine.ticket}” 核对`),
    });
    // Typed values are cleaned as docs/lottery.md says: NFC and whitespace at the ends of the
    // ticket, every whitespace character in the 核验码 (printed in groups of four).
    const typed = findMyEntry(
      list,
      `\u3000${mine.ticket}\u00a0`,
      mine.secret.match(/.{4}/g)!.join(' '),
      seed,
    );
    expect(myEntryVerdict(typed)).toMatchObject({ found: true, text: expect.stringMatching(/^✓ 第 6 行/) });
    expect(myEntryVerdict(findMyEntry(list, '2026-999999', '9'.repeat(32)))).toEqual({
      found: false,
      text: expect.stringContaining('本人条目不在名单中'),
    });
    expect(myEntryVerdict(findMyEntry(list, mine.ticket, '9'.repeat(32)))).toEqual({
      found: false,
      text: expect.stringContaining('摘要与核验码不符'),
    });
  });
});

describe('result list, order and ranks', () => {
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const secretOf = (k: number) => createHash('md5').update(String(k)).digest('hex');

  it('writes ranks of 1 to 4 digits, and hashes the result list as node:crypto does', () => {
    const entries = Array.from({ length: 1234 }, (_, k) => ({ ticket: `2026-${k}`, secret: secretOf(k) }));
    const seed = '31415926535897932384626';
    const r = drawLottery(entries, seed);
    const text = r.order.map((t, k) => `${k + 1},${t}\n`).join('');
    expect(r.resultText).toBe(text);
    expect(r.resultHash).toBe(sha(text));
    expect(r.ranks.size).toBe(1234);
    expect(r.ranks.get(r.order[999]!)).toBe(1000);
    const v = verifyDraw(canonicalList(entries), seed, r.resultHash, r.commitment);
    expect(v.verified).toBe(true);
    expect(v.result.order).toEqual(r.order);
    expect(v.result.resultText).toBe(text);
  });

  it('draws the same from entries and from the list with tickets beyond U+FFFF', () => {
    const tickets = ['～1', '𠀀1', '😀', '张*明 2019-03', 'A', 'é'];
    const entries = tickets.map((ticket, k) => ({ ticket, secret: secretOf(k) }));
    const seed = '2'.repeat(20);
    const r = drawLottery(entries, seed);
    expect(drawLottery(canonicalList(entries), seed)).toEqual(r);
    expect(r.resultHash).toBe(sha(r.order.map((t, k) => `${k + 1},${t}\n`).join('')));
  });

  it('keeps a lone surrogate of a ticket in the result text; the hash is of its UTF-8 (U+FFFD)', () => {
    const entries = ['A\ud800', 'B', 'C'].map((ticket, k) => ({ ticket, secret: secretOf(k) }));
    const r = drawLottery(entries, '3'.repeat(20));
    const text = r.order.map((t, k) => `${k + 1},${t}\n`).join('');
    expect(r.resultText).toBe(text);
    expect(r.resultText).toContain('A\ud800');
    expect(r.resultHash).toBe(sha(text));
  });

  it('lets findMyEntry find every line of a list in other scripts too', () => {
    const entries = Array.from({ length: 60 }, (_, k) => ({
      ticket: `${['张', 'A', '𠀀', 'é'][k % 4]}${k}`,
      secret: secretOf(k),
    }));
    const list = canonicalList(entries);
    const seed = '4'.repeat(20);
    const r = drawLottery(entries, seed);
    const lines = list.split('\n');
    for (const e of entries) {
      const mine = findMyEntry(list, e.ticket, e.secret, seed);
      expect(mine).toMatchObject({ listed: true, digestMatches: true, rank: r.ranks.get(e.ticket) });
      expect(lines[mine.line! - 1]!.startsWith(`${e.ticket},`)).toBe(true);
    }
    expect(findMyEntry(list, '张', S32, seed).listed).toBe(false);
    expect(findMyEntry(list, 'zzz', S32).listed).toBe(false);
    expect(findMyEntry(list, '0', S32).listed).toBe(false);
  });
});

const S32 = '0'.repeat(32);
