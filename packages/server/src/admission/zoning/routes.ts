/**
 * @module 划片 (zoning, 就近入学): the map page's data (county map, residential areas, schools with
 * capacity), the solver (HiGHS in a worker thread, so the event loop stays free), evaluation of a
 * hand-adjusted assignment, plans (save with version check, publish), area import (GeoJSON map or
 * Excel), downloads of a plan (Excel, GeoJSON), and the published zones for parents (no login).
 *
 * The route group registered in one place (platform/routes.ts); each file registers the routes of
 * what it does, in this order, which is also the order of the API contract (openapi.json):
 * zoningPageRoutes.ts, zoningSolveRoutes.ts (its decisions: one solve per county), zoningPlanRoutes.ts,
 * zoningExportRoutes.ts, zoningAreaRoutes.ts, zoningPublicRoutes.ts; zoningRouteKit.ts holds what they
 * share and schema.ts their answers' schemas.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { zoningAreaRoutes } from './zoningAreaRoutes.js';
import { zoningExportRoutes } from './zoningExportRoutes.js';
import { zoningPageRoutes } from './zoningPageRoutes.js';
import { zoningPlanRoutes } from './zoningPlanRoutes.js';
import { zoningPublicRoutes } from './zoningPublicRoutes.js';
import { zoningSolveRoutes } from './zoningSolveRoutes.js';

export function zoningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    zoningPageRoutes(app, ctx);
    zoningSolveRoutes(app, ctx);
    zoningPlanRoutes(app, ctx);
    zoningExportRoutes(app, ctx);
    zoningAreaRoutes(app, ctx);
    zoningPublicRoutes(app, ctx);
  };
}
