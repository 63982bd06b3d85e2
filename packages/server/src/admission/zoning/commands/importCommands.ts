/**
 * @module 划片 (zoning) area import: the county's residential areas of a plan year replaced — and
 * from a map file the schools' coordinates and entry classes and the county map — all in one
 * transaction once core's checkZoningImport found no problem in the input; audited with a summary
 * of what was written. (An uploaded file is read into that input by uploadCommand.ts.)
 */
import {
  checkZoningImport,
  checkZoningYear,
  Refusal,
  requireAllowed,
  type Stage,
  type ZoningImportInput,
} from '@junheng/core';
import {
  inTransaction,
  readZoningCountySchools,
  replaceZoningAreas,
  saveZoningMap,
  setSchoolCoordinates,
  upsertEntryClasses,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { requireZoningCounty } from './access.js';

export interface ZoningImportSummary {
  file: string;
  year: number;
  areas: number;
  /** Areas of the year that were replaced. */
  replaced: number;
  entrants: Record<Stage, number>;
  currentZones: Record<Stage, number>;
  schoolsLocated: number;
  entryClasses: number;
  mapRegions: number;
}

/**
 * Replaces the county's residential areas of a plan year (and, from a map file, the schools'
 * coordinates and entry classes, and the county map). Everything is checked first: with any
 * problem nothing is written and every problem is listed.
 * @throws Refusal notFound / notAllowed; invalidRequest `zoning.importInvalid` with `details` =
 *   every ZoningImportIssue
 */
export async function importZoningAreas(
  ctx: CommandContext,
  input: ZoningImportInput,
): Promise<ZoningImportSummary> {
  checkZoningYear(input.year);
  const { countyCode, year, file } = input;
  return inTransaction(ctx.db, async (tx) => {
    await requireZoningCounty(tx, ctx.actor, countyCode, 'import');
    if (input.schools && input.schools.length > 0) {
      requireAllowed(
        ctx.actor,
        'edit',
        { kind: 'school', regionCode: countyCode },
        { key: 'zoning.countySchoolsNotFound' },
      );
    }
    const checked = checkZoningImport(input, await readZoningCountySchools(tx, countyCode));
    if (checked.issues.length > 0) {
      throw new Refusal(
        'invalidRequest',
        'zoning.importInvalid',
        { file, count: checked.issues.length },
        { details: checked.issues },
      );
    }
    const { rows, located, entryRows } = checked;
    const by = await actingUser(tx, ctx.actor);
    const replaced = await replaceZoningAreas(tx, { countyCode, year }, rows, by.id);
    for (const s of located) await setSchoolCoordinates(tx, s);
    for (const e of entryRows) await upsertEntryClasses(tx, year, e, by.id);
    const mapRegions = input.regions
      ? await saveZoningMap(tx, { countyCode, file, ...input.regions }, by.id)
      : 0;
    const summary: ZoningImportSummary = {
      file,
      year,
      areas: rows.length,
      replaced,
      entrants: {
        primary: rows.reduce((t, r) => t + r.a.entrants.primary, 0),
        junior: rows.reduce((t, r) => t + r.a.entrants.junior, 0),
      },
      currentZones: {
        primary: rows.filter((r) => r.current.primary !== null).length,
        junior: rows.filter((r) => r.current.junior !== null).length,
      },
      schoolsLocated: located.length,
      entryClasses: entryRows.length,
      mapRegions,
    };
    await recordChange(
      tx,
      ctx,
      {
        action: 'zoning.importAreas',
        entity: 'residential_area',
        entityId: `${countyCode}/${year}`,
        after: summary,
      },
      by,
    );
    return summary;
  });
}
