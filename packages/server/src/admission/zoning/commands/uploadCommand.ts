/**
 * @module 划片 (zoning) upload: a GeoJSON map or an Excel area sheet, read (zoningFiles.ts) once the
 * actor may import, then imported (importCommands.ts). A file with problems answers 422
 * importInvalid with every problem — the reader's, a map of another county, or the checks against
 * the county's schools — having written nothing.
 */
import { message, Refusal, requireAllowed } from '@junheng/core';
import type { CommandContext } from '../../../platform/commands.js';
import { importInvalid } from '../../../platform/upload.js';
import { readZoningUpload } from '../zoningFiles.js';
import { importZoningAreas, type ZoningImportSummary } from './importCommands.js';

/**
 * Imports an uploaded map or area sheet into a county's plan year. The file is read only once the
 * actor may import (a refused user's upload is not even parsed); a file with problems answers 422
 * importInvalid with every problem, having written nothing.
 * @param upload the request's file (platform/upload.ts uploadedFile), asked for after the check
 * @throws Refusal notFound / notAllowed; ApiError 422 importInvalid
 */
export async function importZoningFile(
  ctx: CommandContext,
  props: { countyCode: string; countyName: string; year: number },
  upload: () => { bytes: Buffer; name: string },
): Promise<ZoningImportSummary> {
  const { countyCode, countyName, year } = props;
  requireAllowed(
    ctx.actor,
    'import',
    { kind: 'admissionPlan', regionCode: countyCode },
    { key: 'zoning.countyDataNotFound' },
  );
  const { bytes, name } = upload();
  const read = await readZoningUpload(bytes, name);
  const refuse = (issues: unknown[]) => importInvalid(issues, name);
  if (!read.ok) throw refuse(read.issues);
  if (read.mapCode && read.mapCode !== countyCode) {
    throw refuse([
      {
        file: name,
        column: 'code',
        value: read.mapCode,
        message: message('zoning.mapOfOtherCounty', { countyName, countyCode }),
      },
    ]);
  }
  try {
    return await importZoningAreas(ctx, { ...read.input, countyCode, year });
  } catch (e) {
    if (e instanceof Refusal && e.key === 'zoning.importInvalid' && Array.isArray(e.details)) {
      throw refuse(e.details);
    }
    throw e;
  }
}
