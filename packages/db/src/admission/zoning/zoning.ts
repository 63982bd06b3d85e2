/**
 * @module 划片 (zoning, 就近入学) storage: a county's residential areas (小区/村) of a plan year with
 * their expected entrants and current zones, the schools' entry classes, the county map, and zoning
 * plans (area → school) with the problem they were evaluated on. Repositories only: the server's
 * commands (server/src/admission/zoning/commands) decide who may do what, check the input (core),
 * evaluate, and record every change in the audit log.
 *
 * Decisions kept by the schema:
 * - `year` is the plan year: the start year of the school year the children enter (as
 *   admission_round.year). Areas belong to a plan year because their entrants are that intake's
 *   forecast; an import replaces the year's areas (replaceZoningAreas, in the command's transaction).
 * - A plan stores the problem it was evaluated on (areas, schools, capacities, current zones) so a
 *   published plan can be shown and checked later whatever is imported afterwards.
 * - Published and withdrawn plans do not change (the zoning_plan trigger, JH012).
 *
 * The feature's entry point: callers import from here (index.ts). zoningQueries.ts (county, schools,
 * areas, map), zoningAreaRecords.ts (import and entry-class writes), zoningPlanQueries.ts and
 * zoningPlanRecords.ts (plans).
 */
export {
  replaceZoningAreas,
  saveZoningMap,
  setSchoolCoordinates,
  upsertEntryClasses,
} from './zoningAreaRecords.js';
export {
  findPublishedZoningPlan,
  findZoningPlan,
  listPublishedZoningPlans,
  listZoningPlanRecords,
  lockPublishedZoningPlans,
  type ZoningPlanRecord,
  type ZoningPlanSummaryRecord,
} from './zoningPlanQueries.js';
export {
  insertZoningPlan,
  markZoningPlanPublished,
  updateZoningPlanContent,
  withdrawZoningPlan,
  type ZoningPlanContent,
} from './zoningPlanRecords.js';
export {
  type CountyZoningMap,
  findZoningCounty,
  readSchoolAddresses,
  readZoningAreas,
  readZoningCountySchools,
  readZoningMap,
  readZoningSchoolFacts,
  type ZoningAreaRow,
} from './zoningQueries.js';
