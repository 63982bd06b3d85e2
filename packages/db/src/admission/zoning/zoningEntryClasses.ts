/**
 * @module 划片 (zoning) entry classes (起始年级招生班数): the bureau's figures of a plan year, which
 * replace the estimate from the reports (zoningReads.ts). Set on the zoning page or brought by a map
 * file (zoningImport.ts); both write them the same way.
 */
import { type Actor, type Stage, ZONING_STAGE_NAMES } from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import type { Database, Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';
import { checkCounty, checkStage, invalid } from './zoningChecks.js';
import { readSchools, type ZoningSchoolRow } from './zoningReads.js';

/** One entry-class figure to set. */
export interface EntryClassesInput {
  schoolId: string;
  stage: Stage;
  classes: number;
  /** The school's class-size limit; null = national (45 / 50). */
  classSizeLimit?: number | null;
}

/**
 * Sets schools' entry classes of a plan year (the bureau's figure replaces the estimate).
 * @throws AccessError notFound / notAllowed / invalidData
 */
export async function saveEntryClasses(
  db: Database | Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
  items: readonly EntryClassesInput[],
  opts: { ip?: string | null } = {},
): Promise<ZoningSchoolRow[]> {
  checkYear(year);
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, countyCode, 'edit');
    const schools = new Map((await readSchools(tx, countyCode, year)).map((s) => [s.schoolId, s]));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    items.forEach((it, i) => {
      const at = `第 ${i + 1} 项`;
      const s = schools.get(it.schoolId);
      if (!s) invalid(`${at}：学校 ${String(it.schoolId)} 不是本县参加划片的学校`);
      const stage = checkStage(it.stage);
      if (!s!.stages.includes(stage)) invalid(`${s!.name} 不招收${ZONING_STAGE_NAMES[stage]}新生`);
      if (!Number.isInteger(it.classes) || it.classes < 0 || it.classes > 100) {
        invalid(
          `${s!.name} 的${ZONING_STAGE_NAMES[stage]}起始年级班数应为 0～100 的整数，收到 ${String(it.classes)}`,
        );
      }
      const limit = it.classSizeLimit ?? null;
      if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 100)) {
        invalid(`${s!.name} 的班额上限应为 1～100 的整数，收到 ${String(limit)}`);
      }
      const e = s!.entry[stage]!;
      before[`${it.schoolId}/${stage}`] = {
        classes: e.classes,
        classSizeLimit: e.classSizeOverride,
        estimated: e.estimated,
      };
      after[`${it.schoolId}/${stage}`] = { classes: it.classes, classSizeLimit: limit };
    });
    const by = await actingUser(tx, actor);
    for (const it of items) await upsertEntryClasses(tx, year, it, by.id);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'zoning.entryClasses',
      entity: 'zoning_entry_classes',
      entityId: `${countyCode}/${year}`,
      before,
      after,
      ip: opts.ip ?? null,
    });
    return readSchools(tx, countyCode, year);
  });
}

/** Writes one school's figure of a year (the latest write wins, as the bureau's figure). */
export async function upsertEntryClasses(
  tx: Queryable,
  year: number,
  it: EntryClassesInput,
  by: number,
): Promise<void> {
  await sqlOf(tx)
    .insertInto('zoning_entry_classes')
    .values({
      school_id: it.schoolId,
      year,
      stage: it.stage,
      classes: it.classes,
      class_size_limit: it.classSizeLimit ?? null,
      updated_by: by,
    })
    .onConflict((oc) =>
      oc.columns(['school_id', 'year', 'stage']).doUpdateSet((eb) => ({
        classes: eb.ref('excluded.classes'),
        class_size_limit: eb.ref('excluded.class_size_limit'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}
