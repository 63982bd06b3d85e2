/**
 * @module The county items' (县级指标) repository: a county's items of a school year with who saved
 * them, the published evaluation that makes them final, the stored items a save changes (locked),
 * and the upsert. SQL only: the server's county-input commands check who may read or save, which
 * items and values are allowed (core checkCountyInputItems), and audit the save.
 */
import { sql } from 'kysely';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { ensureSchoolYear } from '../schools/schoolYears.js';

/** One stored county item. */
export interface CountyInputValue {
  /** A number (ratios as fractions), a judgment, or null (未填报). */
  value: number | boolean | null;
  /** 佐证说明. */
  note: string | null;
  updatedAt: Date;
  /** Display name of who saved it last (null for imports by the system). */
  updatedByName: string | null;
}

/** A stored item's value: the commands and the imports write only what checkCountyItemValue admits. */
function storedValue(value: unknown): number | boolean | null {
  return value as number | boolean | null;
}

/** The first published evaluation run of a county's year (it makes the year's items final). */
export async function publishedRunOf(
  db: Database | Queryable,
  countyCode: string,
  year: number,
): Promise<{ id: number; publishedAt: Date } | undefined> {
  const run = await sqlOf(db)
    .selectFrom('evaluation_run')
    .select(['id', 'published_at'])
    .where('county_code', '=', countyCode)
    .where('year', '=', year)
    .where('published_at', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .limit(1)
    .$narrowType<{ published_at: Date }>()
    .executeTakeFirst();
  return run && { id: run.id, publishedAt: run.published_at };
}

/** A county's stored items of a school year by item id (items never saved are absent). */
export async function readCountyInputs(
  db: Database | Queryable,
  countyCode: string,
  year: number,
): Promise<Record<string, CountyInputValue>> {
  const rows = await sqlOf(db)
    .selectFrom('county_input as c')
    .leftJoin('app_user as u', 'u.id', 'c.updated_by')
    .select(['c.item_id', 'c.value', 'c.note', 'c.updated_at', 'u.display_name as updated_by_name'])
    .where('c.county_code', '=', countyCode)
    .where('c.year', '=', year)
    .orderBy(sql`${sql.ref('c.item_id')} COLLATE "C"`)
    .execute();
  const out: Record<string, CountyInputValue> = {};
  for (const r of rows) {
    out[r.item_id] = {
      value: storedValue(r.value),
      note: r.note,
      updatedAt: r.updated_at,
      updatedByName: r.updated_by_name,
    };
  }
  return out;
}

/**
 * The stored value and note of these items, locked (FOR UPDATE): two bureau users saving at once
 * are applied one after the other, each audited against what the other wrote.
 */
export async function lockCountyInputs(
  tx: Queryable,
  countyCode: string,
  year: number,
  itemIds: readonly string[],
): Promise<Map<string, { value: number | boolean | null; note: string | null }>> {
  const stored = await sqlOf(tx)
    .selectFrom('county_input')
    .select(['item_id', 'value', 'note'])
    .where('county_code', '=', countyCode)
    .where('year', '=', year)
    .where((eb) => eb('item_id', '=', eb.fn.any(sql<string[]>`${itemIds}::text[]`)))
    .forUpdate()
    .execute();
  return new Map(stored.map((r) => [r.item_id, { value: storedValue(r.value), note: r.note }]));
}

/** Writes these items of a county's year (insert or update), and the school year if needed. */
export async function upsertCountyInputs(
  tx: Queryable,
  countyCode: string,
  year: number,
  items: Readonly<Record<string, { value: unknown; note: string | null }>>,
  by: number,
): Promise<void> {
  await ensureSchoolYear(tx, year);
  const now = sql<Date>`now()`;
  for (const [id, item] of Object.entries(items)) {
    await sqlOf(tx)
      .insertInto('county_input')
      .values({
        county_code: countyCode,
        year,
        item_id: id,
        value: jsonb(item.value),
        note: item.note,
        updated_by: by,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['county_code', 'year', 'item_id']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          note: eb.ref('excluded.note'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: now,
        })),
      )
      .execute();
  }
}
