/**
 * @module List state in the address bar (page, size, sort, filters) so a list can be bookmarked and
 * the back button returns to the same page. Pure (listQuery.test.ts).
 */

export interface SortState {
  sort?: string;
  order?: 'asc' | 'desc';
}

/** el-table's sort-change event → the API's sort and order. */
export function sortFromTable(e: { prop?: string | null; order?: string | null }): SortState {
  if (!e.prop || !e.order) return {};
  return { sort: e.prop, order: e.order === 'descending' ? 'desc' : 'asc' };
}

/** The API's sort → el-table's default-sort. */
export function tableSort(s: SortState): { prop: string; order: 'ascending' | 'descending' } | undefined {
  if (!s.sort) return undefined;
  return { prop: s.sort, order: s.order === 'desc' ? 'descending' : 'ascending' };
}

type RouteQueryValue = string | null | (string | null)[] | undefined;

/** One query value as a string ('' when absent). */
export function qs(v: RouteQueryValue): string {
  if (Array.isArray(v)) return v[0] ?? '';
  return v ?? '';
}

/** A positive integer of the query, or the default. */
export function qInt(v: RouteQueryValue, dflt: number, max = 10_000): number {
  const n = Number.parseInt(qs(v), 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : dflt;
}

/** The query to put in the address bar: empty values left out, defaults left out. */
export function toQuery(
  state: Record<string, string | number | undefined | null>,
  defaults: Record<string, string | number> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined || v === null || v === '') continue;
    if (defaults[k] !== undefined && String(defaults[k]) === String(v)) continue;
    out[k] = String(v);
  }
  return out;
}
