/**
 * @module Shape of an evaluation result (the JSON documented in docs/result-schema.md).
 * Every figure is carried with what it was computed from, so it can be recomputed by hand.
 */
import type { IndicatorId } from '../indicators/catalogue.js';
import type { County, Locality, SchoolType, Stage } from '../model.js';
import type { AppliedOverride, Comparison, CountyItemRule } from '../standards/types.js';

/** met 达标 / unmet 未达标 / incomplete 数据不全(未提供) / notApplicable 不适用. */
export type Status = 'met' | 'unmet' | 'incomplete' | 'notApplicable';
export type StandardKey = 'basic' | 'quality';

export interface CountedSchool {
  id: string;
  name: string;
  /** P_i 在校生数 */
  students: number;
  /** R_i resource (after apportionment for shared facilities) */
  resource: number;
  /** X_i = scale · R_i / P_i */
  value: number;
  /** w_i = P_i / P */
  weight: number;
}

export interface CoefficientRow {
  indicator: IndicatorId;
  name: string;
  unit: string;
  stage: Stage;
  /** Schools counted, in input order. */
  schools: CountedSchool[];
  /** In-scope schools whose value is missing: the coefficient below is only indicative. */
  missing: { id: string; name: string }[];
  n: number;
  /** P = Σ P_i */
  totalStudents: number;
  /** Σ R_i */
  totalResource: number;
  /** X̄ = scale · Σ R_i / P; null if no school */
  mean: number | null;
  /** S = sqrt(Σ w_i (X_i − X̄)²) */
  sd: number | null;
  /** CV = S / X̄; null = 不适用 (no school or mean 0) */
  cv: number | null;
  /** Maximum allowed CV (优质均衡 single indicator); null for 基本均衡 single indicators. */
  threshold: number | null;
  status: Status;
}

export interface ExcludedPart {
  schoolId: string;
  name: string;
  type: SchoolType;
  stage: Stage;
  students: number | null;
  reason: string;
  standards: StandardKey[];
}

export interface DataIssue {
  schoolId: string;
  name: string;
  stage?: Stage;
  /** Field name of the input model. */
  field: string;
  message: string;
}

export interface FailingSchool {
  id: string;
  name: string;
  stage?: Stage;
  detail: string;
}

export interface ItemResult {
  id: string;
  no: number;
  name: string;
  kind: 'judgment' | 'threshold' | 'schools' | 'resources';
  value: number | boolean | null;
  /** The value as shown to a reader ("96.50%", "是", "未提供"). */
  display: string;
  threshold?: number;
  compare?: Comparison;
  unit?: CountyItemRule['unit'];
  status: Status;
  reason: string;
  failingSchools?: FailingSchool[];
  note?: string;
  source: string;
}

export interface AspectResult {
  key: 'resources' | 'government' | 'quality' | 'recognition';
  name: string;
  status: Status;
  items: ItemResult[];
  reasons: string[];
}

/** How much a school lacks of one resource. */
export interface Shortfall {
  /** Additional resource to reach the requirement, in natural units, rounded up. */
  toRequirement: number;
  /** Additional resource to reach 85% of the requirement (0 if already there). */
  toFloor: number;
  unit: string;
  resourceName: string;
}

export interface SchoolIndicatorResult {
  indicator: IndicatorId;
  name: string;
  unit: string;
  value: number | null;
  requirement: number;
  /** value / requirement */
  ratio: number | null;
  /** met ≥ requirement; floor 85%..100%; belowFloor < 85%; missing = not reported */
  status: 'met' | 'floor' | 'belowFloor' | 'missing';
  shortfall: Shortfall | null;
}

export interface PlanStep {
  indicator: IndicatorId;
  /** The quantity to add, in natural units. */
  add: number;
  unit: string;
  resourceName: string;
  /** Raised to the full requirement, or only to the 85% floor (the one allowed exception). */
  target: 'requirement' | 'floor';
  /** The sentence a report prints: "补充教学及辅助用房 312 m²". */
  text: string;
  /** Estimated cost in 元 with the unit-cost table (for choosing the cheapest plan). */
  estimatedCost: number;
}

export interface SchoolCompliance {
  schoolId: string;
  name: string;
  type: SchoolType;
  locality: Locality;
  stage: Stage;
  students: number;
  indicators: SchoolIndicatorResult[];
  metCount: number;
  status: Status;
  reason: string;
  /** Minimum additions that make the school pass (empty when it passes). */
  plan: PlanStep[];
}

export interface StageSummary {
  stage: Stage;
  schoolCount: number;
  studentCount: number;
  coefficients: CoefficientRow[];
}

export interface BasicStageResult extends StageSummary {
  composite: { value: number | null; threshold: number; status: Status };
}

export interface StandardInfo {
  id: string;
  name: string;
  document: string;
}

/** How whole-school facilities of 一贯制 / 完全中学 are split between stages (spec §e.2). */
export type ApportionMethod = 'simple' | 'weighted';

/** A standard table as `rules` reports it: which one, and how its figures split shared facilities. */
export interface StandardRules extends StandardInfo {
  apportionMethod: ApportionMethod;
}

export interface BasicResult {
  standard: StandardInfo;
  stages: BasicStageResult[];
  items: ItemResult[];
  status: Status;
  reasons: string[];
}

export interface QualityStageResult extends StageSummary {
  schoolsMet: number;
  schoolsUnmet: number;
  schoolsIncomplete: number;
}

export interface VetoResult {
  id: string;
  name: string;
  /** true = 存在该情形; null = 未提供 */
  triggered: boolean | null;
  status: Status;
  note?: string;
  source: string;
}

export interface QualityResult {
  standard: StandardInfo;
  stages: QualityStageResult[];
  schools: SchoolCompliance[];
  aspects: AspectResult[];
  vetoes: VetoResult[];
  status: Status;
  reasons: string[];
}

export interface EvaluationResult {
  schemaVersion: 1;
  county: County;
  year: number;
  /** Which tables produced the result, and which values a province changed. */
  rules: {
    /** Each standard with its own apportionment: a province may override one and not the other. */
    basic: StandardRules;
    quality: StandardRules;
    overrideName?: string;
    overrideSource?: string;
    overrides: AppliedOverride[];
  };
  basic?: BasicResult;
  quality?: QualityResult;
  excluded: ExcludedPart[];
  issues: DataIssue[];
  status: Status;
  reasons: string[];
}

export const STATUS_NAMES: Record<Status, string> = {
  met: '达标',
  unmet: '未达标',
  incomplete: '数据不全',
  notApplicable: '不适用',
};
