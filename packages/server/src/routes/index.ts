/**
 * @module Every /api route group, registered in one place.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { admissionRoutes } from './admission.js';
import { authRoutes } from './auth.js';
import { classRoutes } from './classes.js';
import { countyInputRoutes } from './countyInputs.js';
import { dashboardRoutes } from './dashboard.js';
import { evaluationRoutes } from './evaluations.js';
import { importRoutes } from './imports.js';
import { lotteryRoutes } from './lottery.js';
import { metaRoutes } from './meta.js';
import { publicRoutes } from './public.js';
import { quotaRoutes } from './quota.js';
import { reportRoutes } from './reports.js';
import { schoolRoutes } from './schools.js';
import { userRoutes } from './users.js';
import { zoningRoutes } from './zoning.js';

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
  lotteryRoutes,
  classRoutes,
  quotaRoutes,
  admissionRoutes,
  zoningRoutes,
];

export async function registerRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const group of GROUPS) await api.register(group(ctx));
}
