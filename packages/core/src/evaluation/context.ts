/**
 * @module State shared by the standards during one evaluation: stage parts (built once per
 * apportionment rule), exclusions and data issues gathered from both standards.
 */
import { INDICATORS } from '../indicators/catalogue.js';
import {
  type CountyDataset,
  FACILITY_FIELDS,
  type FacilityField,
  STAGE_NAMES,
  type Stage,
} from '../model.js';
import type { UnitCosts } from '../planning/unitCosts.js';
import type { ApportionRule, ScopeRule, StandardSet } from '../standards/types.js';
import type { CoefficientCache, IndicatorCoefficient } from './numeric.js';
import { apportionProblem, buildStageParts, type PartsByStage, type StageParts } from './parts.js';
import type { Detail } from './present.js';
import type { DataIssue, ExcludedPart, StandardKey } from './results.js';
import { exclusionReason, type ScopeSelection, selectScope } from './scope.js';

const FIELD_NAMES: Record<string, string> = {
  students: '在校生数',
  fullTimeTeachers: '专任教师数',
  aboveDegreeTeachers: '高于规定学历教师数',
  midTitleTeachers: '中级及以上职称教师数',
  backboneTeachers: '县级以上骨干教师数',
  peArtsTeachers: '体育艺术专任教师数',
  teachingSpace: '教学及辅助用房面积',
  sportsSpace: '体育运动场馆面积',
  equipmentValue: '教学仪器设备值',
  multimediaRooms: '网络多媒体教室数',
  computers: '计算机台数',
  books: '图书册数',
  musicRooms: '音乐专用教室数',
  artRooms: '美术专用教室数',
};

const isFacility = (f: string): f is FacilityField => (FACILITY_FIELDS as readonly string[]).includes(f);

export class EvaluationContext {
  private readonly partsByRule = new Map<string, PartsByStage>();
  private readonly excludedByKey = new Map<string, ExcludedPart>();
  private readonly issuesByKey = new Map<string, DataIssue>();
  private readonly selections = new WeakMap<StageParts, Map<string, ScopeSelection>>();
  private readonly coefficientCaches = new WeakMap<Int32Array, CoefficientCache>();

  constructor(
    readonly ds: CountyDataset,
    readonly standards: StandardSet,
    readonly detail: Detail,
    readonly unitCosts: UnitCosts | undefined,
  ) {}

  /** Stage parts under an apportionment rule, built once. */
  parts(rule: ApportionRule, stage: Stage): StageParts {
    const key = JSON.stringify([rule.method, rule.weights]);
    let p = this.partsByRule.get(key);
    if (!p) {
      p = buildStageParts(this.ds, rule);
      this.partsByRule.set(key, p);
    }
    return p[stage];
  }

  /** Select the parts in scope and remember why the others are left out. */
  scope(standard: StandardKey, parts: StageParts, rule: ScopeRule): ScopeSelection {
    // Both standards usually share one scope rule: select once.
    const key = JSON.stringify([rule.excludeTypes, rule.teachingPointMinStudents]);
    let byRule = this.selections.get(parts);
    if (!byRule) {
      byRule = new Map();
      this.selections.set(parts, byRule);
    }
    let sel = byRule.get(key);
    if (!sel) {
      sel = selectScope(parts, rule);
      byRule.set(key, sel);
    }
    for (let e = 0; e < sel.excludedRows.length; e++) {
      const row = sel.excludedRows[e];
      const reason = exclusionReason(this.ds, parts, row, sel.excludedCodes[e], rule);
      const school = this.ds.schools[parts.school[row]];
      const key = `${school.id}|${parts.stage}|${reason}`;
      const prev = this.excludedByKey.get(key);
      if (prev) {
        if (!prev.standards.includes(standard)) prev.standards.push(standard);
        continue;
      }
      const students = parts.students[row];
      this.excludedByKey.set(key, {
        schoolId: school.id,
        name: school.name,
        type: school.type,
        stage: parts.stage,
        students: Number.isNaN(students) ? null : students,
        reason,
        standards: [standard],
      });
    }
    return sel;
  }

  /** Coefficients computed on these rows so far, shared by both standards. */
  coefficientCache(rows: Int32Array): CoefficientCache {
    let c = this.coefficientCaches.get(rows);
    if (!c) {
      c = new Map();
      this.coefficientCaches.set(rows, c);
    }
    return c;
  }

  /** Flag every in-scope part that lacks a value an indicator needs. */
  noteMissing(parts: StageParts, coefficients: IndicatorCoefficient[]): void {
    for (const c of coefficients) {
      const field = INDICATORS[c.indicator].numerator;
      for (const i of c.missingRows) {
        const school = this.ds.schools[parts.school[i]];
        const f = Number.isNaN(parts.students[i]) ? 'students' : field;
        // A facility that is NaN because whole-school totals could not be split says why.
        const split =
          f !== 'students' && isFacility(f) && Number.isNaN(parts.facilityShare[i])
            ? apportionProblem(school)
            : null;
        const issueField = split ? 'sharedFacilities' : f;
        const key = `${school.id}|${parts.stage}|${issueField}`;
        if (this.issuesByKey.has(key)) continue;
        this.issuesByKey.set(key, {
          schoolId: school.id,
          name: school.name,
          stage: parts.stage,
          field: issueField,
          message: split
            ? `${split}，设施类指标无法计算，评估结果不完整`
            : `${STAGE_NAMES[parts.stage]}“${FIELD_NAMES[f] ?? f}”未填报，相关指标无法计算，评估结果不完整`,
        });
      }
    }
  }

  get excluded(): ExcludedPart[] {
    return [...this.excludedByKey.values()];
  }

  get issues(): DataIssue[] {
    return [...this.issuesByKey.values()];
  }
}
