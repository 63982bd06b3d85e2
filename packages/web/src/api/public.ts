/** @module /api/public: published results, no login. */
import { api, data, type Json } from './http';

/** A county with published results; `years` are start years, newest first as sent. */
export type PublicCounty = Json<'/api/public/counties'>[number];
export type PublicResult = Json<'/api/public/results/{countyCode}/{year}'>;
/** A published verdict: the run, when it was published and its reasons. */
export type PublicVerdict = NonNullable<PublicResult['verdicts']['basic']>;
/** One school stage as published (names instead of codes; no personal data). */
export type PublicSchoolFigure = PublicResult['schools'][number];

export const fetchPublicCounties = () => data(api.GET('/api/public/counties'));

export const fetchPublicResult = (countyCode: string, year: number) =>
  data(api.GET('/api/public/results/{countyCode}/{year}', { params: { path: { countyCode, year } } }));

export const publicCsvUrl = (code: string, year: number) =>
  `/api/public/results/${encodeURIComponent(code)}/${year}.csv`;
export const publicJsonUrl = (code: string, year: number) =>
  `/api/public/results/${encodeURIComponent(code)}/${year}.json`;
