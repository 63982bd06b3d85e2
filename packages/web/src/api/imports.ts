/** @module Excel/CSV imports and the templates to fill in. */
import { buildUrl } from './client';
import { downloadFile } from './download';
import type { ImportResult } from './types';
import { type UploadOptions, uploadFile } from './upload';

export const importCounty = (year: number, file: File, opts?: UploadOptions) =>
  uploadFile<ImportResult>(buildUrl('/api/imports/county', { year }), file, opts);

export const importSchool = (schoolId: string, year: number, file: File, opts?: UploadOptions) =>
  uploadFile<ImportResult>(
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
