/**
 * @module 划片 (zoning) schools and their entry classes (起始年级招生班数): which stages a school
 * takes zoned entrants for, and its entry classes of a plan year — the bureau's figure when set,
 * else an estimate from the school's latest report up to the plan year: round(班级数 ÷ 6) for 小学,
 * ÷ 3 for 初中, at least 1 when it has classes — marked `estimated` for the page to show.
 */
import { type SchoolType, STAGES_OF_TYPE, type Stage } from '../../model.js';
import { CLASS_SIZE_LIMITS } from './limits.js';

/** Entry classes of one school and stage, as the zoning page shows them. */
export interface EntryClasses {
  classes: number;
  /** The limit in force (school override, else 45 / 50). */
  classSizeLimit: number;
  /** The school's own limit, null = national. */
  classSizeOverride: number | null;
  capacity: number;
  /** True when estimated from the report (no figure set by the bureau). */
  estimated: boolean;
  /** 班级数 of the stage in the report used for the estimate, and its year. */
  reportClasses: number | null;
  reportYear: number | null;
}

/** A school of the county as zoning sees it: coordinates, stages, entry classes per stage. */
export interface ZoningSchoolRow {
  schoolId: string;
  name: string;
  type: SchoolType;
  township: string | null;
  lon: number | null;
  lat: number | null;
  /** Stages it takes zoned entrants for. */
  stages: Stage[];
  entry: Partial<Record<Stage, EntryClasses>>;
}

/** One entry-class figure to set (by the bureau on the page, or from a map file). */
export interface EntryClassesInput {
  schoolId: string;
  stage: Stage;
  classes: number;
  /** The school's class-size limit; null = national (45 / 50). */
  classSizeLimit?: number | null;
}

/** What the register, the bureau's figures and the reports say about a county's zoned schools. */
export interface ZoningSchoolFacts {
  /** Open schools of types that take zoned entrants, in id order. */
  schools: {
    schoolId: string;
    name: string;
    type: SchoolType;
    township: string | null;
    lon: number | null;
    lat: number | null;
  }[];
  /** The bureau's figures of the plan year. */
  stored: { schoolId: string; stage: string; classes: number; classSizeLimit: number | null }[];
  /** 班级数 of each school's stage from its latest report up to the plan year. */
  reported: { schoolId: string; stage: string; year: number; classes: number }[];
}

/** Grades per stage: entry classes are estimated as 班级数 ÷ grades. */
export const ZONING_GRADES: Readonly<Record<Stage, number>> = { primary: 6, junior: 3 };
/** School types that take no zoned entrants. */
export const NOT_ZONED_TYPES: readonly SchoolType[] = ['special', 'vocational'];

/** Stages a school type takes zoned entrants for. */
export function zoningStagesOf(type: SchoolType): Stage[] {
  return NOT_ZONED_TYPES.includes(type) ? [] : [...STAGES_OF_TYPE[type]];
}

/** The entry classes of one school and stage from the bureau's figure, else the report's estimate. */
function entryOf(
  stage: Stage,
  own: ZoningSchoolFacts['stored'][number] | undefined,
  rep: ZoningSchoolFacts['reported'][number] | undefined,
): EntryClasses {
  const reportClasses = rep ? rep.classes : null;
  const estimate =
    reportClasses !== null && reportClasses > 0
      ? Math.max(1, Math.round(reportClasses / ZONING_GRADES[stage]))
      : 0;
  const classes = own ? own.classes : estimate;
  const override = own?.classSizeLimit ?? null;
  const limit = override ?? CLASS_SIZE_LIMITS[stage].limit;
  return {
    classes,
    classSizeLimit: limit,
    classSizeOverride: override,
    capacity: classes * limit,
    estimated: !own,
    reportClasses,
    reportYear: rep?.year ?? null,
  };
}

/** The county's zoned schools with their entry classes (set or estimated) and capacity per stage. */
export function zoningSchoolRows(facts: ZoningSchoolFacts): ZoningSchoolRow[] {
  const key = (id: string, stage: string) => `${id}/${stage}`;
  const stored = new Map(facts.stored.map((r) => [key(r.schoolId, r.stage), r]));
  const reported = new Map(facts.reported.map((r) => [key(r.schoolId, r.stage), r]));
  return facts.schools.map((s) => {
    const stages = zoningStagesOf(s.type);
    const entry: Partial<Record<Stage, EntryClasses>> = {};
    for (const stage of stages) {
      entry[stage] = entryOf(stage, stored.get(key(s.schoolId, stage)), reported.get(key(s.schoolId, stage)));
    }
    return { ...s, stages, entry };
  });
}
