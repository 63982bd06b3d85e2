/**
 * @module LEFTOVER for the report routes (server/src/reporting: importUploadRoutes,
 * importTemplateRoutes, reportKit), which still read a school through db: `getSchool(db, actor,
 * id, year)` with the policy check. The server's schools command `getSchool(ctx, {id, year})`
 * (server/src/schools/schoolCommands.ts) is the one to use; remove this once those routes call it.
 */
import {
  type Actor,
  LOCALITY_NAMES,
  message,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  type Stage,
  schoolStages,
} from '@junheng/core';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { checkYear } from '../platform/queryKit.js';
import { findSchool, type SchoolRow, type SchoolYearRecords, schoolYearRecords } from './schools.js';

/** One school as the API answers it (the server's present.ts shapes the same). */
export interface SchoolDetail extends SchoolRow, SchoolYearRecords {
  typeName: string;
  localityName: string;
  stages: Stage[];
  /** The year asked for. */
  year: number;
}

/**
 * Reads one school with its figures and reports of a year and its status history.
 * @throws AccessError notFound when the school does not exist or the actor may not view it (same
 *   answer); invalidData for a bad year
 */
export async function getSchool(
  db: Database | Queryable,
  actor: Actor,
  id: string,
  year: number,
): Promise<SchoolDetail> {
  checkYear(year);
  const notFound = message('schools.notFound', { id: String(id) });
  const s = typeof id === 'string' ? await findSchool(db, id) : undefined;
  if (!s) throw new AccessError('notFound', notFound);
  requireAllowed(actor, 'view', { kind: 'school', regionCode: s.regionCode, schoolId: s.id }, notFound);
  const type: SchoolType = s.type;
  return {
    ...s,
    typeName: SCHOOL_TYPE_NAMES[type],
    localityName: LOCALITY_NAMES[s.locality],
    stages: schoolStages(type),
    year,
    ...(await schoolYearRecords(db, s.id, year)),
  };
}
