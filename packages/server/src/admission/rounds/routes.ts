/**
 * @module 招生申请: the county's admission rounds (categories, schools and places), their applicants
 * (entered one by one or imported from the template, exported), the round's lottery list with its
 * commitment, admission by category and the results.
 *
 * The route group registered in one place (platform/routes.ts); each file registers the routes of
 * what it does, in this order, which is also the order of the API contract (openapi.json):
 * roundRoutes.ts, applicantRoutes.ts, applicantFileRoutes.ts, roundResultRoutes.ts; schema.ts holds
 * their schemas.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { applicantFileRoutes } from './applicantFileRoutes.js';
import { applicantRoutes } from './applicantRoutes.js';
import { roundResultRoutes } from './roundResultRoutes.js';
import { roundRoutes } from './roundRoutes.js';

export function admissionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    roundRoutes(app, ctx);
    applicantRoutes(app, ctx);
    applicantFileRoutes(app, ctx);
    roundResultRoutes(app, ctx);
  };
}
