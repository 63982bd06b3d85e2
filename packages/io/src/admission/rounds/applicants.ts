/**
 * @module 招生申请 Excel: the template a bureau fills in (./applicantTemplate.ts), its import with
 * every error located and explained (./applicantImport.ts) and the export of a round's applicants
 * (./applicantExport.ts), on the columns of ./applicantColumns.ts. Callers import from here.
 */

export {
  APPLICANT_SHEET,
  APPLICANT_TEMPLATE_COLUMNS,
  type ApplicantSchoolOption,
  type ApplicantWorkbookContext,
} from './applicantColumns.js';
export { type ApplicantExportRow, writeApplicantExport } from './applicantExport.js';
export { type ApplicantFileResult, type ApplicantFileRow, readApplicantWorkbook } from './applicantImport.js';
export { writeApplicantTemplate } from './applicantTemplate.js';
