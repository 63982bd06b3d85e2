/**
 * @module Year-over-year comparison of two evaluation results of the same county.
 */
import type { IndicatorId } from '../indicators/catalogue.js';
import type { Stage } from '../model.js';
import type { CoefficientRow, EvaluationResult, StandardKey, Status } from './results.js';

export interface CoefficientChange {
  standard: StandardKey;
  stage: Stage;
  indicator: IndicatorId | 'composite';
  name: string;
  previous: number | null;
  current: number | null;
  /** current − previous; negative means more balanced. */
  change: number | null;
  previousStatus: Status;
  currentStatus: Status;
}

export interface YearOverYear {
  previousYear: number;
  currentYear: number;
  coefficients: CoefficientChange[];
  schools: {
    stage: Stage;
    previousMet: number;
    currentMet: number;
    previousTotal: number;
    currentTotal: number;
  }[];
  verdicts: { standard: StandardKey; previous: Status; current: Status }[];
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

function rowChanges(
  standard: StandardKey,
  prev: CoefficientRow[],
  cur: CoefficientRow[],
): CoefficientChange[] {
  return cur.map((c) => {
    const p = prev.find((x) => x.indicator === c.indicator && x.stage === c.stage);
    return {
      standard,
      stage: c.stage,
      indicator: c.indicator,
      name: c.name,
      previous: p?.cv ?? null,
      current: c.cv,
      change: diff(p?.cv ?? null, c.cv),
      previousStatus: p?.status ?? 'notApplicable',
      currentStatus: c.status,
    };
  });
}

/**
 * Compare two results (previous year first).
 * @returns coefficient changes per standard, stage and indicator, school pass counts and verdicts
 */
export function compareYears(previous: EvaluationResult, current: EvaluationResult): YearOverYear {
  const coefficients: CoefficientChange[] = [];
  const verdicts: YearOverYear['verdicts'] = [];
  if (previous.basic && current.basic) {
    for (const s of current.basic.stages) {
      const p = previous.basic.stages.find((x) => x.stage === s.stage);
      coefficients.push(...rowChanges('basic', p?.coefficients ?? [], s.coefficients));
      coefficients.push({
        standard: 'basic',
        stage: s.stage,
        indicator: 'composite',
        name: '综合差异系数',
        previous: p?.composite.value ?? null,
        current: s.composite.value,
        change: diff(p?.composite.value ?? null, s.composite.value),
        previousStatus: p?.composite.status ?? 'notApplicable',
        currentStatus: s.composite.status,
      });
    }
    verdicts.push({ standard: 'basic', previous: previous.basic.status, current: current.basic.status });
  }
  const schools: YearOverYear['schools'] = [];
  if (previous.quality && current.quality) {
    for (const s of current.quality.stages) {
      const p = previous.quality.stages.find((x) => x.stage === s.stage);
      coefficients.push(...rowChanges('quality', p?.coefficients ?? [], s.coefficients));
      schools.push({
        stage: s.stage,
        previousMet: p?.schoolsMet ?? 0,
        currentMet: s.schoolsMet,
        previousTotal: p?.schoolCount ?? 0,
        currentTotal: s.schoolCount,
      });
    }
    verdicts.push({
      standard: 'quality',
      previous: previous.quality.status,
      current: current.quality.status,
    });
  }
  return { previousYear: previous.year, currentYear: current.year, coefficients, schools, verdicts };
}
