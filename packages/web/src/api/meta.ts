/** @module GET /api/meta, read leniently (see normalize.ts). */
import { get } from './client';
import { asOptions } from './normalize';
import type { Meta } from './types';

export async function fetchMeta(): Promise<Meta> {
  const raw = await get<Partial<Meta> & Record<string, unknown>>('/api/meta');
  return {
    years: Array.isArray(raw.years) ? raw.years : [],
    currentYear: typeof raw.currentYear === 'number' ? raw.currentYear : new Date().getFullYear(),
    county: raw.county ?? null,
    counties: Array.isArray(raw.counties) ? raw.counties : [],
    reportFields: Array.isArray(raw.reportFields) ? raw.reportFields : [],
    countyItems: raw.countyItems,
    schoolTypes: asOptions(raw.schoolTypes),
    localities: asOptions(raw.localities),
    stages: asOptions(raw.stages),
    statuses: asOptions(raw.statuses),
  };
}
