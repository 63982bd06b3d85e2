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
import { checkYear } from '../../platform/queryKit.js';
import { checkStage, notFound } from './zoningChecks.js';
import { type PlanRowDb, SELECT_PLAN } from './zoningPlanQueries.js';

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
  const { rows } = await db.query<PlanRowDb & { county_name: string }>(
    `${SELECT_PLAN.replace('FROM zoning_plan p', ', r.name AS county_name FROM zoning_plan p JOIN region r ON r.code = p.county_code')}
      WHERE p.county_code = $1 AND p.year = $2 AND p.stage = $3 AND p.status = 'published'`,
    [countyCode, year, stage],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', message);
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
  const addresses = await db.query<{ id: string; address: string | null }>(
    'SELECT id, address FROM school WHERE county_code = $1',
    [countyCode],
  );
  const addressOf = new Map(addresses.rows.map((r) => [r.id, r.address?.trim() || null]));
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
  const county = await db.query<{ code: string; name: string }>(
    "SELECT code, name FROM region WHERE code = $1 AND level = 'county'",
    [countyCode],
  );
  if (!county.rows[0]) throw new AccessError('notFound', message);
  requireAllowed(
    PUBLIC_ACTOR,
    'view',
    { kind: 'admissionPlan', regionCode: countyCode, published: true },
    message,
  );
  const { rows } = await db.query<{
    id: number;
    year: number;
    stage: Stage;
    title: string;
    published_at: Date;
  }>(
    `SELECT id, year, stage, title, published_at FROM zoning_plan
      WHERE county_code = $1 AND status = 'published'
      ORDER BY year DESC, CASE stage WHEN 'primary' THEN 0 ELSE 1 END, id`,
    [countyCode],
  );
  return {
    county: county.rows[0],
    plans: rows.map((r) => ({
      planId: r.id,
      year: r.year,
      stage: r.stage,
      title: r.title,
      publishedAt: r.published_at,
    })),
  };
}
