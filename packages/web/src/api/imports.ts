/** @module Excel/CSV imports and the templates to fill in. */
import { buildUrl } from './client';
import { downloadFile } from './download';
import type { Json } from './http';
import { type UploadOptions, uploadFile } from './upload';

/** 200 of an import: what was written, and warnings that did not stop it. */
export type ImportResult = Json<'/api/imports/county', 'post'>;

/**
 * The county workbook (bureau).
 * @param approve 导入即审核通过: the bureau has collected and checked every school's sheet itself, so
 *   the imported reports are approved in the same transaction instead of waiting for submissions
 */
export const importCounty = (
  year: number,
  file: File,
  opts?: UploadOptions,
  approve = false,
  dryRun = false,
) =>
  uploadFile<ImportResult>(
    buildUrl('/api/imports/county', {
      year,
      approve: approve ? 'true' : undefined,
      dryRun: dryRun ? 'true' : undefined,
    }),
    file,
    opts,
  );

export const importSchool = (schoolId: string, year: number, file: File, opts?: UploadOptions) =>
  uploadFile<Json<'/api/imports/school/{schoolId}', 'post'>>(
    buildUrl(`/api/imports/school/${encodeURIComponent(schoolId)}`, { year }),
    file,
    opts,
  );

export const downloadCountyTemplate = (year: number) =>
  downloadFile('/api/templates/county.xlsx', { year }, `县级填报模板-${year}.xlsx`);

export const downloadSchoolTemplate = (schoolId: string, year: number) =>
  downloadFile(
    `/api/templates/school/${encodeURIComponent(schoolId)}.xlsx`,
    { year },
    `学校填报模板-${schoolId}-${year}.xlsx`,
  );
