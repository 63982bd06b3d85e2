import { describe, expect, it } from 'vitest';
import { LotteryInputError } from './canonical.js';
import { MIN_SEED_DIGITS, parseLotterySeed } from './seed.js';

describe('parseLotterySeed', () => {
  it('keeps the digits, in order, leading zeros included, removing spaces', () => {
    expect(parseLotterySeed('0026 0710 3141 5926 5358')).toBe('00260710314159265358');
    expect(parseLotterySeed('\t0026\u30000710314159265358 ')).toBe('00260710314159265358');
  });

  it('requires at least 20 digits (≥ 2^64 seeds) and says why', () => {
    expect(MIN_SEED_DIGITS).toBe(20);
    expect(10 ** MIN_SEED_DIGITS).toBeGreaterThan(2 ** 64);
    expect(() => parseLotterySeed('123456')).toThrow(/只有 6 位，至少需要 20 位数字.*试遍/);
    expect(() => parseLotterySeed('1'.repeat(19))).toThrow(LotteryInputError);
    expect(parseLotterySeed('1'.repeat(20))).toBe('1'.repeat(20));
  });

  it('refuses anything but digits and spaces, and too long seeds, in Chinese', () => {
    expect(() => parseLotterySeed('')).toThrow('随机种子为空');
    expect(() => parseLotterySeed('   ')).toThrow('随机种子为空');
    expect(() => parseLotterySeed('1234-5678-9012-3456-7890')).toThrow(
      '只能由数字 0–9 组成（可用空格分组），其中有 “-”',
    );
    expect(() => parseLotterySeed('１２３４５６７８９０１２３４５６７８９０')).toThrow('其中有 “１”');
    expect(() => parseLotterySeed('1e25')).toThrow('其中有 “e”');
    expect(() => parseLotterySeed('1'.repeat(201))).toThrow('最多 200 位');
  });
});
