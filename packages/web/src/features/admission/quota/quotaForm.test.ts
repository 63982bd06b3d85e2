import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '../../../shared/numberInput';
import { checkQuotaForm, QUOTA_NUMBER_SPECS } from './quotaForm';

const rule = { minShare: 0.5, document: '《县域义务教育优质均衡发展督导评估办法》' };
const good = { places: 600, sharePercent: 50, ruralTilt: 1.2, minimum: 1 };

describe('checkQuotaForm', () => {
  it('accepts a share at or above the rule', () => {
    expect(checkQuotaForm(good, rule)).toEqual({});
    expect(checkQuotaForm({ ...good, sharePercent: 65.5 }, rule)).toEqual({});
  });
  it('refuses a share of 40 % instead of raising it to 50 %, naming the rule and the range', () => {
    const typed = parseNumberInput('40', QUOTA_NUMBER_SPECS.sharePercent);
    expect(typed).toEqual({ value: 40 });
    expect(checkQuotaForm({ ...good, sharePercent: 40 }, rule).sharePercent).toBe(
      '指标到校比例 40% 低于规定下限 50%（《县域义务教育优质均衡发展督导评估办法》）：允许范围 50～100 %，请填写 50 或更大的数',
    );
  });
  it('puts what could not be read first, and asks for an empty field', () => {
    const typed = parseNumberInput('1.2x', QUOTA_NUMBER_SPECS.ruralTilt);
    expect(typed.error).toContain('农村学校倾斜系数只能填写数字');
    const errors = checkQuotaForm({ ...good, ruralTilt: 1.2, places: null }, rule, {
      ruralTilt: typed.error,
    });
    expect(errors.ruralTilt).toBe(typed.error);
    expect(errors.places).toBe('请填写招生计划总名额');
  });
  it('refuses a tilt above 5 instead of clamping it', () => {
    expect(parseNumberInput('6', QUOTA_NUMBER_SPECS.ruralTilt).error).toBe(
      '农村学校倾斜系数 6 超出允许范围 1～5：请核对后重填',
    );
  });
});
