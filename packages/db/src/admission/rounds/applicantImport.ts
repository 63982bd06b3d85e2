/**
 * @module Importing children into an open round, all or nothing: every row checked (fields,
 * duplicate ID numbers in the file and in the round) and nothing written unless all pass.
 */
import {
  type Actor,
  APPLICANT_COLUMNS,
  type ApplicantFields,
  checkApplicantFields,
  maskIdNumber,
  normalizeApplicant,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { actingUser, inTransaction } from '../../platform/queryKit.js';
import { duplicateMessage, idNumbersOf, roundContext } from './applicantChecks.js';
import { insertApplicants } from './applicantCommands.js';
import type { ApplicantImportRow, ApplicantRowError } from './applicantTypes.js';
import { lockRoundForEdit, touchRound } from './roundAccess.js';

/**
 * Every row's problems, located as the template shows them: core's field checks, an ID number
 * already in the round, and one that appears twice in the file (the later row named).
 */
function checkRows(
  rows: ApplicantImportRow[],
  ctx: Awaited<ReturnType<typeof roundContext>>,
  existing: Awaited<ReturnType<typeof idNumbersOf>>,
): { good: ApplicantFields[]; errors: ApplicantRowError[] } {
  const errors: ApplicantRowError[] = [];
  const inFile = new Map<string, number>();
  const good: ApplicantFields[] = [];
  for (const { rowNo, fields } of rows) {
    const f = normalizeApplicant(fields);
    for (const i of checkApplicantFields(f, ctx)) {
      errors.push({
        row: rowNo,
        column: APPLICANT_COLUMNS[i.field],
        value: typedValue(f, i.field),
        message: i.message,
      });
    }
    if (typeof f.idNumber === 'string' && f.idNumber !== '') {
      const masked = maskIdNumber(f.idNumber);
      const dup = existing.get(f.idNumber);
      if (dup) {
        errors.push({
          row: rowNo,
          column: '身份证号',
          value: masked,
          message: duplicateMessage(dup.ticket),
        });
      }
      const first = inFile.get(f.idNumber);
      if (first !== undefined) {
        errors.push({
          row: rowNo,
          column: '身份证号',
          value: masked,
          message: `与第 ${first} 行的身份证号相同：同一儿童只能填一行，请删除重复的行`,
        });
      } else inFile.set(f.idNumber, rowNo);
    }
    good.push(f);
  }
  return { good, errors };
}

/**
 * Imports children into an open round, all or nothing: every row is checked (fields, duplicate ID
 * numbers in the file and in the round, families within the file) and nothing is written unless
 * all rows pass. One audit event `applicant.import` (file, rows, tickets).
 * @throws AccessError invalidData with `details` = every ApplicantRowError; notFound, notAllowed,
 *   wrongState
 */
export function importApplicants(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  roundId: number,
  rows: ApplicantImportRow[],
  opts: { ip?: string | null; file?: string } = {},
): Promise<{ created: number; firstTicket: string | null; lastTicket: string | null }> {
  return inTransaction(db, async (tx) => {
    const round = await lockRoundForEdit(tx, actor, roundId, undefined, {
      needOpen: true,
      kind: 'applicant',
      action: 'import',
    });
    if (!Array.isArray(rows) || rows.length === 0) {
      throw new AccessError('invalidData', '文件中没有申请人：请在模板的“申请人”工作表中从第 2 行起填写');
    }
    const ctx = await roundContext(tx, roundId, round.categories);
    const existing = await idNumbersOf(tx, cipher, roundId);
    const { good, errors } = checkRows(rows, ctx, existing);
    if (errors.length > 0) {
      throw new AccessError(
        'invalidData',
        `导入文件有 ${errors.length} 处错误，未导入任何申请人：请按列表逐条修改后重新导入`,
        errors,
      );
    }
    const by = await actingUser(tx, actor);
    const { tickets } = await insertApplicants(
      tx,
      cipher,
      roundId,
      round.year,
      round.next_serial,
      good,
      by.id,
    );
    await touchRound(tx, roundId, by.id);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.import',
      entity: 'admission_round',
      entityId: String(roundId),
      after: {
        file: opts.file ?? null,
        rows: good.length,
        firstTicket: tickets[0],
        lastTicket: tickets.at(-1),
      },
      ip: opts.ip ?? null,
    });
    return { created: good.length, firstTicket: tickets[0] ?? null, lastTicket: tickets.at(-1) ?? null };
  });
}

/** The value to show with an error, as it was typed. */
function typedValue(f: ApplicantFields, field: keyof ApplicantFields): unknown {
  return f[field] ?? undefined;
}
