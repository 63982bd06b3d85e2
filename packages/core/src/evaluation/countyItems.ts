/**
 * @module County-level items judged from the county input file: judgments, thresholds, vetoes.
 * A missing input is "未提供" and leaves the item incomplete; it is never passed silently.
 */
import { COMPARISON_WORDS, compareWith } from '../compare.js';
import { fmtNumber, fmtPercent } from '../format.js';
import type { CountyInputs } from '../model.js';
import type { CountyItemRule, VetoRule } from '../standards/types.js';
import type { ItemResult, VetoResult } from './results.js';

/** A county-item threshold or value in its unit: ratios as percentages, 元, 分. */
export function showItemValue(unit: CountyItemRule['unit'], v: number): string {
  switch (unit) {
    case 'ratio':
      return fmtPercent(v);
    case 'yuan':
      return `${fmtNumber(v, 0)} 元`;
    case 'score':
      return `${fmtNumber(v, 1)} 分`;
    default:
      return fmtNumber(v, 2);
  }
}

function base(rule: CountyItemRule): Omit<ItemResult, 'value' | 'display' | 'status' | 'reason'> {
  return {
    id: rule.id,
    no: rule.no,
    name: rule.name,
    kind: rule.kind,
    threshold: rule.threshold,
    compare: rule.compare,
    unit: rule.unit,
    source: rule.source,
  };
}

/**
 * Judge one county-level item of kind 'judgment' or 'threshold' from the county inputs.
 * @returns the item with its status and a reason a reader understands
 */
export function judgeCountyItem(rule: CountyItemRule, inputs: CountyInputs | undefined): ItemResult {
  const input = inputs?.[rule.id];
  const value = input?.value ?? null;
  const note = input?.note;
  if (value === null) {
    return {
      ...base(rule),
      value: null,
      display: '未提供',
      status: 'incomplete',
      reason: '县级数据未提供',
      note,
    };
  }
  if (rule.kind === 'judgment') {
    if (typeof value !== 'boolean') {
      return {
        ...base(rule),
        value,
        display: String(value),
        status: 'incomplete',
        reason: '应填“是”或“否”',
        note,
      };
    }
    return {
      ...base(rule),
      value,
      display: value ? '是' : '否',
      status: value ? 'met' : 'unmet',
      reason: value ? '经认定达到要求' : '经认定未达到要求',
      note,
    };
  }
  if (typeof value !== 'number' || rule.threshold === undefined || rule.compare === undefined) {
    return { ...base(rule), value, display: String(value), status: 'incomplete', reason: '应填数值', note };
  }
  const ok = compareWith(value, rule.threshold, rule.compare);
  const display = showItemValue(rule.unit, value);
  const need = `${COMPARISON_WORDS[rule.compare]} ${showItemValue(rule.unit, rule.threshold)}`;
  return {
    ...base(rule),
    value,
    display,
    status: ok ? 'met' : 'unmet',
    reason: ok ? `${display}，达到 ${need} 的要求` : `${display}，未达到 ${need} 的要求`,
    note,
  };
}

/** A veto (一票否决) is triggered when the county reports the situation exists. */
export function judgeVeto(rule: VetoRule, inputs: CountyInputs | undefined): VetoResult {
  const input = inputs?.[rule.id];
  const v = input?.value ?? null;
  const triggered = typeof v === 'boolean' ? v : null;
  return {
    id: rule.id,
    name: rule.name,
    triggered,
    status: triggered === null ? 'incomplete' : triggered ? 'unmet' : 'met',
    note: input?.note,
    source: rule.source,
  };
}
