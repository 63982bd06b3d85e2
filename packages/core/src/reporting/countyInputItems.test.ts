import { describe, expect, it } from 'vitest';
import { Refusal } from '../messages/refusal.js';
import { COUNTY_NOTE_MAX, type CountyInputItem, checkCountyInputItems } from './countyInputItems.js';

const refused = (items: unknown): Refusal => {
  try {
    checkCountyInputItems(items as CountyInputItem[]);
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    expect((e as Refusal).code).toBe('invalidRequest');
    return e as Refusal;
  }
  throw new Error('expected a refusal');
};

describe('checkCountyInputItems', () => {
  it('admits known items with values of their kind, trimming notes', () => {
    expect(
      checkCountyInputItems([
        { itemId: 'rotation', value: 0.15, note: '  说明  ' },
        { itemId: 'layout', value: false, note: ' ' },
        { itemId: 'governmentScore', value: null },
      ]),
    ).toEqual([
      { itemId: 'rotation', value: 0.15, note: '说明' },
      { itemId: 'layout', value: false, note: null },
      { itemId: 'governmentScore', value: null, note: undefined },
    ]);
  });

  it('refuses what the import would refuse, naming the item', () => {
    expect(refused({}).message).toBe('县级指标应为列表：[{itemId, value, note}]');
    expect(refused([{ value: 1 }]).message).toBe('每个县级指标都要有指标编号（itemId）');
    expect(refused([{ itemId: 'nosuch', value: 1 }]).message).toContain('“nosuch”');
    expect(refused([{ itemId: 'layout', value: 1 }]).message).toMatch(/^县级指标“.+”（layout）：.*是/);
    expect(
      refused([
        { itemId: 'rotation', value: 0.2 },
        { itemId: 'rotation', value: 0.3 },
      ]).message,
    ).toContain('出现了两次');
    expect(refused([{ itemId: 'rotation' }]).message).toContain('缺少填报值');
    expect(refused([{ itemId: 'rotation', value: 0.2, note: 3 }]).message).toContain('佐证说明应为文字');
    expect(
      refused([{ itemId: 'rotation', value: 0.2, note: '字'.repeat(COUNTY_NOTE_MAX + 1) }]).message,
    ).toContain(`不能超过 ${COUNTY_NOTE_MAX} 个字`);
  });
});
