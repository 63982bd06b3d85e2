/**
 * @module Sealing the 特殊需要说明 stored in plain text before notes were sealed: run at start-up,
 * once the key is checked.
 */
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
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
    const { rows } = await tx.query<{ id: number; special_needs_note: string }>(
      'SELECT id, special_needs_note FROM applicant WHERE special_needs_note IS NOT NULL ORDER BY id FOR UPDATE',
    );
    const sealed = rows.map((r) => ({ id: Number(r.id), sealed: cipher.seal(r.special_needs_note) }));
    for (let start = 0; start < sealed.length; start += 500) {
      await tx.query(
        `UPDATE applicant a SET special_needs_note_sealed = x.sealed, special_needs_note = NULL
           FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, sealed text)
          WHERE a.id = x.id`,
        [jsonb(sealed.slice(start, start + 500))],
      );
    }
    return sealed.length;
  });
}
