/**
 * @module The checks of an application against its round: core's field checks with the round's
 * schools and categories, and a duplicate ID number in the round (found by opening the sealed
 * numbers: randomised ciphertext, so no SQL equality can find them). Shared by the single-child
 * commands and the import.
 */
import {
  type AdmissionCategory,
  APPLICANT_COLUMNS,
  type ApplicantFields,
  checkApplicantFields,
  normalizeApplicant,
} from '@junheng/core';
import { AccessError } from '../../platform/access.js';
import type { Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';

/** The round's school ids and categories, for the field checks. */
export async function roundContext(tx: Queryable, roundId: number, categories: AdmissionCategory[]) {
  const rows = await sqlOf(tx)
    .selectFrom('admission_round_school')
    .select('school_id')
    .where('round_id', '=', roundId)
    .execute();
  return { schoolIds: new Set(rows.map((r) => r.school_id)), categories };
}

/** Checked and normalised fields, or AccessError invalidData listing every problem. */
export function checked(
  fields: ApplicantFields,
  ctx: Parameters<typeof checkApplicantFields>[1],
): ApplicantFields {
  if (!fields || typeof fields !== 'object') throw new AccessError('invalidData', '申请信息应为对象');
  const f = normalizeApplicant(fields);
  const issues = checkApplicantFields(f, ctx);
  if (issues.length > 0) {
    throw new AccessError(
      'invalidData',
      issues.map((i) => `“${APPLICANT_COLUMNS[i.field]}”${i.message}`).join('；'),
      issues.map((i) => ({ column: APPLICANT_COLUMNS[i.field], message: i.message })),
    );
  }
  return f;
}

/** Opened ID numbers of a round's applicants (for duplicate checks): number → {id, ticket}. */
export async function idNumbersOf(tx: Queryable, cipher: PersonalCipher, roundId: number) {
  const rows = await sqlOf(tx)
    .selectFrom('applicant')
    .select(['id', 'ticket', 'id_number_sealed'])
    .where('round_id', '=', roundId)
    .execute();
  const out = new Map<string, { id: number; ticket: string }>();
  for (const r of rows) out.set(cipher.open(r.id_number_sealed), { id: r.id, ticket: r.ticket });
  return out;
}

export function duplicateMessage(ticket: string): string {
  return `本轮已有该身份证号的申请（申请编号 ${ticket}）：同一儿童只能申请一次，请核对身份证号，或修改已有的申请`;
}
