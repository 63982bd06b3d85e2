/**
 * @module 划片 (zoning) routes' shared parts: the schema pieces several groups use (county query,
 * plan id) and the county a request is about.
 */
import type { Actor } from '@junheng/core';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { countyCode } from '../../platform/schemas.js';
import { resolveCounty } from '../../schools/county.js';

export const tags = ['划片'];
export const countyQuery = z.object({ countyCode: countyCode.optional() });
export const idParams = z.object({ id: z.coerce.number().int().min(1) });

/** The county a request is about: the one asked for, else the actor's own. */
export async function countyOf(ctx: AppContext, actor: Actor, code?: string) {
  return resolveCounty(ctx.db, actor, 'admissionPlan', code);
}
