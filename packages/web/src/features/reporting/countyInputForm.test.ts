import { describe, expect, it } from 'vitest';
import type { CountyInputItem } from '../../api/countyInputs';
import {
  changedItems,
  checkCountyInput,
  displayUnit,
  fromDisplay,
  isJudgment,
  judgmentLabels,
  toDisplay,
} from './countyInputForm';

const item = (over: Partial<CountyInputItem>): CountyInputItem => ({
  itemId: 'x',
  no: 1,
  name: '项目',
  standard: 'quality',
  input: 'number',
  unit: '',
  value: null,
  note: null,
  aspect: '优质均衡·政府保障程度',
  updatedAt: null,
  updatedByName: null,
  ...over,
});

describe('county input values', () => {
  it('shows percent items as percentages and stores fractions', () => {
    expect(toDisplay('percent', 0.965)).toBe(96.5);
    expect(toDisplay('percent', 0.1 + 0.2)).toBe(30);
    expect(fromDisplay('percent', 96.5)).toBe(0.965);
    expect(fromDisplay('percent', null)).toBeNull();
  });

  it('keeps judgments as booleans and numbers as typed', () => {
    expect(toDisplay('yesno', true)).toBe(true);
    expect(toDisplay('veto', 1)).toBeNull();
    expect(fromDisplay('number', 85)).toBe(85);
    expect(isJudgment('schoolsOrYesno')).toBe(true);
    expect(judgmentLabels('veto')).toEqual({ yes: '存在', no: '不存在' });
    expect(displayUnit({ input: 'percent', unit: undefined })).toBe('%');
    expect(displayUnit({ input: 'number', unit: '元' })).toBe('元');
  });

  it('checks bounds', () => {
    expect(checkCountyInput(item({ input: 'percent' }), 101)).toContain('0～100');
    expect(checkCountyInput(item({ input: 'percent' }), 96.5)).toBeNull();
    expect(checkCountyInput(item({ unit: '分', max: 100 }), 120)).toContain('不能大于 100');
    expect(checkCountyInput(item({ unit: '元' }), -1)).toContain('不能小于 0');
    expect(checkCountyInput(item({}), null)).toBeNull();
  });

  it('sends only what changed', () => {
    const loaded = [
      item({ itemId: 'a', input: 'percent', value: 0.9 }),
      item({ itemId: 'b', input: 'yesno', value: null }),
      item({ itemId: 'c', input: 'computed' }),
      item({ itemId: 'd', value: 3, note: '旧' }),
    ];
    const edited = {
      a: { value: 90, note: '' },
      b: { value: true, note: ' 文件 ' },
      c: { value: 5, note: 'x' },
      d: { value: 3, note: '新' },
    };
    expect(changedItems(loaded, edited)).toEqual([
      { itemId: 'b', value: true, note: '文件' },
      { itemId: 'd', value: 3, note: '新' },
    ]);
  });
});
