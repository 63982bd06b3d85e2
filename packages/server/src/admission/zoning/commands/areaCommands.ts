/**
 * @module 划片 (zoning) entry classes and the area sheet: the bureau's entry classes of a year replace
 * the estimate from the reports (audited); the areas as the sheet to edit and import again.
 */
import {
  checkZoningStage,
  checkZoningYear,
  type EntryClassesInput,
  Refusal,
  requireAllowed,
  ZONING_STAGE_NAMES,
  type ZoningSchoolRow,
} from '@junheng/core';
import { inTransaction, readZoningAreas, upsertEntryClasses, type ZoningAreaRow } from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { requireZoningCounty } from './access.js';
import { readZoningSchools } from './problem.js';

/** Checks one entry-class figure against the county's zoned schools. @throws Refusal invalidRequest */
function checkEntryItem(it: EntryClassesInput, i: number, schools: Map<string, ZoningSchoolRow>) {
  const s = schools.get(it.schoolId);
  if (!s) {
    throw new Refusal('invalidRequest', 'zoning.entrySchoolUnknown', {
      item: i + 1,
      schoolId: String(it.schoolId),
    });
  }
  const stage = checkZoningStage(it.stage);
  const stageName = ZONING_STAGE_NAMES[stage];
  if (!s.stages.includes(stage)) {
    throw new Refusal('invalidRequest', 'zoning.entryStageNotTaught', { school: s.name, stageName });
  }
  if (!Number.isInteger(it.classes) || it.classes < 0 || it.classes > 100) {
    throw new Refusal('invalidRequest', 'zoning.entryClassesInvalid', {
      school: s.name,
      stageName,
      classes: String(it.classes),
    });
  }
  const limit = it.classSizeLimit ?? null;
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
    throw new Refusal('invalidRequest', 'zoning.entryClassSizeInvalid', {
      school: s.name,
      limit: String(limit),
    });
  }
  return { s, stage, limit };
}

/**
 * Sets schools' entry classes of a plan year (the bureau's figure replaces the estimate).
 * @returns the county's zoned schools as they are now
 * @throws Refusal notFound / notAllowed / invalidRequest
 */
export async function saveEntryClasses(
  ctx: CommandContext,
  props: { countyCode: string; year: number; items: readonly EntryClassesInput[] },
): Promise<ZoningSchoolRow[]> {
  const { countyCode, year, items } = props;
  checkZoningYear(year);
  return inTransaction(ctx.db, async (tx) => {
    await requireZoningCounty(tx, ctx.actor, countyCode, 'edit');
    const schools = new Map((await readZoningSchools(tx, countyCode, year)).map((s) => [s.schoolId, s]));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    items.forEach((it, i) => {
      const { s, stage, limit } = checkEntryItem(it, i, schools);
      const e = s.entry[stage]!;
      before[`${it.schoolId}/${stage}`] = {
        classes: e.classes,
        classSizeLimit: e.classSizeOverride,
        estimated: e.estimated,
      };
      after[`${it.schoolId}/${stage}`] = { classes: it.classes, classSizeLimit: limit };
    });
    const by = await actingUser(tx, ctx.actor);
    for (const it of items) await upsertEntryClasses(tx, year, it, by.id);
    await recordChange(
      tx,
      ctx,
      {
        action: 'zoning.entryClasses',
        entity: 'zoning_entry_classes',
        entityId: `${countyCode}/${year}`,
        before,
        after,
      },
      by,
    );
    return readZoningSchools(tx, countyCode, year);
  });
}

/**
 * The county's areas of a plan year as the sheet shows them (current zones by the school's name),
 * once the actor may export the county's plans. The route writes the workbook and audits the export.
 * @throws Refusal notFound / notAllowed
 */
export async function zoningAreaSheet(
  ctx: CommandContext,
  props: { countyCode: string; year: number },
): Promise<
  (Omit<ZoningAreaRow, 'current'> & { current: { primary: string | null; junior: string | null } })[]
> {
  const { countyCode, year } = props;
  requireAllowed(
    ctx.actor,
    'export',
    { kind: 'admissionPlan', regionCode: countyCode },
    { key: 'zoning.countyDataNotFound' },
  );
  checkZoningYear(year);
  await requireZoningCounty(ctx.db, ctx.actor, countyCode, 'view');
  const areas = await readZoningAreas(ctx.db, countyCode, year);
  const schools = await readZoningSchools(ctx.db, countyCode, year);
  const names = new Map(schools.map((s) => [s.schoolId, s.name]));
  const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
  return areas.map((a) => ({
    ...a,
    current: { primary: nameOf(a.current.primary), junior: nameOf(a.current.junior) },
  }));
}
