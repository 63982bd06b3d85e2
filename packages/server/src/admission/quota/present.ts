/**
 * @module 指标到校 answers: a junior school as the quota page starts from (graduates estimated from
 * 初中在校生数 ÷ 3), a saved allocation as listed and in full (a result saved before schools were
 * capped at their graduates completed).
 */
import type { QuotaAllocation, QuotaInputSchool } from '@junheng/core';
import type { JuniorSchoolRow, QuotaRow } from '@junheng/db';

/** A junior school as the quota page starts from. */
export interface QuotaSchoolRow {
  schoolId: string;
  name: string;
  rural: boolean;
  /** 初中在校生数 of the report used (null when not reported). */
  juniorStudents: number | null;
  /** The school year of that report. */
  reportYear: number | null;
  /** Graduates: round(juniorStudents ÷ 3), an estimate for the bureau to confirm. */
  graduates: number;
  estimated: true;
}

export interface QuotaAllocationSummary {
  id: number;
  countyCode: string;
  year: number;
  highSchoolName: string;
  places: number;
  share: number;
  ruralTilt: number;
  minimum: number;
  /** Places allocated to the junior schools. */
  allocated: number;
  schools: number;
  version: number;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface QuotaAllocationView extends QuotaAllocationSummary {
  inputs: QuotaInputSchool[];
  result: QuotaAllocation;
}

/** 乡村 is the register's 城乡类型; graduates ≈ 初中在校生数 ÷ 3, for the bureau to confirm. */
export function presentQuotaSchool(r: JuniorSchoolRow): QuotaSchoolRow {
  return {
    schoolId: r.id,
    name: r.name,
    rural: r.locality === 'rural',
    juniorStudents: r.students,
    reportYear: r.report_year,
    graduates: r.students === null ? 0 : Math.round(r.students / 3),
    estimated: true,
  };
}

export function presentQuotaSummary(r: QuotaRow): QuotaAllocationSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    year: r.year,
    highSchoolName: r.high_school_name,
    places: r.places,
    share: r.allocated_share,
    ruralTilt: r.rural_tilt,
    minimum: r.minimum,
    allocated: r.result.places,
    schools: r.inputs.length,
    version: r.version,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
  };
}

export function presentQuota(r: QuotaRow): QuotaAllocationView {
  return { ...presentQuotaSummary(r), inputs: r.inputs, result: withCaps(r.result) };
}

/**
 * A result saved before schools were capped at their graduates has no `unplaced` or `heldAtCap`:
 * nothing was capped then, and any places beyond the graduates went to the schools.
 */
function withCaps(result: QuotaAllocation): QuotaAllocation {
  return {
    ...result,
    unplaced: result.unplaced ?? 0,
    rows: result.rows.map((row) => ({ ...row, heldAtCap: row.heldAtCap ?? false })),
  };
}
