/**
 * @module 划片 (zoning) commands: `(ctx, props) → result`, each owning its transaction — policy →
 * validation (core) → repositories (@junheng/db) → audit (recordChange) — and refusing with core's
 * Refusal (keys zoning.*). The routes, the demo seeding and the tests call these.
 */
export { requireZoningCounty, requireZoningPlan } from './access.js';
export { saveEntryClasses, zoningAreaSheet } from './areaCommands.js';
export { type ZoningPlanExport, zoningPlanExport } from './exportCommands.js';
export { importZoningAreas, type ZoningImportSummary } from './importCommands.js';
export {
  createZoningPlan,
  getZoningPlan,
  listZoningPlans,
  type NewZoningPlan,
  publishZoningPlan,
  updateZoningPlan,
  type ZoningPlanChange,
} from './planCommands.js';
export { problemOf, readZoningProblem, readZoningSchools, type ZoningProblemFromDb } from './problem.js';
export {
  getPublicZoning,
  listPublicZoningPlans,
  type PublicContext,
  type PublicZoningPlans,
} from './publicCommands.js';
export {
  buildZoningProblem,
  evaluateZoningAssignment,
  getZoningMap,
  listZoningAreas,
  listZoningSchools,
  type ZoningPageData,
  type ZoningPlace,
  zoningPageData,
} from './readCommands.js';
export { type CountySolution, createSolveGuard, type SolveGuard, solveCountyZoning } from './solveCommand.js';
export { importZoningFile } from './uploadCommand.js';
