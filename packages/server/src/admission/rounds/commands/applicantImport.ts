/**
 * @module Importing children into an open round, all or nothing: every row checked (fields,
 * duplicate ID numbers in the file and in the round) and nothing written unless all pass; and the
 * filled-in template as uploaded (read with the round's schools and categories, refused row by row
 * as 422 importInvalid).
 */
import { type ApplicantImportRow, type ApplicantRowError, importRowProblems, Refusal } from '@junheng/core';
import { insertApplicants, inTransaction, roundIdNumbers, touchRound } from '@junheng/db';
import { APPLICANT_SHEET, readApplicantWorkbook } from '@junheng/io';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { importInvalid } from '../../../platform/upload.js';
import type { RoundDetail } from '../present.js';
import { lockRoundForEdit } from './access.js';
import { checkSerials, cipherOf, roundContext } from './applicants.js';
import { getRound } from './roundReads.js';

/** What an import made: how many children, and the first and last of their tickets. */
export interface ImportedApplicants {
  created: number;
  firstTicket: string | null;
  lastTicket: string | null;
}

/**
 * Imports children into an open round, all or nothing: every row is checked (fields, duplicate ID
 * numbers in the file and in the round, families within the file) and nothing is written unless
 * all rows pass. One audit event `applicant.import` (file, rows, tickets).
 * @throws Refusal invalidRequest with `details` = every ApplicantRowError; notFound, notAllowed,
 *   wrongState
 */
export function importApplicants(
  ctx: CommandContext,
  props: { roundId: number; rows: ApplicantImportRow[]; file?: string },
): Promise<ImportedApplicants> {
  const cipher = cipherOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const round = await lockRoundForEdit(tx, ctx.actor, props.roundId, undefined, {
      needOpen: true,
      kind: 'applicant',
      action: 'import',
    });
    const rows = props.rows;
    if (!Array.isArray(rows) || rows.length === 0) throw new Refusal('invalidRequest', 'rounds.importEmpty');
    const checks = await roundContext(tx, round);
    const { good, errors } = importRowProblems(rows, checks, await roundIdNumbers(tx, cipher, round.id));
    if (errors.length > 0) {
      throw new Refusal(
        'invalidRequest',
        'rounds.importErrors',
        { count: errors.length },
        { details: errors },
      );
    }
    const by = await actingUser(tx, ctx.actor);
    checkSerials(round, good.length);
    const tickets = await insertApplicants(
      tx,
      cipher,
      { id: round.id, year: round.year, nextSerial: round.next_serial },
      good,
      by.id,
    );
    await touchRound(tx, round.id, by.id);
    await recordChange(
      tx,
      ctx,
      {
        action: 'applicant.import',
        entity: 'admission_round',
        entityId: round.id,
        after: {
          file: props.file ?? null,
          rows: good.length,
          firstTicket: tickets[0],
          lastTicket: tickets.at(-1),
        },
      },
      by,
    );
    return { created: good.length, firstTicket: tickets[0] ?? null, lastTicket: tickets.at(-1) ?? null };
  });
}

/**
 * A round the actor may import into (the county bureau's), for its template and its import.
 * @throws Refusal notFound, notAllowed
 */
export async function roundForImport(ctx: CommandContext, props: { id: number }): Promise<RoundDetail> {
  const round = await getRound(ctx, props);
  if (!round.canEdit) throw new Refusal('notAllowed', 'rounds.importOnlyBureau');
  return round;
}

/**
 * The uploaded template read and imported into the round: the reader's errors, and the rows the
 * checks refuse (an ID number twice, in the file or in the round), as one list of row errors (422).
 * @param props.upload the uploaded file, taken only once the actor may import (a refused user
 *   learns nothing of the file)
 * @throws ApiError 422 importInvalid; Refusal notFound, notAllowed, wrongState
 */
export async function importApplicantFile(
  ctx: CommandContext,
  props: { roundId: number; upload: () => { bytes: Uint8Array; name: string } },
): Promise<ImportedApplicants & { file: string }> {
  const round = await roundForImport(ctx, { id: props.roundId });
  const { bytes, name } = props.upload();
  const read = await readApplicantWorkbook(bytes, name, {
    title: round.title,
    categories: round.categories,
    schools: round.schools.map((s) => ({ id: s.schoolId, name: s.schoolName })),
  });
  if (read.errors.length > 0) throw importInvalid(read.errors, name, '申请人');
  try {
    return {
      file: name,
      ...(await importApplicants(ctx, { roundId: round.id, rows: read.rows, file: name })),
    };
  } catch (err) {
    if (err instanceof Refusal && err.code === 'invalidRequest' && Array.isArray(err.details)) {
      throw importInvalid(
        (err.details as ApplicantRowError[]).map((e) => ({ file: name, sheet: APPLICANT_SHEET, ...e })),
        name,
        '申请人',
      );
    }
    throw err;
  }
}
