/**
 * @module The school answers: a school of the list and one school with the Chinese names of its
 * type and 城乡类型 and its 学段, a register entry after a change, and a school's own lines of the
 * county's evaluation and its plan (一校一策) — nothing of other schools leaves the server.
 */
import {
  type EvaluationResult,
  LOCALITY_NAMES,
  SCHOOL_TYPE_NAMES,
  STATUS_NAMES,
  schoolStages,
} from '@junheng/core';
import type { RegisterEntry, SchoolListRow, SchoolRow, SchoolYearRecords } from '@junheng/db';

/** A school of the list, with the names of its type and 城乡类型 and its 学段. */
export function presentSchoolListItem(r: SchoolListRow) {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    typeName: SCHOOL_TYPE_NAMES[r.type],
    locality: r.locality,
    localityName: LOCALITY_NAMES[r.locality],
    regionCode: r.regionCode,
    countyCode: r.countyCode,
    status: r.status,
    stages: schoolStages(r.type),
    students: r.students,
    reports: r.reports,
  };
}

/** One school with its figures and reports of the year asked for and its status history. */
export function presentSchoolDetail(s: SchoolRow, records: SchoolYearRecords, year: number) {
  return {
    id: s.id,
    name: s.name,
    type: s.type,
    typeName: SCHOOL_TYPE_NAMES[s.type],
    locality: s.locality,
    localityName: LOCALITY_NAMES[s.locality],
    regionCode: s.regionCode,
    regionName: s.regionName,
    countyCode: s.countyCode,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    status: s.status,
    mergedInto: s.mergedInto,
    firstYear: s.firstYear,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    stages: schoolStages(s.type),
    year,
    info: records.info,
    reports: records.reports,
    statusHistory: records.statusHistory,
  };
}

export type SchoolDetail = ReturnType<typeof presentSchoolDetail>;

/** The register entry after a change (without its county). */
export function presentRegisterEntry(entry: RegisterEntry) {
  const { county_code: _county, ...result } = entry;
  return result;
}

/** The school's own lines of the county's result: nothing of other schools leaves the server. */
export function schoolLines(result: EvaluationResult, id: string) {
  const quality = (result.quality?.schools ?? []).filter((s) => s.schoolId === id);
  const standards = [
    ['basic', result.basic?.stages ?? []],
    ['quality', result.quality?.stages ?? []],
  ] as const;
  const coefficients = standards.flatMap(([standard, stages]) =>
    stages.flatMap((st) =>
      st.coefficients.map((c) => ({
        standard,
        stage: c.stage,
        indicator: c.indicator,
        name: c.name,
        unit: c.unit,
        value: c.schools.find((s) => s.id === id)?.value ?? null,
        countyMean: c.mean,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      })),
    ),
  );
  const excluded = result.excluded.filter((e) => e.schoolId === id);
  const issues = result.issues.filter((i) => i.schoolId === id);
  return { quality, coefficients: coefficients.filter((c) => c.value !== null), excluded, issues };
}

/** A school against the standards on the county's data as it is now (GET /schools/:id/evaluation). */
export function presentSchoolEvaluation(result: EvaluationResult, id: string, year: number) {
  return {
    source: 'live' as const,
    schoolId: id,
    year,
    ...schoolLines(result, id),
    statusNames: STATUS_NAMES,
  };
}

/** The plan of each 学段 (or the one asked for): what is missing and its estimated cost. */
export function planStages(result: EvaluationResult, id: string, stage: string | undefined) {
  return schoolLines(result, id)
    .quality.filter((c) => !stage || c.stage === stage)
    .map((c) => ({
      stage: c.stage,
      status: c.status,
      statusName: STATUS_NAMES[c.status],
      reason: c.reason,
      metCount: c.metCount,
      indicators: c.indicators,
      plan: c.plan,
      estimatedCost: c.plan.reduce((sum, p) => sum + p.estimatedCost, 0),
    }));
}
