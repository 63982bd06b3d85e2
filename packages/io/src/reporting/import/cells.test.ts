import { describe, expect, it } from 'vitest';
import { fractionTypedAsPercent, readChoice, readNumber, readPercent, readText, readYesNo } from './cells.js';

const value = <T>(r: { ok: boolean; value?: T; message?: string }) => (r.ok ? r.value : `错：${r.message}`);

describe('readNumber', () => {
  it('reads numbers, text with thousands separators, full-width digits; blank is null', () => {
    expect(value(readNumber(1234))).toBe(1234);
    expect(value(readNumber('1,234'))).toBe(1234);
    expect(value(readNumber(' 1,234,567.5 '))).toBe(1234567.5);
    expect(value(readNumber('１２３４'))).toBe(1234);
    expect(value(readNumber('-3'))).toBe(-3);
    expect(value(readNumber(''))).toBeNull();
    expect(value(readNumber('   '))).toBeNull();
    expect(value(readNumber(null))).toBeNull();
  });

  it('says how to fix what it cannot read', () => {
    expect(value(readNumber('500人'))).toBe('错：只填写数字，不要带单位（单位已写在列名中）');
    expect(value(readNumber('约500'))).toBe('错：应填写数字，如 1234 或 1,234.5');
    expect(value(readNumber('1,23'))).toBe('错：应填写数字，如 1234 或 1,234.5');
    expect(value(readNumber('12%'))).toBe('错：此列填写数量，不应填百分数：请去掉百分号并填写实际数量');
    expect(value(readNumber('#DIV/0!'))).toBe('错：公式计算出错（#DIV/0!）：请修正公式或直接填写数值');
    expect(value(readNumber('=A1+1'))).toMatch(/^错：公式没有计算结果/);
    expect(value(readNumber(new Date(2025, 8, 1)))).toMatch(/^错：单元格是日期格式/);
    expect(value(readNumber(true))).toMatch(/^错：应填写数字/);
  });
});

describe('readPercent', () => {
  it('reads 96.5 and "96.5%" as 0.965', () => {
    expect(value(readPercent(96.5))).toBe(0.965);
    expect(value(readPercent('96.5%'))).toBe(0.965);
    expect(value(readPercent('12%'))).toBe(0.12);
    expect(value(readPercent(100))).toBe(1);
    expect(value(readPercent(null))).toBeNull();
  });
  it('rejects values outside 0..100', () => {
    expect(value(readPercent(120))).toBe('错：百分数应在 0 到 100 之间：如 96.5 表示 96.5%');
    expect(value(readPercent('-1%'))).toMatch(/^错：百分数应在 0 到 100 之间/);
  });
});

describe('readText, readYesNo, readChoice', () => {
  it('text is trimmed; whole numbers become digits', () => {
    expect(value(readText('  城关一小 '))).toBe('城关一小');
    expect(value(readText(2130012345))).toBe('2130012345');
    expect(value(readText(''))).toBeNull();
    expect(value(readText(1.5))).toMatch(/^错：/);
  });
  it('是/否 and common equivalents', () => {
    expect(value(readYesNo('是'))).toBe(true);
    expect(value(readYesNo('否'))).toBe(false);
    expect(value(readYesNo(true))).toBe(true);
    expect(value(readYesNo('Y'))).toBe(true);
    expect(value(readYesNo('√'))).toBe(true);
    expect(value(readYesNo(''))).toBeNull();
    expect(value(readYesNo('可能'))).toBe('错：应填写“是”或“否”');
  });
  it('a choice names the allowed values', () => {
    const map = new Map([['小学', 'primary']]);
    expect(value(readChoice(' 小 学 ', map, ['小学', '初中']))).toBe('primary');
    expect(value(readChoice('高中', map, ['小学', '初中']))).toBe(
      '错：应为 小学、初中 之一：请从下拉列表选择',
    );
  });
});

describe('fractionTypedAsPercent', () => {
  it('spots 0 < x ≤ 1 typed without %, which reads as x% (0.965 where 96.5 was meant)', () => {
    expect(fractionTypedAsPercent(0.965)).toBe(0.965);
    expect(fractionTypedAsPercent('0.965')).toBe(0.965);
    expect(fractionTypedAsPercent(' ０.５ ')).toBe(0.5);
    expect(fractionTypedAsPercent(1)).toBe(1);
    for (const cell of [96.5, 0, '0.5%', '96.5%', '', null, true, 'x', new Date(2025, 0, 1)]) {
      expect(fractionTypedAsPercent(cell)).toBeUndefined();
    }
  });
});
