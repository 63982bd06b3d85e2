/**
 * `junheng lottery verify`, run as the built command (npx tsc -b packages/cli first): exit 0 when the
 * replay matches, 1 when a hash or the family's entry does not, 2 for invalid input.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalList } from '@junheng/core';
import { describe, expect, it } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-lottery-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The worked example of docs/lottery.md (golden values from an independent node:crypto script).
const entries = [
  { ticket: '2026-000103', secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
  { ticket: '张*明 2019-03', secret: '00112233445566778899aabbccddeeff' },
  { ticket: '2026-000101', secret: 'a3f5c8e1d2b4967088f1e2d3c4b5a697' },
  { ticket: '2026-000105', secret: 'deadbeefcafebabe0123456789abcdef' },
  { ticket: '2026-000102', secret: '9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3' },
];
const SEED = '2026 0710 3141 5926 5358';
const COMMITMENT = '35b36423183948c5e5bfb029f23811f8120bef24433d25829204784dbc9a11f4';
const RESULT = 'f47216985d0f5476a268a1ed30f8cb0cb7a38b0a6167906e47fba77b923e0519';
const list = join(dir, 'list.txt');
writeFileSync(list, canonicalList(entries));

describe('junheng lottery verify', () => {
  it('exits 0 and says so when the result hash and commitment match', () => {
    const r = run('lottery', 'verify', list, SEED, '--result-hash', RESULT, '--commitment', COMMITMENT);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`名单承诺值：${COMMITMENT}  ✓ 一致`);
    expect(r.out).toContain(`结果哈希：${RESULT}  ✓ 一致`);
    expect(r.out).toContain('5 个派位条目');
    expect(r.out).toContain('结论：✓ 复算一致');
    expect(run('lottery', 'verify', list, SEED).code).toBe(0);
  });

  it('gives a family its rank, and exits 1 for a wrong secret or an unknown ticket', () => {
    const mine = run(
      'lottery',
      'verify',
      list,
      SEED,
      '--ticket',
      '张*明 2019-03',
      '--secret',
      entries[1]!.secret,
    );
    expect(mine.code).toBe(0);
    expect(mine.out).toContain('本人条目：✓ 第 5 行，摘要与核验码相符；派位号（名次）3');
    const wrong = run('lottery', 'verify', list, SEED, '--ticket', '2026-000101', '--secret', 'f'.repeat(32));
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('摘要与核验码不符');
    expect(run('lottery', 'verify', list, SEED, '--ticket', '2026-9', '--secret', 'f'.repeat(32)).code).toBe(
      1,
    );
  });

  it('exits 1 when the seed or the list differ from what was announced', () => {
    const r = run('lottery', 'verify', list, '2026 0710 3141 5926 5359', '--result-hash', RESULT);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ 不一致');
    expect(r.out).toContain('结论：✗ 复算不一致');
    const other = join(dir, 'other.txt');
    writeFileSync(
      other,
      canonicalList(entries.map((e, k) => (k === 0 ? { ...e, secret: '1'.repeat(32) } : e))),
    );
    expect(
      run('lottery', 'verify', other, SEED, '--result-hash', RESULT, '--commitment', COMMITMENT).code,
    ).toBe(1);
  });

  it('exits 2 for invalid input, naming the problem in Chinese', () => {
    expect(run('lottery', 'verify', list, '123456')).toMatchObject({
      code: 2,
      err: expect.stringContaining('至少需要 20 位'),
    });
    expect(run('lottery', 'verify', join(dir, 'nope.txt'), SEED)).toMatchObject({
      code: 2,
      err: expect.stringContaining('找不到文件'),
    });
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, canonicalList(entries).replace('2026-000102,3a', '2026-000102,3A'));
    expect(run('lottery', 'verify', bad, SEED)).toMatchObject({
      code: 2,
      err: expect.stringContaining('第 2 行：摘要'),
    });
    expect(run('lottery', 'verify', list, SEED, '--ticket', 'x')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--secret'),
    });
    expect(run('lottery', 'check', list, SEED)).toMatchObject({
      code: 2,
      err: expect.stringContaining('用法'),
    });
    expect(run('lottery', 'verify', list, SEED, '--bogus')).toMatchObject({
      code: 2,
      err: expect.stringContaining('参数错误'),
    });
  });
});

describe('junheng lottery: the list file is read as bytes, strictly (issue 10 #20)', () => {
  const text = canonicalList(entries);
  const withByte = (b: number) => {
    // One invalid byte in line 3's ticket: not UTF-8, whatever replaces it.
    const bytes = Buffer.from(text.replace('2026-000103', '2026-00010\u0001'), 'utf8');
    bytes[bytes.indexOf(0x01)] = b;
    const file = join(dir, `invalid-${b.toString(16)}.txt`);
    writeFileSync(file, bytes);
    return file;
  };

  it('refuses invalid UTF-8 naming the line and byte, for verify, draw and admission admit', () => {
    for (const b of [0xff, 0xfe]) {
      const file = withByte(b);
      for (const args of [
        ['lottery', 'verify', file, SEED],
        ['lottery', 'draw', file, SEED],
      ]) {
        const r = run(...args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.err).toContain('第 3 行');
        expect(r.err).toContain(`0x${b.toString(16).toUpperCase()}`);
        expect(r.err).toContain('UTF-8');
      }
    }
    // A GBK list (Excel/WPS on Chinese Windows) is refused, not drawn with garbled tickets.
    const gbk = join(dir, 'gbk.txt');
    writeFileSync(gbk, Buffer.from(text.replace('张*明', '\u00d5\u00c5*\u00c3\u00f7'), 'latin1'));
    const r = run('lottery', 'draw', gbk, SEED);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/第 5 行.*UTF-8/);
  });

  it('reports the file’s own sha256sum as the matching commitment', () => {
    const sum = createHash('sha256').update(readFileSync(list)).digest('hex');
    const r = run('lottery', 'verify', list, SEED, '--commitment', sum);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`名单承诺值：${sum}  ✓ 一致`);
  });

  it('cleans what a family types, and names what is wrong with it (code points for the invisible)', () => {
    // Spaces typed inside the secret (the slip prints it in groups of four) and around the ticket.
    const grouped = entries[1]!.secret.match(/.{4}/g)!.join(' ');
    const ok = run('lottery', 'verify', list, SEED, '--ticket', ' 张*明 2019-03\u3000', '--secret', grouped);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('派位号（名次）3');
    const bad = run(
      'lottery',
      'verify',
      list,
      SEED,
      '--ticket',
      '2026-000101',
      '--secret',
      `${'a'.repeat(31)}g`,
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('第 32 个字符 “g”');
    const nbsp = run('lottery', 'verify', list, '2026 0710\u00a03141 5926 5358');
    expect(nbsp.code).toBe(2);
    expect(nbsp.err).toContain('U+00A0');
    const negative = run('lottery', 'verify', list, '-20260710314159265358');
    expect(negative.code).toBe(2);
    expect(negative.err).toContain('负号');
    expect(negative.err).not.toMatch(/Unknown|option|positional/); // no English from the argument parser
  });

  it('says 本人条目不在名单中 (not 复算不一致) when the draw itself reproduced', () => {
    const r = run(
      'lottery',
      'verify',
      list,
      SEED,
      '--result-hash',
      RESULT,
      '--ticket',
      '2026-9',
      '--secret',
      'f'.repeat(32),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('本人条目不在名单中');
    expect(r.out).not.toContain('复算不一致');
    expect(r.out).toContain('派位复算一致');
  });
});

describe('junheng lottery secrets (issue 10 #26)', () => {
  it('gives every 编号 a random 32-hex 核验码, a CSV to upload, a slip per family and the list', () => {
    const names = join(dir, '编号名单.txt');
    writeFileSync(names, '编号\r\n2026-000003\r\n2026-000001\r\n\r\n2026-000002\r\n');
    const out = join(dir, '核验码.csv');
    const listOut = join(dir, 'secrets-list.txt');
    const r = run(
      'lottery',
      'secrets',
      names,
      '--out',
      out,
      '--list',
      listOut,
      '--title',
      '城关一小派位',
      '--url',
      'https://jy.example.cn/public',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 户');
    const csv = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('编号,核验码');
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows.map((x) => x[0])).toEqual(['2026-000003', '2026-000001', '2026-000002']);
    for (const [, secret] of rows) expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(rows.map((x) => x[1])).size).toBe(3);
    // Fresh randomness each run (node:crypto), never the same codes twice.
    const again = join(dir, '核验码2.csv');
    expect(run('lottery', 'secrets', names, '--out', again).code).toBe(0);
    expect(readFileSync(again, 'utf8')).not.toBe(readFileSync(out, 'utf8'));
    // The slips: one per family, grouped code, how to check, escaped.
    const slips = readFileSync(join(dir, '核验码-核验码条.html'), 'utf8');
    expect(slips.match(/class="slip"/g)).toHaveLength(3);
    expect(slips).toContain(rows[0]![1]!.match(/.{4}/g)!.join(' '));
    expect(slips).toContain('https://jy.example.cn/public');
    expect(slips).toContain('核对本人条目');
    // The list is the canonical list of these entries; each family checks with its code as printed.
    const list = readFileSync(listOut, 'utf8');
    expect(list).toBe(canonicalList(rows.map(([ticket, secret]) => ({ ticket: ticket!, secret: secret! }))));
    expect(r.out).toContain(`名单承诺值：${createHash('sha256').update(list).digest('hex')}`);
    const check = run(
      'lottery',
      'verify',
      listOut,
      SEED,
      '--ticket',
      '2026-000002',
      '--secret',
      rows[2]![1]!.match(/.{4}/g)!.join(' '),
    );
    expect(check.code).toBe(0);
    expect(check.out).toContain('摘要与核验码相符');
  });

  it('refuses an invalid 编号 list naming the row', () => {
    const names = join(dir, '坏名单.txt');
    writeFileSync(names, '2026-000001\n2026,000002\n2026-000001\n');
    const r = run('lottery', 'secrets', names, '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('第 2 行');
    expect(r.err).toContain('含逗号');
    expect(r.err).toContain('与第 1 行重复');
  });
});
