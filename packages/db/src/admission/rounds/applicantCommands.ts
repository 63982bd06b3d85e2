/**
 * @module Adding, changing and removing one child of an open round, and the insert of new
 * applicants (tickets from the round's counter, a fresh 核验码 each) that the import shares. Every
 * change raises the round's version and is audited with masked values only.
 */
import { randomBytes } from 'node:crypto';
import type { Actor, ApplicantFields } from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, inTransaction } from '../../platform/queryKit.js';
import { checked, duplicateMessage, idNumbersOf, roundContext } from './applicantChecks.js';
import {
  applicantsOf,
  auditView,
  listItem,
  notFound,
  readRow,
  rowOf,
  sealedColumns,
  withNames,
} from './applicantRows.js';
import type { ApplicantListItem } from './applicantTypes.js';
import { lockRoundForEdit, touchRound } from './roundAccess.js';
import { isId } from './roundRecords.js';

/** Inserts checked applicants with their tickets and 核验码, and moves the round's counter on. */
export async function insertApplicants(
  tx: Queryable,
  cipher: PersonalCipher,
  roundId: number,
  year: number,
  nextSerial: number,
  rows: ApplicantFields[],
  by: number,
): Promise<{ tickets: string[] }> {
  if (nextSerial + rows.length > 1000000) {
    throw new AccessError('invalidData', '本轮申请编号已用完（每轮最多 999999 个）');
  }
  const tickets = rows.map((_, k) => `${year}-${String(nextSerial + k).padStart(6, '0')}`);
  const records = rows.map((f, k) => {
    const columns = sealedColumns(cipher, f);
    return {
      round_id: roundId,
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
    .set({ next_serial: nextSerial + rows.length })
    .where('id', '=', roundId)
    .execute();
  return { tickets };
}

/**
 * Adds a child to an open round (ticket and 核验码 assigned here), raising the round's version (a
 * commit names the list it was shown). Audited `applicant.create` (masked).
 * @throws AccessError notFound, notAllowed, wrongState (frozen), invalidData (every field problem;
 *   duplicate ID number)
 */
export function addApplicant(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  roundId: number,
  fields: ApplicantFields,
  opts: { ip?: string | null } = {},
): Promise<ApplicantListItem> {
  return inTransaction(db, async (tx) => {
    const round = await lockRoundForEdit(tx, actor, roundId, undefined, {
      needOpen: true,
      kind: 'applicant',
    });
    const f = checked(fields, await roundContext(tx, roundId, round.categories));
    const dup = (await idNumbersOf(tx, cipher, roundId)).get(f.idNumber);
    if (dup) throw new AccessError('invalidData', `“身份证号”${duplicateMessage(dup.ticket)}`);
    const by = await actingUser(tx, actor);
    const { tickets } = await insertApplicants(
      tx,
      cipher,
      roundId,
      round.year,
      round.next_serial,
      [f],
      by.id,
    );
    await touchRound(tx, roundId, by.id);
    const made = await withNames(
      applicantsOf(tx).where('a.round_id', '=', roundId).where('a.ticket', '=', tickets[0]!),
    ).executeTakeFirstOrThrow();
    const row = rowOf(made);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.create',
      entity: 'applicant',
      entityId: String(row.id),
      after: { round: roundId, ...auditView(row) },
      ip: opts.ip ?? null,
    });
    return listItem(row, round.categories);
  });
}

/** Loads an applicant for a write: the round open, the actor its county's bureau, the version current. */
async function lockApplicant(tx: Queryable, actor: Actor, id: number, version: number | undefined) {
  if (!isId(id)) throw new AccessError('notFound', notFound(id));
  const peek = await sqlOf(tx)
    .selectFrom('applicant')
    .select('round_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!peek) throw new AccessError('notFound', notFound(id));
  const round = await lockRoundForEdit(tx, actor, peek.round_id, undefined, {
    needOpen: true,
    kind: 'applicant',
  });
  const row = (await readRow(tx, id, true))!;
  if (version !== undefined && row.version !== version) {
    throw new AccessError(
      'conflict',
      `申请 ${row.ticket}（${row.name_masked}）已被他人修改（当前第 ${row.version} 版，您看到的是第 ${version} 版）：请刷新后在最新内容上修改，您的改动未保存`,
    );
  }
  return { round, row };
}

/**
 * Replaces a child's application (all fields) while the round is open. Audited `applicant.update`
 * with the masked before and after.
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState, invalidData
 */
export function updateApplicant(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  id: number,
  input: ApplicantFields & { version: number },
  opts: { ip?: string | null } = {},
): Promise<ApplicantListItem> {
  return inTransaction(db, async (tx) => {
    if (typeof input?.version !== 'number')
      throw new AccessError('invalidData', '请带上您修改的版本号（version）');
    const { round, row } = await lockApplicant(tx, actor, id, input.version);
    const f = checked(input, await roundContext(tx, row.round_id, round.categories));
    const dup = (await idNumbersOf(tx, cipher, row.round_id)).get(f.idNumber);
    if (dup && dup.id !== row.id)
      throw new AccessError('invalidData', `“身份证号”${duplicateMessage(dup.ticket)}`);
    const cols = sealedColumns(cipher, f);
    const by = await actingUser(tx, actor);
    await sqlOf(tx)
      .updateTable('applicant')
      .set((eb) => ({
        ...cols,
        choices: jsonb(cols.choices),
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    await touchRound(tx, row.round_id, by.id);
    const after = (await readRow(tx, id))!;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.update',
      entity: 'applicant',
      entityId: String(id),
      before: auditView(row),
      after: auditView(after),
      ip: opts.ip ?? null,
    });
    return listItem(after, round.categories);
  });
}

/**
 * Removes a child's application while the round is open. Audited `applicant.delete` (masked).
 * @throws AccessError notFound, notAllowed, conflict, wrongState
 */
export function removeApplicant(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  version: number,
  opts: { ip?: string | null } = {},
): Promise<void> {
  return inTransaction(db, async (tx) => {
    const { row } = await lockApplicant(tx, actor, id, version);
    const by = await actingUser(tx, actor);
    await sqlOf(tx).deleteFrom('applicant').where('id', '=', id).execute();
    await touchRound(tx, row.round_id, by.id);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.delete',
      entity: 'applicant',
      entityId: String(id),
      before: { round: row.round_id, ...auditView(row) },
      ip: opts.ip ?? null,
    });
  });
}
