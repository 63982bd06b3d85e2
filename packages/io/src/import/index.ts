/**
 * @module Import of county data files (.xlsx template, .csv schools sheet, .json/.yaml machine
 * format) with every error located and explained in Chinese.
 */
export {
  type CountyFileOptions,
  type CountyFileResult,
  type CountyInputsResult,
  importCountyBuffer,
  importCountyFile,
  importCountyInputsBuffer,
  importCountyInputsFile,
} from './county-file.js';
export { type CountyHeader, currentSchoolYear } from './county-info.js';
export { decodeText } from './csv.js';
export {
  type ImportFileOptions,
  type ImportOptions,
  importDatasetBuffer,
  importDatasetFile,
} from './dataset.js';
export { formatImportError, type ImportError, type ImportResult } from './errors.js';
