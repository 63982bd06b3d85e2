/** @module /api/public: published results, no login. */
import { get } from './client';
import type { PublicCounty, PublicResult } from './types';

export const fetchPublicCounties = () => get<PublicCounty[]>('/api/public/counties');

export const fetchPublicResult = (code: string, year: number) =>
  get<PublicResult>(`/api/public/results/${encodeURIComponent(code)}/${year}`);

export const publicCsvUrl = (code: string, year: number) =>
  `/api/public/results/${encodeURIComponent(code)}/${year}.csv`;
export const publicJsonUrl = (code: string, year: number) =>
  `/api/public/results/${encodeURIComponent(code)}/${year}.json`;
