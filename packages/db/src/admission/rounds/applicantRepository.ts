/**
 * @module The writes and small reads of a round's applicants: new applicants with their tickets and
 * 核验码 (the round's counter moved on), a changed or removed one, the round of an applicant, the
 * round's opened ID numbers and school ids for the checks, and the rows its lottery entries are
 * built from.
 */
import { randomBytes } from 'node:crypto';
import type { ApplicantFields } from '@junheng/core';
import { sql } from 'kysely';
import { jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { type ApplicantRow, applicantsOf, rowOf, sealedColumns, withNames } from './applicantRows.js';

/**
 * Inserts checked applicants with their tickets (`<year>-<serial>` from the round's counter, never
 * reused) and a fresh 核验码 each, and moves the round's counter on. The caller checks that the
 * serials last (at most 999999 a round).
 * @returns the tickets, in the order of the rows
 */
export async function insertApplicants(
  tx: Queryable,
  cipher: PersonalCipher,
  round: { id: number; year: number; nextSerial: number },
  rows: readonly ApplicantFields[],
  by: number,
): Promise<string[]> {
  const tickets = rows.map((_, k) => `${round.year}-${String(round.nextSerial + k).padStart(6, '0')}`);
  const records = rows.map((f, k) => {
    const columns = sealedColumns(cipher, f);
    return {
      round_id: round.id,
      ticket: tickets[k]!,
      secret_sealed: cipher.seal(randomBytes(16).toString('hex')),
      ...columns,
      choices: jsonb(columns.choices),
      created_by: by,
      updated_by: by,
    };
  });
  // Batches keep each statement's parameters moderate on both engines (~25 per child).
  for (let start = 0; start < records.length; start += 500) {
    await sqlOf(tx)
      .insertInto('applicant')
      .values(records.slice(start, start + 500))
      .execute();
  }
  await sqlOf(tx)
    .updateTable('admission_round')
    .set({ next_serial: round.nextSerial + rows.length })
    .where('id', '=', round.id)
    .execute();
  return tickets;
}

/** One applicant of a round by its ticket. */
export async function applicantByTicket(
  db: Queryable,
  roundId: number,
  ticket: string,
): Promise<ApplicantRow> {
  const r = await withNames(
    applicantsOf(db).where('a.round_id', '=', roundId).where('a.ticket', '=', ticket),
  ).executeTakeFirstOrThrow();
  return rowOf(r);
}

/** Replaces an applicant's fields (sealed), raising its version. */
export async function updateApplicantRow(
  tx: Queryable,
  cipher: PersonalCipher,
  id: number,
  fields: ApplicantFields,
  by: number,
): Promise<void> {
  const cols = sealedColumns(cipher, fields);
  await sqlOf(tx)
    .updateTable('applicant')
    .set((eb) => ({
      ...cols,
      choices: jsonb(cols.choices),
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

export async function deleteApplicantRow(tx: Queryable, id: number): Promise<void> {
  await sqlOf(tx).deleteFrom('applicant').where('id', '=', id).execute();
}

/** The round of an applicant, or null when there is no such applicant. */
export async function roundOfApplicant(db: Queryable, id: number): Promise<number | null> {
  const row = await sqlOf(db)
    .selectFrom('applicant')
    .select('round_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.round_id ?? null;
}

/** The school ids of a round (for the field checks). */
export async function roundSchoolIds(db: Queryable, roundId: number): Promise<Set<string>> {
  const rows = await sqlOf(db)
    .selectFrom('admission_round_school')
    .select('school_id')
    .where('round_id', '=', roundId)
    .execute();
  return new Set(rows.map((r) => r.school_id));
}

/**
 * Opened ID numbers of a round's applicants (for duplicate checks): number → {id, ticket}. They are
 * randomised ciphertext, so no SQL equality can find them — a few thousand AES-GCM opens take
 * milliseconds.
 */
export async function roundIdNumbers(
  db: Queryable,
  cipher: PersonalCipher,
  roundId: number,
): Promise<Map<string, { id: number; ticket: string }>> {
  const rows = await sqlOf(db)
    .selectFrom('applicant')
    .select(['id', 'ticket', 'id_number_sealed'])
    .where('round_id', '=', roundId)
    .execute();
  const out = new Map<string, { id: number; ticket: string }>();
  for (const r of rows) out.set(cipher.open(r.id_number_sealed), { id: r.id, ticket: r.ticket });
  return out;
}

/** The rows a round's lottery entries are built from (over the round, or one family). */
export async function lotteryEntryRows(
  db: Queryable,
  roundId: number,
  familyKey?: string,
): Promise<{ id: number; ticket: string; family_key: string | null; secret_sealed: string }[]> {
  let q = sqlOf(db)
    .selectFrom('applicant')
    .select(['id', 'ticket', 'family_key', 'secret_sealed'])
    .where('round_id', '=', roundId);
  if (familyKey !== undefined) q = q.where('family_key', '=', familyKey);
  return q.execute();
}
