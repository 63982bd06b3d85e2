/**
 * @module The coefficients of a result as one flat list per standard, as the dashboard and the
 * public page show them: for 基本均衡 each stage's 综合差异系数 first (the figure it is judged by;
 * the eight single coefficients have no threshold), then the single ones; for 优质均衡 the seven
 * coefficients of each stage, each with its threshold.
 */
import type { IndicatorId } from '../indicators/catalogue.js';
import type { Stage } from '../model.js';
import type { EvaluationResult, StandardKey, Status } from './results.js';

export interface CoefficientSummaryRow {
  standard: StandardKey;
  stage: Stage;
  indicator: IndicatorId | 'composite';
  name: string;
  cv: number | null;
  threshold: number | null;
  status: Status;
}

/** The rows of one standard (none when the result does not have it). */
export function coefficientSummary(result: EvaluationResult, standard: StandardKey): CoefficientSummaryRow[] {
  const row = (
    stage: Stage,
    c: {
      indicator: IndicatorId | 'composite';
      name: string;
      cv: number | null;
      threshold: number | null;
      status: Status;
    },
  ): CoefficientSummaryRow => ({
    standard,
    stage,
    indicator: c.indicator,
    name: c.name,
    cv: c.cv,
    threshold: c.threshold,
    status: c.status,
  });
  if (standard === 'basic') {
    return (result.basic?.stages ?? []).flatMap((st) => [
      row(st.stage, {
        indicator: 'composite',
        name: '综合差异系数',
        cv: st.composite.value,
        threshold: st.composite.threshold,
        status: st.composite.status,
      }),
      ...st.coefficients.map((c) => row(st.stage, c)),
    ]);
  }
  return (result.quality?.stages ?? []).flatMap((st) => st.coefficients.map((c) => row(st.stage, c)));
}
