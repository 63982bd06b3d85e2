/**
 * @module Shapes of the standard tables. Every threshold carries the source tag of spec §h.
 */
import type { IndicatorId } from '../indicators/catalogue.js';
import type { SchoolType, Stage } from '../model.js';

export type PerStage<T> = Record<Stage, T>;

/** Which schools take part in the school-level (资源配置 / 校际均衡) evaluation. */
export interface ScopeRule {
  /** School types left out entirely. */
  excludeTypes: SchoolType[];
  /** 教学点 with fewer students than this are left out (0 = keep all). */
  teachingPointMinStudents: number;
  source: string;
}

/** How whole-school facilities of multi-stage schools are split between stages (spec §e.2). */
export interface ApportionRule {
  method: 'simple' | 'weighted';
  /** Relative weight of one student of each stage, used when method = weighted. */
  weights: { primary: number; junior: number; senior: number };
  source: string;
}

export interface QualityIndicatorRule {
  indicator: IndicatorId;
  /** Per-school requirement (以上 = ≥). */
  min: PerStage<number>;
  source: string;
}

export type Comparison = 'gte' | 'lte' | 'lt' | 'gt';

/**
 * A county-level item. `kind` says how it is judged:
 *  - judgment: 是/否 from the county file (qualitative, evidence stored as a note);
 *  - threshold: a number from the county file compared with `threshold` by `compare`;
 *  - schools: computed from school reports by the named rule, per school;
 *  - resources: the 资源配置 result itself.
 */
export interface CountyItemRule {
  id: string;
  /** Item number as published (1-based within its aspect). */
  no: number;
  name: string;
  kind: 'judgment' | 'threshold' | 'schools';
  /** For threshold items: the value to compare with. Ratios are fractions (0.95 = 95%). */
  threshold?: number;
  compare?: Comparison;
  /** 'ratio' values are shown as percentages; 'score' / 'yuan' / 'count' as numbers. */
  unit?: 'ratio' | 'score' | 'yuan' | 'count';
  /** For schools items: the rule that checks each school. */
  schoolRule?: 'musicArtRooms' | 'schoolSize' | 'classSize' | 'provincialStandard';
  /** Parameters of a schools rule (caps, classes per room). */
  params?: Record<string, number>;
  /** How the value is asked for in the county template. */
  prompt?: string;
  source: string;
}

export interface VetoRule {
  id: string;
  name: string;
  source: string;
}

/** 优质均衡: 教督〔2017〕6号. */
export interface QualityStandard {
  id: string;
  name: string;
  document: string;
  indicators: Record<string, QualityIndicatorRule>;
  perSchool: { minMet: number; floorRatio: number; source: string };
  cvMax: PerStage<number> & { source: string };
  scope: ScopeRule;
  apportion: ApportionRule;
  government: Record<string, CountyItemRule>;
  quality: Record<string, CountyItemRule>;
  recognition: CountyItemRule;
  vetoes: Record<string, VetoRule>;
}

/** 基本均衡: 教督〔2012〕3号. */
export interface BasicStandard {
  id: string;
  name: string;
  document: string;
  indicators: IndicatorId[];
  compositeCvMax: PerStage<number> & { source: string };
  scope: ScopeRule;
  apportion: ApportionRule;
  /** Prerequisite, government effort and public satisfaction. */
  items: Record<string, CountyItemRule>;
}

export interface StandardSet {
  basic: BasicStandard;
  quality: QualityStandard;
  /** Overrides applied on top of the national tables, in order. */
  overrides: AppliedOverride[];
  /** Name of the override file, if any. */
  overrideName?: string;
  overrideSource?: string;
}

export interface AppliedOverride {
  path: string;
  from: unknown;
  to: unknown;
}
