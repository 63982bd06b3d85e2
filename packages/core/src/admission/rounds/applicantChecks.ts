/**
 * @module An application checked against its round: core's field checks with the round's schools
 * and categories (every problem named), a duplicate ID number in the round or in an import file,
 * and the list's status filter — each refused with a catalogue message (rounds.*). The ID numbers
 * already in the round are the caller's (opened from the sealed column: no SQL equality finds them).
 */
import { message } from '../../messages/catalogue.js';
import { Refusal } from '../../messages/refusal.js';
import { maskIdNumber } from '../../privacy/mask.js';
import {
  APPLICANT_COLUMNS,
  type ApplicantContext,
  type ApplicantFields,
  checkApplicantFields,
  normalizeApplicant,
} from '../admit/applicant.js';

/** One row of an import: its row number and fields. */
export interface ApplicantImportRow {
  rowNo: number;
  fields: ApplicantFields;
}

/** A problem of an import row, located as the template shows it. */
export interface ApplicantRowError {
  row?: number;
  column?: string;
  value?: unknown;
  message: string;
}

/** unplaced: no placement yet; placed; pending: 待统筹安排; migrant: 随迁子女 meeting the conditions; special: 特殊需要. */
export type ApplicantStatus = 'unplaced' | 'placed' | 'pending' | 'migrant' | 'special';

export const APPLICANT_STATUSES: readonly ApplicantStatus[] = [
  'unplaced',
  'placed',
  'pending',
  'migrant',
  'special',
];

/** The ID numbers of a round's applicants: number → the applicant's id and ticket. */
export type RoundIdNumbers = ReadonlyMap<string, { id: number; ticket: string }>;

/**
 * Checked and normalised fields.
 * @throws Refusal invalidRequest listing every problem (details: column and message of each)
 */
export function checkedApplicant(fields: ApplicantFields, ctx: ApplicantContext): ApplicantFields {
  if (!fields || typeof fields !== 'object') throw new Refusal('invalidRequest', 'rounds.fieldsNotObject');
  const f = normalizeApplicant(fields);
  const issues = checkApplicantFields(f, ctx);
  if (issues.length > 0) {
    throw new Refusal(
      'invalidRequest',
      'rounds.fieldProblems',
      { problems: issues.map((i) => `“${APPLICANT_COLUMNS[i.field]}”${i.message}`).join('；') },
      { details: issues.map((i) => ({ column: APPLICANT_COLUMNS[i.field], message: i.message })) },
    );
  }
  return f;
}

/**
 * A child's ID number must not be in the round already (except as the child itself, `self`).
 * @throws Refusal invalidRequest naming the application that has it
 */
export function checkIdNumberFree(idNumber: string, existing: RoundIdNumbers, self?: number): void {
  const dup = existing.get(idNumber);
  if (dup && dup.id !== self) {
    throw new Refusal('invalidRequest', 'rounds.duplicateIdNumberField', { ticket: dup.ticket });
  }
}

/**
 * Every row's problems, located as the template shows them: core's field checks, an ID number
 * already in the round, and one that appears twice in the file (the later row named).
 */
export function importRowProblems(
  rows: readonly ApplicantImportRow[],
  ctx: ApplicantContext,
  existing: RoundIdNumbers,
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
        value: f[i.field] ?? undefined,
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
          message: message('rounds.duplicateIdNumber', { ticket: dup.ticket }),
        });
      }
      const first = inFile.get(f.idNumber);
      if (first !== undefined) {
        errors.push({
          row: rowNo,
          column: '身份证号',
          value: masked,
          message: message('rounds.duplicateInFile', { row: first }),
        });
      } else inFile.set(f.idNumber, rowNo);
    }
    good.push(f);
  }
  return { good, errors };
}

/** The list's status filter. @throws Refusal invalidRequest for an unknown status */
export function checkApplicantStatus(status: ApplicantStatus | undefined): ApplicantStatus | undefined {
  if (status !== undefined && !APPLICANT_STATUSES.includes(status)) {
    throw new Refusal('invalidRequest', 'rounds.statusFilter', { status: String(status) });
  }
  return status;
}
