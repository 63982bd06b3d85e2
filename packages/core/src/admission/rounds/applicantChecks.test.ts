import { describe, expect, it } from 'vitest';
import { Refusal } from '../../messages/refusal.js';
import { residentIdCheckChar } from '../../validation/index.js';
import type { ApplicantFields } from '../admit/applicant.js';
import { DEFAULT_ADMISSION_CATEGORIES } from '../admit/categories.js';
import {
  checkApplicantStatus,
  checkedApplicant,
  checkIdNumberFree,
  importRowProblems,
} from './applicantChecks.js';

const ctx = { schoolIds: new Set(['S1']), categories: DEFAULT_ADMISSION_CATEGORIES };

function idNumber(seq: number): string {
  const body = `13066020190315${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

const fields = (seq: number, more: Partial<ApplicantFields> = {}): ApplicantFields => ({
  name: '张小明',
  idNumber: idNumber(seq),
  guardianName: '张建国',
  phone: '13812345678',
  zoneSchoolId: 'S1',
  category: 'hukou',
  migrantEligible: false,
  specialNeeds: null,
  siblingAtSchool: false,
  familyKey: null,
  choices: [],
  ...more,
});

function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('an application checked against its round', () => {
  it('names every field problem, with the columns in the details', () => {
    expect(checkedApplicant(fields(1), ctx).idNumber).toBe(idNumber(1));
    const r = refusal(() => checkedApplicant(fields(1, { phone: '12345', category: 'vip' }), ctx));
    expect(r.code).toBe('invalidRequest');
    expect(r.message).toContain('“联系电话”应为 11 位手机号码');
    expect(r.message).toContain('“类别”不是本轮的招生类别');
    expect((r.details as { column: string }[]).map((d) => d.column)).toEqual(['联系电话', '类别']);
  });

  it('refuses an ID number the round has, except the child itself', () => {
    const existing = new Map([[idNumber(1), { id: 7, ticket: '2026-000001' }]]);
    expect(() => checkIdNumberFree(idNumber(1), existing, 7)).not.toThrow();
    expect(refusal(() => checkIdNumberFree(idNumber(1), existing)).message).toBe(
      '“身份证号”本轮已有该身份证号的申请（申请编号 2026-000001）：同一儿童只能申请一次，请核对身份证号，或修改已有的申请',
    );
  });

  it('lists an import row by row: in the round, twice in the file', () => {
    const existing = new Map([[idNumber(1), { id: 7, ticket: '2026-000001' }]]);
    const { good, errors } = importRowProblems(
      [
        { rowNo: 2, fields: fields(1) },
        { rowNo: 3, fields: fields(2) },
        { rowNo: 4, fields: fields(2) },
      ],
      ctx,
      existing,
    );
    expect(good).toHaveLength(3);
    expect(errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '身份证号', expect.stringContaining('申请编号 2026-000001')],
      [4, '身份证号', '与第 3 行的身份证号相同：同一儿童只能填一行，请删除重复的行'],
    ]);
  });

  it('knows the list statuses', () => {
    expect(checkApplicantStatus('pending')).toBe('pending');
    expect(refusal(() => checkApplicantStatus('gone' as 'pending')).message).toBe(
      '状态只能是 unplaced、placed、pending、migrant 或 special，收到 gone',
    );
  });
});
