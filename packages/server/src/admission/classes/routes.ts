/**
 * @module 均衡分班: a school's entrants of one grade (imported from the 新生名单 template, entered as
 * JSON, or the demo cohort), placed into N classes by core's local search and compared with the
 * snake draft; published with masked names (downloadable .xlsx); head teachers drawn with the
 * verifiable lottery. Access and rules: commands/ (placementAccess.ts); what a viewer gets: present.ts.
 *
 * The route group registered in one place (platform/routes.ts); each file registers the routes of
 * what it does, in this order, which is also the order of the API contract (openapi.json):
 * classCreateRoutes.ts, classPlacementRoutes.ts, headTeacherRoutes.ts; schema.ts holds their schemas.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { classCreateRoutes } from './classCreateRoutes.js';
import { classPlacementRoutes } from './classPlacementRoutes.js';
import { headTeacherRoutes } from './headTeacherRoutes.js';

export function classRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    classCreateRoutes(app, ctx);
    classPlacementRoutes(app, ctx);
    headTeacherRoutes(app, ctx);
  };
}
