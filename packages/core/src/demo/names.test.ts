import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import {
  chineseNumber,
  DEMO_COUNTY,
  makeTownships,
  TOWN_STEMS,
  VILLAGE_NAMES,
  VillageNamer,
} from './names.js';

describe('chineseNumber', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [999, '九百九十九'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [10000, '一万'],
    [10010, '一万零一十'],
    [10500, '一万零五百'],
    [100000, '十万'],
    [120034, '十二万零三十四'],
    [1000000, '一百万'],
    [100000001, '一亿零一'],
  ])('%i → %s', (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });

  it('rejects what cannot be a school ordinal', () => {
    expect(() => chineseNumber(0)).toThrow(RangeError);
    expect(() => chineseNumber(1.5)).toThrow(RangeError);
  });
});

describe('name pools', () => {
  it('has distinct township stems and village names', () => {
    expect(new Set(TOWN_STEMS).size).toBe(TOWN_STEMS.length);
    expect(new Set(VILLAGE_NAMES).size).toBe(VILLAGE_NAMES.length);
    expect(TOWN_STEMS.every((s) => s.length === 2)).toBe(true);
  });

  it('makes distinct townships ending in 镇 or 乡', () => {
    const towns = makeTownships(createRandom(1), 200);
    expect(new Set(towns.map((t) => t.name)).size).toBe(200);
    for (const t of towns) expect(t.name.endsWith(t.isTown ? '镇' : '乡')).toBe(true);
    expect(() => makeTownships(createRandom(1), TOWN_STEMS.length + 1)).toThrow(RangeError);
  });

  it('VillageNamer hands out every village name exactly once, then stops', () => {
    const namer = new VillageNamer(createRandom(5), VILLAGE_NAMES);
    const names = Array.from({ length: VILLAGE_NAMES.length }, () => namer.take());
    expect(new Set(names).size).toBe(VILLAGE_NAMES.length);
    expect(namer.remaining).toBe(0);
    expect(() => namer.take()).toThrow(RangeError);
  });

  it('uses a fictional county code that is structurally a GB/T 2260 county code', () => {
    expect(DEMO_COUNTY.code).toMatch(/^\d{6}$/);
    expect(DEMO_COUNTY.code.slice(0, 4)).toBe('1306'); // 河北省保定市
    const county = Number(DEMO_COUNTY.code.slice(4));
    expect(county >= 21 && county <= 80).toBe(true); // 县 range
  });
});
