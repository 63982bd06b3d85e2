/**
 * @module 招生公示 without login: the published 划片 (which school a 小区/村 belongs to) and the list
 * of a county's 电脑派位 (docs/api.md “划片”, “电脑派位”).
 */
import type { AreaKind, Stage } from '@junheng/core';
import { get } from './client';
import type { PublicDraw } from './lottery';

/** A published plan a parent can look up. */
export interface PublicZoningPlan {
  planId: number;
  /** 招生年份: children enter in the autumn of this year. */
  year: number;
  stage: Stage;
  title: string;
  publishedAt: string;
}

export interface PublicZoningPlans {
  county: { code: string; name: string };
  plans: PublicZoningPlan[];
}

export interface PublicZoningArea {
  id: string;
  name: string;
  kind: AreaKind;
  township: string | null;
}

export interface PublicZoningSchool {
  schoolId: string;
  name: string;
  address: string | null;
  areas: PublicZoningArea[];
}

export interface PublicZoning {
  planId: number;
  countyCode: string;
  countyName: string;
  year: number;
  stage: Stage;
  title: string;
  publishedAt: string;
  schools: PublicZoningSchool[];
}

export const fetchPublicZoningPlans = (countyCode: string) =>
  get<PublicZoningPlans>(`/api/public/zoning/${encodeURIComponent(countyCode)}`);

export const fetchPublicZoning = (countyCode: string, year: number, stage: Stage) =>
  get<PublicZoning>(`/api/public/zoning/${encodeURIComponent(countyCode)}/${year}/${stage}`);

export const fetchPublicDraws = (countyCode: string) =>
  get<PublicDraw[]>('/api/public/lottery/draws', { countyCode });
