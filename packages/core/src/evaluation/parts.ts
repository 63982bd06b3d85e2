/**
 * @module Stage parts: every school split into its 小学 and 初中 parts, as columns.
 * Multi-stage schools that report whole-school facilities have them apportioned here (spec §e.2).
 */
import {
  type CountyDataset,
  FACILITY_FIELDS,
  type FacilityField,
  type Num,
  SCHOOL_TYPE_NAMES,
  type School,
  type SchoolType,
  STAGE_NAMES,
  type Stage,
  TEACHER_FIELDS,
  type TeacherField,
} from '../model.js';
import type { ApportionRule } from '../standards/types.js';

export type ResourceField = FacilityField | TeacherField;
export const RESOURCE_FIELDS: readonly ResourceField[] = [...TEACHER_FIELDS, ...FACILITY_FIELDS];

/** All parts of one stage, column by column. NaN marks a value that was not reported. */
export interface StageParts {
  stage: Stage;
  count: number;
  /** Index of the school in dataset.schools. */
  school: Int32Array;
  /** School type as an index into SCHOOL_TYPE_CODES, so scope rules need not touch the objects. */
  typeCode: Uint8Array;
  students: Float64Array;
  classes: Float64Array;
  maxClassSize: Float64Array;
  resources: Record<ResourceField, Float64Array>;
  /** Share of the whole-school facilities given to this part; 1 when reported per stage. */
  facilityShare: Float64Array;
}

export type PartsByStage = Record<Stage, StageParts>;

export const SCHOOL_TYPE_CODES: readonly SchoolType[] = [
  'primary',
  'junior',
  'nineYear',
  'twelveYear',
  'completeMiddle',
  'teachingPoint',
  'special',
  'vocational',
];
const TYPE_CODE = new Map(SCHOOL_TYPE_CODES.map((t, i) => [t, i]));

const num = (v: Num | undefined): number => (v === null || v === undefined ? Number.NaN : v);

function emptyParts(stage: Stage, capacity: number): StageParts {
  const resources = {} as Record<ResourceField, Float64Array>;
  for (const f of RESOURCE_FIELDS) resources[f] = new Float64Array(capacity);
  return {
    stage,
    count: 0,
    school: new Int32Array(capacity),
    typeCode: new Uint8Array(capacity),
    students: new Float64Array(capacity),
    classes: new Float64Array(capacity),
    maxClassSize: new Float64Array(capacity),
    resources,
    facilityShare: new Float64Array(capacity),
  };
}

function trim(p: StageParts): StageParts {
  const n = p.count;
  const resources = {} as Record<ResourceField, Float64Array>;
  for (const f of RESOURCE_FIELDS) resources[f] = p.resources[f].subarray(0, n);
  return {
    ...p,
    school: p.school.subarray(0, n),
    typeCode: p.typeCode.subarray(0, n),
    students: p.students.subarray(0, n),
    classes: p.classes.subarray(0, n),
    maxClassSize: p.maxClassSize.subarray(0, n),
    facilityShare: p.facilityShare.subarray(0, n),
    resources,
  };
}

/**
 * Stage weights for apportioning whole-school facilities.
 * simple: by students; weighted: a 初中 student counts 1.1, a 高中 student 1.32 (spec §e.2 [impl]).
 */
function stageWeight(rule: ApportionRule, stage: Stage | 'senior'): number {
  return rule.method === 'simple' ? 1 : rule.weights[stage];
}

/**
 * Why a school's whole-school facilities cannot be split between its stages, or null when they can.
 * A missing count is never taken as 0: that would hand the whole school's facilities to one stage.
 */
export function apportionProblem(school: School): string | null {
  if (!school.sharedFacilities) return null;
  const stages = new Set(school.stages.map((r) => r.stage));
  if ((school.type === 'nineYear' || school.type === 'twelveYear') && stages.size < 2) {
    return `${SCHOOL_TYPE_NAMES[school.type]}只有${[...stages].map((st) => STAGE_NAMES[st]).join('、')}学段数据，全校合计的设施无法分摊到学段`;
  }
  if (school.stages.some((r) => r.students === null || r.students === undefined)) {
    return '有学段在校生数未填报，全校合计的设施无法分摊到学段';
  }
  if (
    (school.type === 'completeMiddle' || school.type === 'twelveYear') &&
    (school.seniorStudents === null || school.seniorStudents === undefined)
  ) {
    return '未填报高中部在校生数，全校合计的设施无法扣除高中部分';
  }
  return null;
}

/**
 * Split every school into stage parts.
 * @param ds the county dataset
 * @param rule how whole-school facilities are shared between stages
 * @returns columns per stage; facilities of a shared school whose student counts are missing are NaN
 */
export function buildStageParts(ds: CountyDataset, rule: ApportionRule): PartsByStage {
  let nPrimary = 0;
  let nJunior = 0;
  for (const s of ds.schools) for (const r of s.stages) r.stage === 'primary' ? nPrimary++ : nJunior++;
  const out: PartsByStage = {
    primary: emptyParts('primary', nPrimary),
    junior: emptyParts('junior', nJunior),
  };

  for (let si = 0; si < ds.schools.length; si++) {
    const school = ds.schools[si];
    const shared = school.sharedFacilities ?? null;
    let weightedTotal = 0;
    if (shared) {
      if (apportionProblem(school) !== null) weightedTotal = Number.NaN;
      else {
        for (const r of school.stages) weightedTotal += stageWeight(rule, r.stage) * num(r.students);
        if (school.type === 'completeMiddle' || school.type === 'twelveYear') {
          weightedTotal += stageWeight(rule, 'senior') * num(school.seniorStudents);
        }
      }
    }
    for (const r of school.stages) {
      const p = out[r.stage];
      const k = p.count++;
      p.school[k] = si;
      p.typeCode[k] = TYPE_CODE.get(school.type) ?? 255;
      p.students[k] = num(r.students);
      p.classes[k] = num(r.classes);
      p.maxClassSize[k] = num(r.maxClassSize);
      for (const f of TEACHER_FIELDS) p.resources[f][k] = num(r[f]);
      if (shared) {
        const share =
          weightedTotal > 0 ? (stageWeight(rule, r.stage) * num(r.students)) / weightedTotal : Number.NaN;
        p.facilityShare[k] = share;
        for (const f of FACILITY_FIELDS) p.resources[f][k] = num(shared[f]) * share;
      } else {
        p.facilityShare[k] = 1;
        for (const f of FACILITY_FIELDS) p.resources[f][k] = num(r[f]);
      }
    }
  }
  return { primary: trim(out.primary), junior: trim(out.junior) };
}
