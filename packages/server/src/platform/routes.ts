/**
 * @module Every /api route group, registered in one place.
 */
import type { FastifyInstance } from 'fastify';
import { authRoutes } from '../accounts/authRoutes.js';
import { userRoutes } from '../accounts/userRoutes.js';
import { classRoutes } from '../admission/classes/routes.js';
import { lotteryRoutes } from '../admission/lottery/routes.js';
import { quotaRoutes } from '../admission/quota/routes.js';
import { admissionRoutes } from '../admission/rounds/routes.js';
import { zoningRoutes } from '../admission/zoning/routes.js';
import { dashboardRoutes } from '../evaluation/dashboardRoutes.js';
import { evaluationRoutes } from '../evaluation/evaluationRoutes.js';
import { publicRoutes } from '../public/publicRoutes.js';
import { countyInputRoutes } from '../reporting/countyInputRoutes.js';
import { importRoutes } from '../reporting/importRoutes.js';
import { reportBatchRoutes } from '../reporting/reportBatchRoutes.js';
import { reportRoutes } from '../reporting/reportRoutes.js';
import { schoolRoutes } from '../schools/schoolRoutes.js';
import type { AppContext } from './context.js';
import { metaRoutes } from './metaRoutes.js';

const GROUPS = [
  metaRoutes,
  authRoutes,
  dashboardRoutes,
  schoolRoutes,
  reportRoutes,
  reportBatchRoutes,
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
