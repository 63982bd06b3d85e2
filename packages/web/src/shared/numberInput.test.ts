import { describe, expect, it } from 'vitest';
import { webSources } from '../testing/sources';
import { numberText, parseNumberInput } from './numberInput';

const students = { label: '在校生数', unit: '人', integer: true, min: 0, max: 20_000 };

describe('parseNumberInput', () => {
  it('reads plain, decimal and full-width numbers; empty is not filled in', () => {
    expect(parseNumberInput('1394', students)).toEqual({ value: 1394 });
    expect(parseNumberInput(' 9250.5 ', { label: '面积', min: 0 })).toEqual({ value: 9250.5 });
    expect(parseNumberInput('１２３', students)).toEqual({ value: 123 });
    expect(parseNumberInput('', students)).toEqual({ value: null });
    expect(parseNumberInput('   ', students)).toEqual({ value: null });
    expect(parseNumberInput(' ', { ...students, required: true }).error).toMatch(/^请填写/);
  });
  it('refuses letters instead of dropping them ("5x1" is not 51)', () => {
    const r = parseNumberInput('5x1', students);
    expect(r.value).toBeUndefined();
    expect(r.error).toBe('在校生数只能填写数字，“5x1”含有其他字符：请改为数字（允许范围 0～20000 人）');
    expect(parseNumberInput('1e3', students).error).toMatch(/只能填写数字/);
    expect(parseNumberInput('12,5', students).error).toMatch(/只能填写数字/);
  });
  it('refuses a value out of range instead of clamping it, naming field and range', () => {
    expect(parseNumberInput('40', { label: '指标到校比例', unit: '%', min: 50, max: 100 }).error).toBe(
      '指标到校比例 40 超出允许范围 50～100 %：请核对后重填',
    );
    expect(parseNumberInput('-3', students).error).toMatch(/超出允许范围 0～20000 人/);
    expect(parseNumberInput('20001', students).error).toMatch(/超出允许范围/);
  });
  it('refuses a fraction where a whole number is needed', () => {
    expect(parseNumberInput('12.5', students).error).toBe(
      '在校生数应为整数，收到 12.5（允许范围 0～20000 人）',
    );
  });
  it('shows a value as plain text', () => {
    expect(numberText(51)).toBe('51');
    expect(numberText(null)).toBe('');
  });
});

describe('number fields in the web app', () => {
  // el-input-number drops letters and clamps to its bounds without a word (issue 10 #31).
  it('are NumberField everywhere, never el-input-number', () => {
    const sources = webSources();
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((s) => /<el-input-number\b/.test(s.text)).map((s) => s.file)).toEqual([]);
    expect(sources.filter((s) => /<NumberField\b/.test(s.text)).length).toBeGreaterThanOrEqual(8);
  });
});
