/**
 * @module What changed between two versions of a report's data (and between the loaded report and
 * the form). Pure (diff.test.ts).
 */

import type { ReportFieldDef } from '../../api/meta';
import type { DiffRow } from '../../api/reports';

export type ChangeKind = 'added' | 'removed' | 'increased' | 'decreased';

const val = (data: Record<string, unknown> | null | undefined, key: string): number | null => {
  const v = data?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/**
 * Fields whose value differs, in form order; fields not in `fields` are compared too and listed
 * last under their key.
 */
export function diffData(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  fields: readonly Pick<ReportFieldDef, 'key' | 'label' | 'unit'>[],
): DiffRow[] {
  const keys = [...fields.map((f) => f.key)];
  for (const k of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    if (!keys.includes(k)) keys.push(k);
  }
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const rows: DiffRow[] = [];
  for (const key of keys) {
    const b = val(before, key);
    const a = val(after, key);
    if (b === a) continue;
    const f = byKey.get(key);
    rows.push({ field: key, label: f?.label ?? key, unit: f?.unit ?? '', before: b, after: a });
  }
  return rows;
}

/** How a value changed. */
export function changeKind(before: number | null, after: number | null): ChangeKind {
  if (before === null) return 'added';
  if (after === null) return 'removed';
  return after > before ? 'increased' : 'decreased';
}

export const CHANGE_NAMES: Record<ChangeKind, string> = {
  added: '新填',
  removed: '清空',
  increased: '增加',
  decreased: '减少',
};

/** Relative change as a fraction (0.25 = +25%); null when it cannot be computed. */
export function relativeChange(before: number | null, after: number | null): number | null {
  if (before === null || after === null || before === 0) return null;
  return (after - before) / before;
}

/** A change of more than half (up or down) is worth a second look by the reviewer. */
export function isLargeChange(before: number | null, after: number | null, limit = 0.5): boolean {
  const r = relativeChange(before, after);
  return r !== null && Math.abs(r) > limit;
}

/** The two versions to compare by default: the one before the latest, and the latest. */
export function defaultPair(versions: readonly number[]): { from: number; to: number } | null {
  const sorted = [...new Set(versions)].sort((a, b) => a - b);
  if (sorted.length < 2) return null;
  return { from: sorted[sorted.length - 2], to: sorted[sorted.length - 1] };
}
