/**
 * @module Entering county-level items: percent items are typed as 96.5 and stored as 0.965,
 * judgments as 是/否, 否决项 as 存在/不存在. Pure (countyInputForm.test.ts).
 */
import type { CountyInputItem, CountyItemKind } from '../../api/countyInputs';
import { t } from '../../shared/messages';

export type DisplayValue = number | boolean | null;

/** Kinds that are answered 是/否. */
export function isJudgment(kind: CountyItemKind): boolean {
  return kind === 'yesno' || kind === 'veto' || kind === 'schoolsOrYesno';
}

/** Nothing to enter: worked out from the schools' data. */
export function isComputed(kind: CountyItemKind): boolean {
  return kind === 'computed';
}

/** Labels of true / false for a judgment kind. */
export function judgmentLabels(kind: CountyItemKind): { yes: string; no: string } {
  return kind === 'veto' ? { yes: '存在', no: '不存在' } : { yes: '是', no: '否' };
}

/** Stored value → what the input shows (percent as 0..100, rounded to remove float noise). */
export function toDisplay(kind: CountyItemKind, value: number | boolean | null): DisplayValue {
  if (value === null || value === undefined) return null;
  if (isJudgment(kind)) return typeof value === 'boolean' ? value : null;
  if (typeof value !== 'number') return null;
  if (kind === 'percent') return Math.round(value * 1e8) / 1e6;
  return value;
}

/** What the input shows → stored value. */
export function fromDisplay(kind: CountyItemKind, display: DisplayValue): number | boolean | null {
  if (display === null || display === undefined) return null;
  if (isJudgment(kind)) return typeof display === 'boolean' ? display : null;
  if (typeof display !== 'number' || !Number.isFinite(display)) return null;
  if (kind === 'percent') return Math.round(display * 1e6) / 1e8;
  return display;
}

/** The unit shown after the input. */
export function displayUnit(item: Pick<CountyInputItem, 'input' | 'unit'>): string {
  if (item.input === 'percent') return '%';
  return item.unit ?? '';
}

/**
 * What is wrong with a typed value, or null.
 * @param item the item (kind, bounds)
 * @param display the value as typed
 */
export function checkCountyInput(
  item: Pick<CountyInputItem, 'input' | 'min' | 'max' | 'unit' | 'name'>,
  display: DisplayValue,
): string | null {
  if (display === null || isComputed(item.input) || isJudgment(item.input)) return null;
  if (typeof display !== 'number' || !Number.isFinite(display)) return t('web.reporting.countyValueMissing');
  if (item.input === 'percent') {
    if (display < 0 || display > 100) return t('web.reporting.countyPercentRange', { unit: '%' });
    return null;
  }
  const min = item.min ?? 0;
  const unit = item.unit ?? '';
  if (display < min) return t('web.reporting.countyBelowMin', { min, unit });
  if (item.max !== undefined && display > item.max)
    return t('web.reporting.countyAboveMax', { max: item.max, unit });
  if (item.unit === '分' && display > 100) return t('web.reporting.countyScoreAbove100');
  return null;
}

/** Items whose value or note differs from what was loaded (to send only changes). */
export function changedItems(
  loaded: readonly CountyInputItem[],
  edited: Record<string, { value: DisplayValue; note: string }>,
): { itemId: string; value: number | boolean | null; note?: string }[] {
  const out: { itemId: string; value: number | boolean | null; note?: string }[] = [];
  for (const item of loaded) {
    const e = edited[item.itemId];
    if (!e || isComputed(item.input)) continue;
    const value = fromDisplay(item.input, e.value);
    const note = e.note.trim();
    if (value !== item.value || note !== (item.note ?? '')) out.push({ itemId: item.itemId, value, note });
  }
  return out;
}
