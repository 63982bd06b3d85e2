/**
 * @module 招生公示 without login: the published 划片 (which school a 小区/村 belongs to) and the list
 * of a county's 电脑派位 (docs/api.md “划片”, “电脑派位”).
 */
import type { Stage } from '@junheng/core';
import { api, data, type Json } from './http';

export type PublicZoningPlans = Json<'/api/public/zoning/{countyCode}'>;
/** A published plan a parent can look up (year: 招生年份, children enter in the autumn of it). */
export type PublicZoningPlan = PublicZoningPlans['plans'][number];
export type PublicZoning = Json<'/api/public/zoning/{countyCode}/{year}/{stage}'>;
export type PublicZoningSchool = PublicZoning['schools'][number];
export type PublicZoningArea = PublicZoningSchool['areas'][number];

export const fetchPublicZoningPlans = (countyCode: string) =>
  data(api.GET('/api/public/zoning/{countyCode}', { params: { path: { countyCode } } }));

export const fetchPublicZoning = (countyCode: string, year: number, stage: Stage) =>
  data(
    api.GET('/api/public/zoning/{countyCode}/{year}/{stage}', {
      params: { path: { countyCode, year, stage } },
    }),
  );

export const fetchPublicDraws = (countyCode: string) =>
  data(api.GET('/api/public/lottery/draws', { params: { query: { countyCode } } }));
