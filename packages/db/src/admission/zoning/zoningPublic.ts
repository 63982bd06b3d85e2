/**
 * @module 划片 (zoning) for the public (公示, no login): which 小区/村 belong to which school in a
 * published plan, and which plans a county has published. Only names and addresses: no figures
 * about children.
 */
import {
  type AreaKind,
  PUBLIC_ACTOR,
  resourceRegionLevel,
  type Stage,
  ZONING_STAGE_NAMES,
} from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { checkYear } from '../../platform/queryKit.js';
import { checkStage, notFound } from './zoningChecks.js';
import { planRows, typedPlan } from './zoningPlanQueries.js';

/** What parents look up: which 小区/村 belong to which school. No figures about children. */
export interface PublicZoning {
  planId: number;
  countyCode: string;
  countyName: string;
  year: number;
  stage: Stage;
  title: string;
  publishedAt: Date;
  schools: {
    schoolId: string;
    name: string;
    /** The school's address in the register (public: it is a school's), null when none. */
    address: string | null;
    areas: { id: string; name: string; kind: AreaKind; township: string | null }[];
  }[];
}

/** The published 划片 plans of a county, as the public lookup lists them (newest year first). */
export interface PublicZoningPlans {
  county: { code: string; name: string };
  plans: { planId: number; year: number; stage: Stage; title: string; publishedAt: Date }[];
}

/**
 * The published plan of a county, year and stage as parents read it (no login): each school and its
 * 小区/村. @throws AccessError notFound when nothing is published
 */
export async function getPublicZoning(
  db: Queryable,
  countyCode: string,
  year: number,
  stage: Stage,
): Promise<PublicZoning> {
  const message = notFound(`${year}年${ZONING_STAGE_NAMES[stage] ?? ''}已公示的划片方案`);
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new AccessError('notFound', message);
  }
  checkYear(year);
  checkStage(stage);
  const found = await planRows(db)
    .innerJoin('region as r', 'r.code', 'p.county_code')
    .select('r.name as county_name')
    .where('p.county_code', '=', countyCode)
    .where('p.year', '=', year)
    .where('p.stage', '=', stage)
    .where('p.status', '=', 'published')
    .executeTakeFirst();
  if (!found) throw new AccessError('notFound', message);
  const row = { ...typedPlan(found), county_name: found.county_name };
  requireAllowed(
    PUBLIC_ACTOR,
    'view',
    { kind: 'admissionPlan', regionCode: countyCode, published: true },
    message,
  );
  const { problem } = row.problem;
  const bySchool = new Map<string, PublicZoning['schools'][number]['areas']>();
  for (const a of problem.areas) {
    const s = row.assignment[a.id];
    if (!s) continue;
    bySchool.set(s, [
      ...(bySchool.get(s) ?? []),
      { id: a.id, name: a.name, kind: a.kind, township: a.township ?? null },
    ]);
  }
  const addresses = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'address'])
    .where('county_code', '=', countyCode)
    .execute();
  const addressOf = new Map(addresses.map((r) => [r.id, r.address?.trim() || null]));
  return {
    planId: row.id,
    countyCode,
    countyName: row.county_name,
    year: row.year,
    stage: row.stage,
    title: row.title,
    publishedAt: row.published_at!,
    schools: problem.schools
      .filter((s) => s.stages.includes(stage))
      .map((s) => ({
        schoolId: s.id,
        name: s.name,
        address: addressOf.get(s.id) ?? null,
        areas: bySchool.get(s.id) ?? [],
      })),
  };
}

/**
 * The plans a county has published (no login): which years and stages a parent can look up. A
 * county with none gives an empty list. @throws AccessError notFound for a code that is no county
 */
export async function listPublicZoningPlans(db: Queryable, countyCode: string): Promise<PublicZoningPlans> {
  const message = notFound('该县（市、区）');
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new AccessError('notFound', message);
  }
  const q = sqlOf(db);
  const county = await q
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', '=', countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AccessError('notFound', message);
  requireAllowed(
    PUBLIC_ACTOR,
    'view',
    { kind: 'admissionPlan', regionCode: countyCode, published: true },
    message,
  );
  const rows = await q
    .selectFrom('zoning_plan')
    .select(['id', 'year', 'stage', 'title', 'published_at'])
    .where('county_code', '=', countyCode)
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy((eb) => eb.case('stage').when('primary').then(eb.lit(0)).else(eb.lit(1)).end())
    .orderBy('id')
    .execute();
  return {
    county,
    plans: rows.map((r) => ({
      planId: r.id,
      year: r.year,
      // The schema's CHECK admits exactly core's STAGES.
      stage: r.stage as Stage,
      title: r.title,
      // The schema's zoning_plan_published CHECK: a published plan has its time.
      publishedAt: r.published_at!,
    })),
  };
}
