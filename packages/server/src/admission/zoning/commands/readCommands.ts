/**
 * @module 划片 (zoning) reads for the signed-in: the map page's data of a county and plan year (areas,
 * schools with capacity, saved plans, the county map — the demo county's shipped map until one is
 * imported — and whether the user may edit), its parts on their own, the problem of a stage, and
 * the figures of a hand-adjusted assignment. Each needs the view right on the county's plans.
 */
import {
  can,
  checkZoningStage,
  checkZoningYear,
  compareZonings,
  evaluateZoning,
  Refusal,
  type Stage,
  type ZoningComparison,
  type ZoningEvaluation,
  ZoningInputError,
  type ZoningSchoolRow,
} from '@junheng/core';
import {
  type CountyZoningMap,
  listZoningPlanRecords,
  readZoningAreas,
  readZoningMap,
  type ZoningAreaRow,
} from '@junheng/db';
import { DEMO_ZONING_MAP_FILE, readDemoZoningMap } from '@junheng/io';
import type { CommandContext } from '../../../platform/commands.js';
import { planSummary, type ZoningPlanSummary } from '../present.js';
import type { MapRegions } from '../schema.js';
import { requireZoningCounty } from './access.js';
import { readZoningProblem, readZoningSchools, type ZoningProblemFromDb } from './problem.js';

/** A county and plan year. */
export interface ZoningPlace {
  countyCode: string;
  year: number;
}

/** The county map as the page draws it (null updatedAt: the demo county's shipped map). */
export interface ZoningPageMap {
  name: string | null;
  regions: MapRegions;
  file: string | null;
  updatedAt: Date | null;
}

export interface ZoningPageData {
  map: ZoningPageMap | null;
  areas: ZoningAreaRow[];
  schools: ZoningSchoolRow[];
  plans: ZoningPlanSummary[];
  /** Whether the user may import, solve, save and publish. */
  canEdit: boolean;
}

/** The county's residential areas of a plan year, in file order. @throws Refusal notFound */
export async function listZoningAreas(ctx: CommandContext, place: ZoningPlace): Promise<ZoningAreaRow[]> {
  checkZoningYear(place.year);
  await requireZoningCounty(ctx.db, ctx.actor, place.countyCode, 'view');
  return readZoningAreas(ctx.db, place.countyCode, place.year);
}

/**
 * The schools of the county as zoning sees them: coordinates, stages, entry classes (set or
 * estimated) and capacity per stage. @throws Refusal notFound
 */
export async function listZoningSchools(ctx: CommandContext, place: ZoningPlace): Promise<ZoningSchoolRow[]> {
  checkZoningYear(place.year);
  await requireZoningCounty(ctx.db, ctx.actor, place.countyCode, 'view');
  return readZoningSchools(ctx.db, place.countyCode, place.year);
}

/** The county's map (township polygons), null when none was imported. @throws Refusal notFound */
export async function getZoningMap(
  ctx: CommandContext,
  props: { countyCode: string },
): Promise<CountyZoningMap | null> {
  await requireZoningCounty(ctx.db, ctx.actor, props.countyCode, 'view');
  return readZoningMap(ctx.db, props.countyCode);
}

/** The demo county's shipped map, when the county is the demo's (else null). */
async function demoMap(countyCode: string): Promise<ZoningPageMap | null> {
  const demo = await readDemoZoningMap().catch(() => null);
  if (!demo || demo.code !== countyCode) return null;
  return {
    name: demo.name ?? null,
    regions: {
      type: 'FeatureCollection',
      features: demo.regions.map((r) => ({
        type: 'Feature',
        geometry: r.geometry,
        properties: r.properties,
      })),
    },
    file: DEMO_ZONING_MAP_FILE.replace(/^.*[\\/]/, ''),
    updatedAt: null,
  };
}

/** Everything the map page shows for a county and plan year. @throws Refusal notFound */
export async function zoningPageData(ctx: CommandContext, place: ZoningPlace): Promise<ZoningPageData> {
  const { countyCode, year } = place;
  checkZoningYear(year);
  await requireZoningCounty(ctx.db, ctx.actor, countyCode, 'view');
  const areas = await readZoningAreas(ctx.db, countyCode, year);
  const schools = await readZoningSchools(ctx.db, countyCode, year);
  const plans = await listZoningPlanRecords(ctx.db, { countyCode, year });
  const stored = await readZoningMap(ctx.db, countyCode);
  // Stored as the import wrote it (zoningFiles.ts): a FeatureCollection of faces.
  const map = stored ? { ...stored, regions: stored.regions as MapRegions } : await demoMap(countyCode);
  const resource = { kind: 'admissionPlan', regionCode: countyCode } as const;
  const canEdit = can(ctx.actor, 'view', resource) && can(ctx.actor, 'edit', resource);
  return { map, areas, schools, plans: plans.map(planSummary), canEdit };
}

/**
 * The zoning problem of a county, plan year and stage from the stored areas and schools, with the
 * current zones of the stage. @throws Refusal notFound (no view), invalidRequest (bad stage or year)
 */
export async function buildZoningProblem(
  ctx: CommandContext,
  props: ZoningPlace & { stage: Stage },
): Promise<ZoningProblemFromDb> {
  checkZoningYear(props.year);
  checkZoningStage(props.stage);
  await requireZoningCounty(ctx.db, ctx.actor, props.countyCode, 'view');
  return readZoningProblem(ctx.db, props.countyCode, props.year, props.stage);
}

/** core's input errors (ids that do not exist, bad coordinates) as invalidRequest in its words. */
export function zoningInputRefusal(e: unknown): unknown {
  return e instanceof ZoningInputError
    ? new Refusal('invalidRequest', 'zoning.inputInvalid', { message: e.message })
    : e;
}

/**
 * The figures of an assignment (a hand-adjusted plan), and of the current zones to compare with.
 * @throws Refusal notFound, invalidRequest (an area or school that is not in the problem)
 */
export async function evaluateZoningAssignment(
  ctx: CommandContext,
  props: ZoningPlace & { stage: Stage; assignment: Record<string, string> },
): Promise<{
  evaluation: ZoningEvaluation;
  current: { evaluation: ZoningEvaluation; comparison: ZoningComparison } | null;
}> {
  const built = await buildZoningProblem(ctx, props);
  try {
    const ev = evaluateZoning(built.problem, props.assignment);
    if (Object.keys(built.current).length === 0) return { evaluation: ev, current: null };
    const cur = evaluateZoning(built.problem, built.current);
    return { evaluation: ev, current: { evaluation: cur, comparison: compareZonings(cur, ev) } };
  } catch (e) {
    throw zoningInputRefusal(e);
  }
}
