/**
 * @module The dataset repository: a county's CountyDataset (core's input model for one school
 * year) written to the tables in one transaction (./datasetWrite.ts), and read back as exactly the
 * dataset the engine evaluates (./datasetRead.ts). Callers import from here.
 *
 * Where the figures live:
 * - county (and its province/city by name) → region; the school year → school_year;
 * - each school's identity → school (region_code = the county, or a township of it set elsewhere);
 * - whole-school figures of the year (seniorStudents, sharedFacilities, meetsProvincialStandard)
 *   and the school's row order in the county's list → school_year_info;
 * - each StageReport without `stage` → school_report.data (a new version on every save);
 * - countyInputs → county_input.
 *
 * What does not come back as written (all equivalent for the validator and the engine):
 * - a school's seniorStudents / sharedFacilities / meetsProvincialStandard written as null comes
 *   back absent (a NULL column cannot tell `null` from absent; both mean 未填报 / 分学段);
 * - a school's stages come back in core's STAGES order (小学, then 初中);
 * - object keys come back in the model's order (jsonb keeps no key order); countyInputs sorted by id;
 * - a county's province/city are the names already in region when the rows existed before.
 */

export { loadDataset } from './datasetRead.js';
export { DatasetError, type DatasetErrorCode, type SaveSummary } from './datasetTypes.js';
export { type SaveDatasetOptions, saveDataset } from './datasetWrite.js';
