/** @module /api/county-inputs: the county-level items of a year. */
import { get, put } from './client';
import type { CountyInputItem, CountyItemKind } from './types';

export async function fetchCountyInputs(year: number): Promise<CountyInputItem[]> {
  const rows = await get<(Omit<CountyInputItem, 'kind'> & { kind?: CountyItemKind })[]>(
    '/api/county-inputs',
    { year },
  );
  return (rows ?? []).map((r) => ({ ...r, kind: r.kind ?? r.input ?? 'number' }));
}

/** Whether the year's county items are read-only (an evaluation of the year is published), and why. */
export interface CountyInputsStatus {
  locked: boolean;
  runId: number | null;
  publishedAt: string | null;
  reason: string | null;
}

export const fetchCountyInputsStatus = (year: number) =>
  get<CountyInputsStatus>('/api/county-inputs/status', { year });

export const saveCountyInputs = (
  year: number,
  items: { itemId: string; value: number | boolean | null; note?: string }[],
) => put<unknown>('/api/county-inputs', { items }, { year });
