/**
 * @module 划片 (zoning) for the public (公示, no login): which 小区/村 belong to which school in a
 * published plan, and which plans a county has published. Only names and addresses: no figures
 * about children. Asked as core's PUBLIC_ACTOR, whatever the request's session.
 */
import {
  checkZoningStage,
  checkZoningYear,
  PUBLIC_ACTOR,
  Refusal,
  requireAllowed,
  resourceRegionLevel,
  type Stage,
  ZONING_STAGE_NAMES,
} from '@junheng/core';
import {
  findPublishedZoningPlan,
  findZoningCounty,
  listPublishedZoningPlans,
  readSchoolAddresses,
} from '@junheng/db';
import type { CommandContext } from '../../../platform/commands.js';
import { type PublicZoning, publicZoning } from '../present.js';

/** The published 划片 plans of a county, as the public lookup lists them (newest year first). */
export interface PublicZoningPlans {
  county: { code: string; name: string };
  plans: { planId: number; year: number; stage: Stage; title: string; publishedAt: Date }[];
}

/** What the public reads with: the database only (the actor is always core's PUBLIC_ACTOR). */
export type PublicContext = Pick<CommandContext, 'db'>;

const PUBLISHED = (countyCode: string) =>
  ({ kind: 'admissionPlan', regionCode: countyCode, published: true }) as const;

/**
 * The published plan of a county, year and stage as parents read it (no login): each school and its
 * 小区/村. @throws Refusal notFound when nothing is published; invalidRequest (bad year or stage)
 */
export async function getPublicZoning(
  ctx: PublicContext,
  props: { countyCode: string; year: number; stage: Stage },
): Promise<PublicZoning> {
  const { countyCode, year, stage } = props;
  const notFound = {
    key: 'zoning.publicPlanNotFound',
    params: { year, stageName: ZONING_STAGE_NAMES[stage] ?? '' },
  } as const;
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new Refusal('notFound', notFound.key, notFound.params);
  }
  checkZoningYear(year);
  checkZoningStage(stage);
  const found = await findPublishedZoningPlan(ctx.db, { countyCode, year, stage });
  if (!found) throw new Refusal('notFound', notFound.key, notFound.params);
  requireAllowed(PUBLIC_ACTOR, 'view', PUBLISHED(countyCode), notFound);
  return publicZoning(found, await readSchoolAddresses(ctx.db, countyCode));
}

/**
 * The plans a county has published (no login): which years and stages a parent can look up. A
 * county with none gives an empty list. @throws Refusal notFound for a code that is no county
 */
export async function listPublicZoningPlans(
  ctx: PublicContext,
  props: { countyCode: string },
): Promise<PublicZoningPlans> {
  const { countyCode } = props;
  const notFound = { key: 'zoning.publicCountyNotFound' } as const;
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new Refusal('notFound', notFound.key);
  }
  const county = await findZoningCounty(ctx.db, countyCode);
  if (!county) throw new Refusal('notFound', notFound.key);
  requireAllowed(PUBLIC_ACTOR, 'view', PUBLISHED(countyCode), notFound);
  return { county, plans: await listPublishedZoningPlans(ctx.db, countyCode) };
}
