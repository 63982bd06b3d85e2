/**
 * @module Sealing the 特殊需要说明 stored in plain text before notes were sealed: run at start-up,
 * once the key is checked.
 */
import { sql } from 'kysely';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { inTransaction } from '../../platform/queryKit.js';

/**
 * Seals the 特殊需要说明 stored in plain text before notes were sealed (migration
 * 20261207T1300-seal-special-needs-notes-and-shorten-id-masks cannot encrypt): each moves to
 * special_needs_note_sealed and the plain column is cleared, also for frozen applicants (the
 * trigger allows exactly this move). Run at start-up, once the key is checked; nothing to do after
 * the first run.
 * @returns how many notes were sealed
 */
export async function sealPlainNotes(db: Database | Queryable, cipher: PersonalCipher): Promise<number> {
  return inTransaction(db, async (tx) => {
    const q = sqlOf(tx);
    const rows = await q
      .selectFrom('applicant')
      .select(['id', 'special_needs_note'])
      .where('special_needs_note', 'is not', null)
      .orderBy('id')
      .forUpdate()
      .execute();
    const sealed = rows.map((r) => ({ id: r.id, sealed: cipher.seal(r.special_needs_note!) }));
    for (let start = 0; start < sealed.length; start += 500) {
      const batch = jsonb(sealed.slice(start, start + 500));
      await q
        .updateTable('applicant as a')
        .from(
          sql<{ id: number; sealed: string }>`jsonb_to_recordset(${batch}::jsonb)`.as<'x'>(
            sql`x(id bigint, sealed text)`,
          ),
        )
        .set((eb) => ({ special_needs_note_sealed: eb.ref('x.sealed'), special_needs_note: null }))
        .whereRef('a.id', '=', 'x.id')
        .execute();
    }
    return sealed.length;
  });
}
