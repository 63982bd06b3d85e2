/**
 * @module 划片 (zoning, 就近入学) storage: a county's residential areas (小区/村) of a plan year with
 * their expected entrants and current zones, the schools' entry classes, the county map, and zoning
 * plans (area → school) with their evaluation (core evaluateZoning), saved with version checks,
 * published for the public (公示), audited.
 *
 * Decisions:
 * - `year` is the plan year: the start year of the school year the children enter (as
 *   admission_round.year). Areas belong to a plan year because their entrants are that intake's
 *   forecast; an import replaces the year's areas (all or nothing).
 * - County-wide: kind admissionPlan of the county, no schoolId. The bureau imports, edits and
 *   publishes (bureau.admission); inspectors and city users read (region.read); schools see
 *   nothing here (404); everyone sees a published plan (public.results).
 * - Schools taking part: open schools of the county except 特教 and 职业学校, for the stages their
 *   type teaches (core STAGES_OF_TYPE), with coordinates (school.latitude/longitude). A school
 *   without coordinates is listed as such and left out of the problem.
 * - Entry classes (起始年级招生班数): the bureau's figure for the year (zoning_entry_classes), else
 *   an estimate from the school's latest report up to the plan year: round(班级数 ÷ 6) for 小学,
 *   ÷ 3 for 初中, at least 1 when it has classes — marked `estimated` for the page to show.
 * - A plan stores the problem it was evaluated on (areas, schools, capacities, current zones) so a
 *   published plan can be shown and checked later whatever is imported afterwards. Saving
 *   (create or update) evaluates the assignment on the county's data of that moment.
 * - Publishing needs every area assigned; the plan published before for the same county, year and
 *   stage becomes withdrawn (the trigger keeps published and withdrawn plans unchanged).
 *
 * The feature's entry point: callers import from here (index.ts, the tests). The code is split by what
 * it does: zoningReads.ts (schools, areas, map), zoningProblem.ts (core's problem from them),
 * zoningImportInput.ts and zoningImport.ts (area import: checks, then writes), zoningEntryClasses.ts,
 * zoningPlanQueries.ts and zoningPlanCommands.ts (plans), zoningPublic.ts (公示); zoningChecks.ts holds
 * the checks they share.
 */
export { type EntryClassesInput, saveEntryClasses } from './zoningEntryClasses.js';
export { importZoningAreas, type ZoningImportSummary } from './zoningImport.js';
export {
  MAX_ZONING_AREAS,
  type ZoningAreaInput,
  type ZoningImportInput,
  type ZoningImportIssue,
  type ZoningInputLocation,
  type ZoningSchoolInput,
} from './zoningImportInput.js';
export {
  createZoningPlan,
  type NewZoningPlan,
  publishZoningPlan,
  updateZoningPlan,
} from './zoningPlanCommands.js';
export {
  getZoningPlan,
  listZoningPlans,
  type ZoningPlanSource,
  type ZoningPlanStatus,
  type ZoningPlanSummary,
  type ZoningPlanView,
} from './zoningPlanQueries.js';
export { buildZoningProblem, type ZoningProblemFromDb } from './zoningProblem.js';
export {
  getPublicZoning,
  listPublicZoningPlans,
  type PublicZoning,
  type PublicZoningPlans,
} from './zoningPublic.js';
export {
  type CountyZoningMap,
  type EntryClasses,
  getZoningMap,
  listZoningAreas,
  ZONING_GRADES,
  type ZoningAreaRow,
  type ZoningSchoolRow,
  zoningSchools,
  zoningStagesOf,
} from './zoningReads.js';
