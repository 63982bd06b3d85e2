/**
 * @module 划片 zoning files and solver: the county map as GeoJSON (read, validate, write the
 * result), HiGHS run in a worker thread, and the demo county's map.
 */
export {
  DEMO_ZONING_MAP_FILE,
  type DemoZoningMapOptions,
  demoZoningMapText,
  generateDemoZoningMap,
  readDemoZoningMap,
} from './demoMap.js';
export {
  currentZones,
  formatZoningMapIssue,
  type MapRegion,
  type MapSchool,
  parseZoningMap,
  readZoningMapFile,
  type ZoningMap,
  ZoningMapFileError,
  type ZoningMapIssue,
  zoningProblemFromMap,
  zoningResultGeoJson,
} from './geojson.js';
export { type SolveZoningOptions, solveZoning, type ZoningSolution, type ZoningSolverInfo } from './solve.js';
