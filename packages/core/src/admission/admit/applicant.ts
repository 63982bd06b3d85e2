/**
 * @module One application (招生申请) as entered in a form or a row of the Excel template, and its
 * checks. The same checks and Chinese messages serve the form (API), the import (per row and
 * column) and the database layer; `APPLICANT_COLUMNS` names each field as the template's column.
 */
import { checkResidentId, normalizeResidentId, residentIdInfo } from '../../validation/resident-id.js';
import type { AdmissionCategory } from './categories.js';

/** 特殊需要 of a child with a disability (残疾儿童少年 placement). */
export type SpecialNeeds = 'learningInClass' | 'specialSchool' | 'homeTeaching' | 'other';
export const SPECIAL_NEEDS: readonly SpecialNeeds[] = [
  'learningInClass',
  'specialSchool',
  'homeTeaching',
  'other',
];
export const SPECIAL_NEEDS_NAMES: Record<SpecialNeeds, string> = {
  learningInClass: '随班就读',
  specialSchool: '特教学校',
  homeTeaching: '送教上门',
  other: '其他',
};

export type Gender = 'male' | 'female';
export const GENDER_NAMES: Record<Gender, string> = { male: '男', female: '女' };

/** What is entered for one child. */
export interface ApplicantFields {
  name: string;
  /** 公民身份号码, 18 characters. */
  idNumber: string;
  /** Optional: derived from the ID number; when given it must agree. */
  gender?: Gender | null;
  guardianName: string;
  phone: string;
  address?: string | null;
  /** 居住小区/村. */
  areaName?: string | null;
  /** 划片学校 (学校标识码); null = outside every zone. */
  zoneSchoolId: string | null;
  /** A category id of the round. */
  category: string;
  migrantEligible: boolean;
  specialNeeds: SpecialNeeds | null;
  specialNeedsNote?: string | null;
  siblingAtSchool: boolean;
  /** 多胞胎/同户编号. */
  familyKey: string | null;
  /** 志愿学校 (学校标识码), most preferred first, at most 3. */
  choices: string[];
}

/** The template column of each field. */
export const APPLICANT_COLUMNS: Record<keyof ApplicantFields, string> = {
  name: '姓名',
  idNumber: '身份证号',
  gender: '性别',
  guardianName: '监护人',
  phone: '联系电话',
  address: '居住地址',
  areaName: '居住小区/村',
  zoneSchoolId: '划片学校',
  category: '类别',
  migrantEligible: '随迁子女条件是否满足',
  specialNeeds: '特殊需要',
  specialNeedsNote: '特殊需要说明',
  siblingAtSchool: '同校兄弟姐妹',
  familyKey: '多胞胎/同户编号',
  choices: '志愿学校',
};

/** Most 志愿学校 per child. */
export const MAX_CHOICES = 3;

/**
 * How long an application's texts may be, in characters: the checks below, the API's schema
 * (server admission/rounds/schema.ts) and the forms use these numbers, so they cannot disagree.
 */
export const APPLICANT_LIMITS = {
  /** 儿童 and 监护人 names. */
  name: 30,
  address: 100,
  areaName: 50,
  specialNeedsNote: 200,
  familyKey: 30,
  choices: MAX_CHOICES,
} as const;

/** One problem with one field. */
export interface ApplicantIssue {
  field: keyof ApplicantFields;
  message: string;
}

/** What the checks need to know about the round. */
export interface ApplicantContext {
  /** Schools taking part in the round (their 学校标识码). */
  schoolIds: ReadonlySet<string>;
  categories: readonly AdmissionCategory[];
}

const NAME = new RegExp(`^[\\p{Script=Han}A-Za-z·•. ]{1,${APPLICANT_LIMITS.name}}$`, 'u');
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const FAMILY_KEY = new RegExp(`^[\\p{L}\\p{N}_-]{1,${APPLICANT_LIMITS.familyKey}}$`, 'u');

/** The fields as stored: text trimmed (full-width made half-width where it matters), empty → null. */
export function normalizeApplicant(a: ApplicantFields): ApplicantFields {
  const opt = (v: string | null | undefined) => {
    const t = typeof v === 'string' ? v.trim() : '';
    return t === '' ? null : t;
  };
  return {
    name: typeof a.name === 'string' ? a.name.normalize('NFKC').trim().replace(/\s+/g, ' ') : a.name,
    idNumber: typeof a.idNumber === 'string' ? normalizeResidentId(a.idNumber) : a.idNumber,
    gender: a.gender ?? null,
    guardianName:
      typeof a.guardianName === 'string' ? a.guardianName.normalize('NFKC').trim() : a.guardianName,
    phone: typeof a.phone === 'string' ? a.phone.normalize('NFKC').replace(/[\s()（）]/g, '') : a.phone,
    address: opt(a.address),
    areaName: opt(a.areaName),
    zoneSchoolId: opt(a.zoneSchoolId),
    category: typeof a.category === 'string' ? a.category.trim() : a.category,
    migrantEligible: a.migrantEligible,
    specialNeeds: a.specialNeeds ?? null,
    specialNeedsNote: opt(a.specialNeedsNote),
    siblingAtSchool: a.siblingAtSchool,
    familyKey: opt(typeof a.familyKey === 'string' ? a.familyKey.normalize('NFKC') : a.familyKey),
    choices: Array.isArray(a.choices)
      ? a.choices.map((c) => String(c).trim()).filter((c) => c !== '')
      : a.choices,
  };
}

