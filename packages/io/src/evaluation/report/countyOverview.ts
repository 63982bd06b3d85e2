/**
 * @module The county overview of the reports (一、基本情况): schools by type, counted schools and
 * students by stage, and how many were left out, counted from what the result records.
 */
import {
  type EvaluationResult,
  fmtQuantity,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGE_NAMES,
  STAGES,
  type Stage,
} from '@junheng/core';
import { schoolYearLabel } from './reportLabels.js';

export interface StageOverview {
  stage: Stage;
  /** Schools (or stage parts of 一贯制 schools) counted in the school-level evaluation. */
  counted: number;
  /** 在校生数 of the counted parts. */
  students: number;
  /** Parts left out of the school-level evaluation (教学点 < 50, 特教, …). */
  excluded: number;
  excludedStudents: number;
}

export interface CountyOverview {
  stages: StageOverview[];
  /** Distinct schools seen in the result, by type (counted and excluded). */
  byType: { type: SchoolType; count: number }[];
  totalSchools: number;
  /**
   * False when the result was computed in summary detail (passing schools not listed), so
   * `byType` and `totalSchools` cover only the schools the result names.
   */
  complete: boolean;
}

/** Counts of schools by type and stage and of students, from what the result records. */
export function countyOverview(result: EvaluationResult): CountyOverview {
  const types = new Map<string, SchoolType>();
  for (const s of result.quality?.schools ?? []) types.set(s.schoolId, s.type);
  for (const e of result.excluded) types.set(e.schoolId, e.type);
  // Basic-only results name counted schools in the coefficient rows, without their type.
  const untyped = new Set<string>();
  for (const st of result.basic?.stages ?? []) {
    for (const c of st.coefficients) for (const s of c.schools) if (!types.has(s.id)) untyped.add(s.id);
  }
  const stageSource = result.quality?.stages ?? result.basic?.stages ?? [];
  const stages: StageOverview[] = STAGES.map((stage) => {
    const s = stageSource.find((x) => x.stage === stage);
    const ex = result.excluded.filter((e) => e.stage === stage);
    return {
      stage,
      counted: s?.schoolCount ?? 0,
      students: s?.studentCount ?? 0,
      excluded: ex.length,
      excludedStudents: ex.reduce((n, e) => n + (e.students ?? 0), 0),
    };
  });
  const counts = new Map<SchoolType, number>();
  for (const t of types.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
  const order = Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[];
  const byType = order.filter((t) => counts.has(t)).map((t) => ({ type: t, count: counts.get(t)! }));
  // In summary detail passing schools are not listed, so the counts by type would be short.
  const listed = (stage: Stage) => result.quality?.schools.filter((s) => s.stage === stage).length ?? 0;
  const complete = result.quality
    ? result.quality.stages.every((s) => listed(s.stage) === s.schoolCount)
    : (result.basic?.stages ?? []).every((st) => st.coefficients.every((c) => c.schools.length === c.n));
  return { stages, byType, totalSchools: types.size + untyped.size, complete };
}

/**
 * The opening of 一、基本情况: schools by type, counted schools and students by stage, how many
 * were left out.
 */
export function overviewSentences(result: EvaluationResult): string[] {
  const o = countyOverview(result);
  const out: string[] = [];
  const year = schoolYearLabel(result.year);
  if (o.byType.length > 0 && o.complete) {
    const types = o.byType.map((t) => `${SCHOOL_TYPE_NAMES[t.type]} ${t.count} 所`).join('、');
    out.push(`${result.county.name}${year}共有义务教育学校 ${o.totalSchools} 所，其中${types}。`);
  } else {
    out.push(`${result.county.name}${year}参加评估的义务教育学校情况如下。`);
  }
  const stages = o.stages
    .filter((s) => s.counted > 0)
    .map((s) => `${STAGE_NAMES[s.stage]} ${s.counted} 所（部），在校生 ${fmtQuantity(s.students)} 人`);
  if (stages.length > 0)
    out.push(`纳入校际指标评估的${stages.join('；')}（九年一贯制等学校按学段分别计入）。`);
  const excluded = o.stages.reduce((n, s) => n + s.excluded, 0);
  if (excluded > 0) {
    const students = o.stages.reduce((n, s) => n + s.excludedStudents, 0);
    out.push(
      `另有 ${excluded} 所（部）学校、在校生 ${fmtQuantity(students)} 人按规定未纳入校际指标评估，原因见下表。`,
    );
  }
  return out;
}
