/**
 * @module 指标到校 as the bureau submits it: the form's parameters checked (every refusal a
 * catalogue message, quota.*), and core's allocation of checked parameters over the schools as the
 * register has them (name and 乡村 from school.locality, never from the request). No database: the
 * server's commands resolve the schools against the register first.
 */
import type { MessageKey } from '../../messages/catalogue.js';
import type { MessageParams } from '../../messages/format.js';
import { Refusal } from '../../messages/refusal.js';
import { allocateQuota } from './allocate.js';
import { QUOTA_SHARE_2017 } from './share.js';
import type { QuotaAllocation, QuotaSchool } from './types.js';

/** One school as the bureau submits it: which school and its (confirmed) graduates. */
export interface QuotaSchoolInput {
  schoolId: string;
  /** Ignored: the register's name is used. */
  name?: string;
  graduates: number;
}

/** One school of a saved allocation's inputs: name and 乡村 from the register. */
export interface QuotaInputSchool {
  schoolId: string;
  name: string;
  graduates: number;
  rural: boolean;
}

/** The allocation's parameters as submitted. */
export interface QuotaParams {
  highSchoolName: string;
  /** 招生计划总数. */
  places: number;
  /** 指标到校比例 (0–1), at least QUOTA_SHARE_2017.minShare. */
  share: number;
  /** 乡村学校倾斜系数 (≥ 1). */
  ruralTilt: number;
  /** 每校最低名额. */
  minimum: number;
  schools: QuotaSchoolInput[];
}

function invalid(key: MessageKey, params?: MessageParams): never {
  throw new Refusal('invalidRequest', key, params);
}

/** A school year as the quota takes it. @throws Refusal invalidRequest */
export function checkQuotaYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) invalid('quota.year', { year: String(year) });
  return year;
}

function checkSchoolInputs(schools: readonly QuotaSchoolInput[]): void {
  if (!Array.isArray(schools) || schools.length === 0) invalid('quota.noSchools');
  const seen = new Set<string>();
  schools.forEach((s, i) => {
    const at = { n: i + 1, name: s?.name ?? s?.schoolId ?? '' };
    if (typeof s?.schoolId !== 'string' || s.schoolId.trim() === '') invalid('quota.schoolIdMissing', at);
    if (seen.has(s.schoolId)) invalid('quota.schoolTwice', { schoolId: s.schoolId });
    seen.add(s.schoolId);
    if (!Number.isSafeInteger(s.graduates) || s.graduates < 0 || s.graduates > 100_000)
      invalid('quota.graduates', { ...at, graduates: String(s.graduates) });
  });
}

/**
 * Checks the form (not yet the schools against the register).
 * @throws Refusal invalidRequest naming the first problem
 */
export function checkQuotaParams(input: QuotaParams): void {
  const name = typeof input.highSchoolName === 'string' ? input.highSchoolName.trim() : '';
  if (name === '' || [...name].length > 100) invalid('quota.highSchoolName');
  if (!Number.isSafeInteger(input.places) || input.places < 0 || input.places > 100_000)
    invalid('quota.places', { places: String(input.places) });
  if (!(typeof input.share === 'number' && input.share >= QUOTA_SHARE_2017.minShare && input.share <= 1))
    invalid('quota.share', {
      min: `${QUOTA_SHARE_2017.minShare * 100}%`,
      max: '100%',
      document: QUOTA_SHARE_2017.document,
      share: String(input.share),
    });
  if (
    !(
      typeof input.ruralTilt === 'number' &&
      Number.isFinite(input.ruralTilt) &&
      input.ruralTilt >= 1 &&
      input.ruralTilt <= 5
    )
  )
    invalid('quota.ruralTilt', { ruralTilt: String(input.ruralTilt) });
  if (!Number.isSafeInteger(input.minimum) || input.minimum < 0 || input.minimum > 1000)
    invalid('quota.minimum', { minimum: String(input.minimum) });
  checkSchoolInputs(input.schools);
}

/**
 * Core's allocation of checked parameters over the register-resolved schools (in the order
 * submitted), the rows named as the register names them.
 * @throws Refusal invalidRequest when the guarantees exceed the places (allocateQuota's reason)
 */
export function allocateQuotaParams(
  input: QuotaParams,
  resolved: readonly QuotaInputSchool[],
): QuotaAllocation {
  const schools: QuotaSchool[] = resolved.map((s) => ({
    id: s.schoolId,
    name: s.name,
    graduates: s.graduates,
    rural: s.rural,
  }));
  let result: QuotaAllocation;
  try {
    result = allocateQuota(schools, {
      plan: input.places,
      share: input.share,
      ruralWeight: input.ruralTilt,
      minimum: input.minimum,
    });
  } catch (e) {
    if (e instanceof RangeError) invalid('quota.cannotAllocate', { reason: e.message });
    throw e;
  }
  result.rows.forEach((r, i) => {
    r.name = resolved[i]!.name;
  });
  return result;
}