/**
 * Checks a normalised application against the round. Every problem is listed (not just the first),
 * each with its field and a Chinese message that says how to fix it.
 */
export function checkApplicantFields(a: ApplicantFields, ctx: ApplicantContext): ApplicantIssue[] {
  const out: ApplicantIssue[] = [];
  const add = (field: keyof ApplicantFields, message: string) => out.push({ field, message });
  if (typeof a.name !== 'string' || a.name === '') add('name', '不能为空：请填写儿童姓名（与户口簿一致）');
  else if (!NAME.test(a.name))
    add('name', `应为 1—${APPLICANT_LIMITS.name} 个汉字或字母（少数民族姓名可用“·”分隔），不要含数字或符号`);
  const idProblem = checkResidentId(a.idNumber);
  if (idProblem) add('idNumber', idProblem);
  else if (a.gender) {
    const g = residentIdInfo(a.idNumber).gender;
    if (g !== a.gender) {
      add('gender', `与身份证号不符：身份证号第 17 位表示“${GENDER_NAMES[g]}”，请核对性别或身份证号`);
    }
  }
  if (typeof a.guardianName !== 'string' || a.guardianName === '')
    add('guardianName', '不能为空：请填写监护人姓名');
  else if (!NAME.test(a.guardianName))
    add('guardianName', `应为 1—${APPLICANT_LIMITS.name} 个汉字或字母，不要含数字或符号`);
  if (typeof a.phone !== 'string' || a.phone === '') add('phone', '不能为空：请填写监护人的手机号码');
  else if (!MOBILE.test(a.phone) && !LANDLINE.test(a.phone)) {
    add('phone', '应为 11 位手机号码（如 13812345678）或带区号的固定电话（如 0312-1234567）');
  }
  const tooLong = (field: 'address' | 'areaName' | 'specialNeedsNote') => {
    const v = a[field];
    if (v && [...v].length > APPLICANT_LIMITS[field]) add(field, `不能超过 ${APPLICANT_LIMITS[field]} 个字`);
  };
  tooLong('address');
  tooLong('areaName');
  if (a.zoneSchoolId !== null && !ctx.schoolIds.has(a.zoneSchoolId)) {
    add(
      'zoneSchoolId',
      '不是本轮招生的学校：请填写本轮招生计划中的学校标识码或学校名称；不在任何片区的请留空',
    );
  }
  if (!ctx.categories.some((c) => c.id === a.category)) {
    add('category', `不是本轮的招生类别：应为 ${ctx.categories.map((c) => c.name).join('、')} 之一`);
  }
  if (typeof a.migrantEligible !== 'boolean') add('migrantEligible', '应为“是”或“否”');
  else if (a.migrantEligible && !ctx.categories.some((c) => c.id === a.category && c.migrantGuarantee)) {
    const names = ctx.categories.filter((c) => c.migrantGuarantee).map((c) => c.name);
    add(
      'migrantEligible',
      names.length > 0
        ? `只有类别为“${names.join('、')}”的儿童才填“是”：请核对类别，或改为“否”`
        : '本轮没有享受随迁子女保障的类别：请改为“否”',
    );
  }
  if (a.specialNeeds !== null && !SPECIAL_NEEDS.includes(a.specialNeeds)) {
    add('specialNeeds', `应为 ${SPECIAL_NEEDS.map((s) => SPECIAL_NEEDS_NAMES[s]).join('、')} 之一，或留空`);
  }
  tooLong('specialNeedsNote');
  if (typeof a.siblingAtSchool !== 'boolean') add('siblingAtSchool', '应为“是”或“否”');
  if (a.familyKey !== null && !FAMILY_KEY.test(a.familyKey)) {
    add(
      'familyKey',
      `应为 1—${APPLICANT_LIMITS.familyKey} 个字母、数字或汉字（同一家庭一起报名的多胞胎、兄弟姐妹填同一个编号）`,
    );
  }
  if (!Array.isArray(a.choices)) add('choices', '应为学校列表');
  else {
    if (a.choices.length > MAX_CHOICES) add('choices', `最多填报 ${MAX_CHOICES} 个志愿学校`);
    const seen = new Set<string>();
    for (const c of a.choices) {
      if (!ctx.schoolIds.has(c)) add('choices', `“${c}”不是本轮招生的学校：请填写本轮招生计划中的学校`);
      else if (seen.has(c)) add('choices', `学校“${c}”填报了两次：每个志愿学校只填一次`);
      seen.add(c);
    }
  }
  return out;
}
