/**
 * @module The school years (学年) a county's records refer to: a row in `school_year` that every
 * year-keyed table references, made on first use.
 */
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

/** Makes the school year's row if it is not there yet (a concurrent maker wins quietly). */
export async function ensureSchoolYear(tx: Queryable, year: number): Promise<void> {
  await sqlOf(tx)
    .insertInto('school_year')
    .values({ start_year: year })
    .onConflict((oc) => oc.column('start_year').doNothing())
    .execute();
}
