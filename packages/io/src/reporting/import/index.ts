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
export {
  errorCount,
  formatImportError,
  type ImportError,
  type ImportIssue,
  type ImportResult,
  listedErrors,
  MAX_LISTED_ERRORS,
  toIssue,
} from './errors.js';
export { IMPORT_ROW_CAPS, type ImportKind } from './limits.js';
export { WORKBOOK_PROBLEMS, WorkbookError } from './workbookErrors.js';
export { workbookParsesInProgress } from './xlsxWorker.js';
