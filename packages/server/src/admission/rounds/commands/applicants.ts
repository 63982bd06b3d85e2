/**
 * @module Adding, changing and removing one child of an open round. Every change raises the round's
 * version (a commit names the list it was shown) and is audited with masked values only.
 */
import {
  type ApplicantContext,
  type ApplicantFields,
  checkedApplicant,
  checkIdNumberFree,
  Refusal,
} from '@junheng/core';
import {
  type ApplicantRow,
  applicantByTicket,
  deleteApplicantRow,
  insertApplicants,
  inTransaction,
  type PersonalCipher,
  type Queryable,
  type RoundRow,
  readApplicantRow,
  roundIdNumbers,
  roundSchoolIds,
  touchRound,
  updateApplicantRow,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { type ApplicantListItem, presentApplicant } from '../present.js';
import { lockApplicant, lockRoundForEdit } from './access.js';

/** The most serials a round has: tickets run to `<year>-999999`. */
const MAX_SERIAL = 999999;

/** The personal-data cipher every command on applicants needs. */
export function cipherOf(ctx: CommandContext): PersonalCipher {
  if (!ctx.personal) throw new Error('commands on applicants need the personal-data cipher');
  return ctx.personal;
}

/** The round's school ids and categories, for the field checks. */
export async function roundContext(tx: Queryable, round: RoundRow): Promise<ApplicantContext> {
  return { schoolIds: await roundSchoolIds(tx, round.id), categories: round.categories };
}

/** New applicants' tickets as long as the round's serials last. @throws Refusal invalidRequest */
export function checkSerials(round: RoundRow, count: number): void {
  if (round.next_serial + count > MAX_SERIAL + 1)
    throw new Refusal('invalidRequest', 'rounds.ticketsExhausted');
}

/** The masked view of an application, for audit events (never a clear name or number). */
function audited(r: ApplicantRow) {
  return {
    ticket: r.ticket,
    name: r.name_masked,
    idNumber: r.id_number_masked,
    zoneSchoolId: r.zone_school_id,
    category: r.category,
    migrantEligible: r.migrant_eligible,
    specialNeeds: r.special_needs,
    siblingAtSchool: r.sibling_at_school,
    familyKey: r.family_key,
    choices: r.choices,
  };
}

/**
 * Adds a child to an open round (ticket and 核验码 assigned), raising the round's version. Audited
 * `applicant.create` (masked).
 * @throws Refusal notFound, notAllowed, wrongState (frozen), invalidRequest (every field problem;
 *   duplicate ID number)
 */
export function addApplicant(
  ctx: CommandContext,
  props: { roundId: number; fields: ApplicantFields },
): Promise<ApplicantListItem> {
  const cipher = cipherOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const round = await lockRoundForEdit(tx, ctx.actor, props.roundId, undefined, {
      needOpen: true,
      kind: 'applicant',
    });
    const f = checkedApplicant(props.fields, await roundContext(tx, round));
    checkIdNumberFree(f.idNumber, await roundIdNumbers(tx, cipher, round.id));
    const by = await actingUser(tx, ctx.actor);
    checkSerials(round, 1);
    const [ticket] = await insertApplicants(
      tx,
      cipher,
      { id: round.id, year: round.year, nextSerial: round.next_serial },
      [f],
      by.id,
    );
    await touchRound(tx, round.id, by.id);
    const row = await applicantByTicket(tx, round.id, ticket!);
    await recordChange(
      tx,
      ctx,
      {
        action: 'applicant.create',
        entity: 'applicant',
        entityId: row.id,
        after: { round: round.id, ...audited(row) },
      },
      by,
    );
    return presentApplicant(row, round.categories);
  });
}

/**
 * Replaces a child's application (all fields) while the round is open. Audited `applicant.update`
 * with the masked before and after.
 * @throws Refusal notFound, notAllowed, conflict (stale version), wrongState, invalidRequest
 */
export function updateApplicant(
  ctx: CommandContext,
  props: { id: number; fields: ApplicantFields & { version: number } },
): Promise<ApplicantListItem> {
  const cipher = cipherOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const input = props.fields;
    if (typeof input?.version !== 'number') throw new Refusal('invalidRequest', 'rounds.versionMissing');
    const { round, row } = await lockApplicant(tx, ctx.actor, props.id, input.version);
    const f = checkedApplicant(input, await roundContext(tx, round));
    checkIdNumberFree(f.idNumber, await roundIdNumbers(tx, cipher, row.round_id), row.id);
    const by = await actingUser(tx, ctx.actor);
    await updateApplicantRow(tx, cipher, row.id, f, by.id);
    await touchRound(tx, row.round_id, by.id);
    const after = (await readApplicantRow(tx, row.id))!;
    await recordChange(
      tx,
      ctx,
      {
        action: 'applicant.update',
        entity: 'applicant',
        entityId: row.id,
        before: audited(row),
        after: audited(after),
      },
      by,
    );
    return presentApplicant(after, round.categories);
  });
}

/**
 * Removes a child's application while the round is open. Audited `applicant.delete` (masked).
 * @throws Refusal notFound, notAllowed, conflict, wrongState
 */
export function removeApplicant(ctx: CommandContext, props: { id: number; version: number }): Promise<void> {
  return inTransaction(ctx.db, async (tx) => {
    const { row } = await lockApplicant(tx, ctx.actor, props.id, props.version);
    const by = await actingUser(tx, ctx.actor);
    await deleteApplicantRow(tx, row.id);
    await touchRound(tx, row.round_id, by.id);
    await recordChange(
      tx,
      ctx,
      {
        action: 'applicant.delete',
        entity: 'applicant',
        entityId: row.id,
        before: { round: row.round_id, ...audited(row) },
      },
      by,
    );
  });
}
