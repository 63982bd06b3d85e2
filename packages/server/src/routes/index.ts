/**
 * @module Every /api route group, registered in one place.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { authRoutes } from './auth.js';
import { countyInputRoutes } from './countyInputs.js';
import { dashboardRoutes } from './dashboard.js';
import { evaluationRoutes } from './evaluations.js';
import { importRoutes } from './imports.js';
import { metaRoutes } from './meta.js';
import { publicRoutes } from './public.js';
import { reportRoutes } from './reports.js';
import { schoolRoutes } from './schools.js';
import { userRoutes } from './users.js';

const GROUPS = [
  metaRoutes,
  authRoutes,
  dashboardRoutes,
  schoolRoutes,
  reportRoutes,
  countyInputRoutes,
  importRoutes,
  evaluationRoutes,
  userRoutes,
  publicRoutes,
];

export async function registerRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const group of GROUPS) await api.register(group(ctx));
}
