/**
 * @module The county items (县级指标) a bureau saves, checked before anything is read: the items
 * allowed are core's countyItemSpecs of the national standards (both standards, the vetoes
 * included), each value checked with checkCountyItemValue — the same rules and words as the JSON
 * and Excel imports — and each note trimmed and bounded. Provincial overrides change thresholds,
 * not which items exist.
 */
import { Refusal } from '../messages/refusal.js';
import { nationalStandards } from '../standards/overrides.js';
import { type CountyItemSpec, checkCountyItemValue, countyItemSpecs } from '../validation/county-items.js';

/** One item to save. */
export interface CountyInputItem {
  itemId: string;
  value: number | boolean | null;
  /** Absent: keep the stored note; null or blank: clear it. */
  note?: string | null;
}

/** An item as checked: its value admitted, its note trimmed. */
export interface CheckedCountyItem {
  itemId: string;
  value: number | boolean | null;
  /** undefined: keep the stored note; null: clear it. */
  note: string | null | undefined;
}

/** The county items of both national standards, by id. */
const SPECS: ReadonlyMap<string, CountyItemSpec> = new Map(
  countyItemSpecs(nationalStandards()).map((s) => [s.id, s]),
);

/** Longest 佐证说明 kept (a paragraph naming the documents, not the documents themselves). */
export const COUNTY_NOTE_MAX = 2000;

function checkedNote(spec: CountyItemSpec, note: unknown): string | null | undefined {
  if (note === undefined) return undefined;
  if (note === null) return null;
  const at = { name: spec.name, itemId: spec.id };
  if (typeof note !== 'string') throw new Refusal('invalidRequest', 'reporting.countyItemNoteNotText', at);
  const t = note.trim();
  if ([...t].length > COUNTY_NOTE_MAX) {
    throw new Refusal('invalidRequest', 'reporting.countyItemNoteTooLong', { ...at, max: COUNTY_NOTE_MAX });
  }
  return t === '' ? null : t;
}

/**
 * Checks the items of one save: known ids, each once, a value of the item's kind, a note of text.
 * @throws Refusal invalidRequest naming the item and what to fix
 */
export function checkCountyInputItems(items: readonly CountyInputItem[]): CheckedCountyItem[] {
  if (!Array.isArray(items)) {
    throw new Refusal('invalidRequest', 'reporting.countyItemsNotList', { shape: '[{itemId, value, note}]' });
  }
  const seen = new Set<string>();
  return items.map((item) => {
    const id = (item as Partial<CountyInputItem> | null)?.itemId;
    if (typeof id !== 'string') throw new Refusal('invalidRequest', 'reporting.countyItemNoId');
    const spec = SPECS.get(id);
    if (!spec) throw new Refusal('invalidRequest', 'reporting.countyItemUnknown', { itemId: id });
    const at = { name: spec.name, itemId: id };
    if (seen.has(id)) throw new Refusal('invalidRequest', 'reporting.countyItemTwice', at);
    seen.add(id);
    if (item.value === undefined) throw new Refusal('invalidRequest', 'reporting.countyItemNoValue', at);
    const why = checkCountyItemValue(spec, item.value);
    if (why) throw new Refusal('invalidRequest', 'reporting.countyItemInvalid', { ...at, why });
    return { itemId: id, value: item.value, note: checkedNote(spec, item.note) };
  });
}
