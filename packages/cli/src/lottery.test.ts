/**
 * `junheng lottery verify`, run as the built command (npx tsc -b packages/cli first): exit 0 when the
 * replay matches, 1 when a hash or the family's entry does not, 2 for invalid input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
    expect(r.out).toContain('5 名儿童');
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
    expect(mine.out).toContain('本人条目：✓ 第 5 行，摘要与校验密码相符；派位号（名次）3');
    const wrong = run('lottery', 'verify', list, SEED, '--ticket', '2026-000101', '--secret', 'f'.repeat(32));
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('摘要与校验密码不符');
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
