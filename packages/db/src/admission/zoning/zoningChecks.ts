/**
 * @module 划片 (zoning) checks every zoning module makes first: the stage, and the county with the
 * actor's right on its admission plans; and the two ways a zoning call refuses (not found, which also
 * hides what the actor may not see, and invalid data). Internal to the zoning modules.
 */
import { type Actor, resourceRegionLevel, type Stage } from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';

export const notFound = (what: string) => `没有找到${what}，或您无权查看`;
export const invalid = (message: string, details?: unknown): never => {
  throw new AccessError('invalidData', message, details);
};

export function checkStage(stage: unknown): Stage {
  if (stage !== 'primary' && stage !== 'junior')
    invalid(`学段应为 primary（小学）或 junior（初中），收到 ${String(stage)}`);
  return stage as Stage;
}

/** The county's name, once the actor may take `action` on its admission plans. @throws AccessError notFound */
export async function checkCounty(
  db: Queryable,
  actor: Actor,
  countyCode: string,
  action: 'view' | 'edit' | 'import' | 'publish',
): Promise<string> {
  const message = notFound(`县 ${String(countyCode)} 的划片数据`);
  if (typeof countyCode !== 'string' || resourceRegionLevel(countyCode) !== 'county') {
    throw new AccessError('notFound', message);
  }
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: countyCode }, message);
  const county = await sqlOf(db)
    .selectFrom('region')
    .select('name')
    .where('code', '=', countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AccessError('notFound', message);
  return county.name;
}
