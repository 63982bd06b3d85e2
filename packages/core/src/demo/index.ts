/**
 * @module Demo county generator: realistic, deterministic data for demos, tests and benchmarks.
 */
export { demoCountyInputs } from './countyInputs.js';
export {
  DEFAULT_DEMO_SCHOOLS,
  DEFAULT_DEMO_SEED,
  DEFAULT_DEMO_YEAR,
  type DemoCountyOptions,
  demoComposition,
  generateDemoCounty,
  MAX_DEMO_SCHOOLS,
} from './generate.js';
export { chineseNumber, DEMO_COUNTY } from './names.js';
export type { DemoKind } from './profiles.js';
