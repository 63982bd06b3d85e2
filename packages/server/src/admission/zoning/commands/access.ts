/**
 * @module 划片 (zoning) checks every zoning command makes first: the county with the actor's right on
 * its admission plans, and a plan with the actor's right on it. What the actor may not view is
 * refused as not found (guessing codes and ids learns nothing).
 */
import { type Actor, Refusal, requireAllowed, resourceRegionLevel } from '@junheng/core';
import { findZoningCounty, findZoningPlan, type Queryable, type ZoningPlanRecord } from '@junheng/db';

/**
 * The county's name, once the actor may take `action` on its admission plans.
 * @throws Refusal notFound (no such county, or no view), notAllowed
 */
export async function requireZoningCounty(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  action: 'view' | 'edit' | 'import' | 'publish',
): Promise<string> {
  const notFound = { key: 'zoning.countyNotFound', params: { countyCode: String(countyCode) } } as const;
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new Refusal('notFound', notFound.key, notFound.params);
  }
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: countyCode }, notFound);
  const county = await findZoningCounty(db, countyCode);
  if (!county) throw new Refusal('notFound', notFound.key, notFound.params);
  return county.name;
}

/**
 * A plan, once the actor may take `action` on it (a published plan is everyone's to view); locked
 * for a write when `lock`.
 * @throws Refusal notFound, notAllowed
 */
export async function requireZoningPlan(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit' | 'publish',
  lock = false,
): Promise<ZoningPlanRecord> {
  const notFound = { key: 'zoning.planNotFound', params: { id: String(id) } } as const;
  if (!Number.isSafeInteger(id) || id < 1) throw new Refusal('notFound', notFound.key, notFound.params);
  const row = await findZoningPlan(db, id, { lock });
  if (!row) throw new Refusal('notFound', notFound.key, notFound.params);
  requireAllowed(
    actor,
    action,
    { kind: 'admissionPlan', regionCode: row.countyCode, published: row.status === 'published' },
    notFound,
  );
  return row;
}
