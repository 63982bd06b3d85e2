import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../demo/index.js';
import { coefficientSummary } from './coefficientSummary.js';
import { evaluate } from './evaluate.js';

describe('coefficientSummary', () => {
  const result = evaluate(generateDemoCounty({ schools: 20 }), { standard: 'both', detail: 'summary' });

  it('lists each stage of 基本均衡 with its composite first, then the eight single coefficients', () => {
    const rows = coefficientSummary(result, 'basic');
    for (const st of result.basic!.stages) {
      const own = rows.filter((r) => r.stage === st.stage);
      expect(own[0]).toEqual({
        standard: 'basic',
        stage: st.stage,
        indicator: 'composite',
        name: '综合差异系数',
        cv: st.composite.value,
        threshold: st.composite.threshold,
        status: st.composite.status,
      });
      expect(own.slice(1).map((r) => r.cv)).toEqual(st.coefficients.map((c) => c.cv));
      expect(own.slice(1).every((r) => r.threshold === null)).toBe(true);
    }
  });

  it('lists 优质均衡 coefficients with their thresholds, and nothing for a standard not evaluated', () => {
    const rows = coefficientSummary(result, 'quality');
    expect(rows.map((r) => r.cv)).toEqual(
      result.quality!.stages.flatMap((s) => s.coefficients.map((c) => c.cv)),
    );
    expect(rows.every((r) => r.standard === 'quality' && r.threshold !== null)).toBe(true);
    const basicOnly = evaluate(generateDemoCounty({ schools: 5 }), { standard: 'basic' });
    expect(coefficientSummary(basicOnly, 'quality')).toEqual([]);
  });
});
