import { describe, expect, it } from 'vitest';
import { nationalStandards } from '../standards/overrides.js';
import { checkCountyItemValue, countyItemSpecs, validateCountyInputs } from './county-items.js';

describe('countyItemSpecs', () => {
  const specs = countyItemSpecs(nationalStandards());
  const byId = new Map(specs.map((s) => [s.id, s]));

  it('lists every county-level item of both standards once', () => {
    const s = nationalStandards();
    const ids = [
      ...Object.keys(s.quality.government),
      ...Object.keys(s.quality.quality),
      s.quality.recognition.id,
      ...Object.keys(s.quality.vetoes),
      ...Object.keys(s.basic.items),
    ];
    expect(specs.map((x) => x.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derives how each item is entered from the tables', () => {
    expect(byId.get('rotation')).toMatchObject({
      input: 'percent',
      min: 0,
      max: 1,
      aspect: '优质均衡·政府保障程度',
    });
    expect(byId.get('layout')?.input).toBe('yesno');
    expect(byId.get('musicArtRooms')?.input).toBe('computed');
    expect(byId.get('prerequisite')).toMatchObject({ input: 'schoolsOrYesno', aspect: '基本均衡' });
    expect(byId.get('governmentScore')).toMatchObject({ input: 'number', unit: '分', max: 100 });
    expect(byId.get('specialEdFunding')).toMatchObject({ input: 'number', unit: '元' });
    expect(byId.get('examAdmission')).toMatchObject({ input: 'veto', aspect: '优质均衡·一票否决', no: 1 });
    expect(byId.get('recognition')?.aspect).toBe('优质均衡·社会认可度');
  });

  it('checks values by kind', () => {
    expect(checkCountyItemValue(byId.get('rotation')!, 0.1)).toBeUndefined();
    expect(checkCountyItemValue(byId.get('rotation')!, 10)).toBe('比例应在 0%～100% 之间：请核对计算结果');
    expect(checkCountyItemValue(byId.get('specialEdFunding')!, -1)).toBe('不能小于 0元：请核对');
    expect(checkCountyItemValue(byId.get('falsification')!, true)).toBeUndefined();
  });
});

describe('validateCountyInputs', () => {
  it('accepts a valid object and reports bad items with their path', () => {
    expect(validateCountyInputs({ rotation: { value: 0.12 } }).inputs).toEqual({ rotation: { value: 0.12 } });
    const { inputs, issues } = validateCountyInputs({
      rotation: { value: 0.12, extra: 1 },
      layout: { value: 1 },
    });
    expect(inputs).toBeUndefined();
    expect(issues.map((i) => i.path)).toEqual(['rotation.extra', 'layout.value']);
    expect(validateCountyInputs([]).issues[0].message).toMatch(/^县级指标应为对象/);
  });

  it('accepts 是/否 for the 基本均衡 prerequisite (used when no school reports it); other school items stay computed', () => {
    for (const value of [true, false, null]) {
      expect(validateCountyInputs({ prerequisite: { value, note: '县教育局认定' } }).issues).toEqual([]);
    }
    expect(validateCountyInputs({ prerequisite: { value: 1 } }).issues).toEqual([
      { path: 'prerequisite.value', value: 1, message: '应为“是”或“否”（JSON 中为 true 或 false）' },
    ]);
    for (const id of ['musicArtRooms', 'schoolSize', 'classSize']) {
      expect(validateCountyInputs({ [id]: { value: true } }).issues.map((i) => i.message)).toEqual([
        '此项由学校数据自动计算，不需要填报：请清空填报值',
      ]);
    }
  });
});
