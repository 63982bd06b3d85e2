/**
 * @module 划片 (zoning) routes' shared parts: the schema pieces several
 * groups use (county query, plan id), the county a request is about, and a stored plan typed as the
 * answers describe it.
 */
import type { Actor } from '@junheng/core';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { countyCode } from '../../platform/schemas.js';
import { resolveCounty } from '../../schools/county.js';
import type { SolverInfo } from './schema.js';

export const tags = ['划片'];
export const countyQuery = z.object({ countyCode: countyCode.optional() });
export const idParams = z.object({ id: z.coerce.number().int().min(1) });

/** The county a request is about: the one asked for, else the actor's own. */
export async function countyOf(ctx: AppContext, actor: Actor, code?: string) {
  return resolveCounty(ctx.db, actor, 'admissionPlan', code);
}

/**
 * A plan as the routes answer it. The database keeps the solver info as the JSON a save brought,
 * which the save's body schema (solverInfo) checked: it has that shape.
 */
export function typedPlan<T extends { solver: Record<string, unknown> | null }>(
  plan: T,
): Omit<T, 'solver'> & { solver: SolverInfo | null } {
  return plan as Omit<T, 'solver'> & { solver: SolverInfo | null };
}
