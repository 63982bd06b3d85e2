/**
 * @module The generated sentences of 年度对比: the verdict of each standard in both years, the
 * coefficients that went up or down, and how many schools met the per-school rule.
 */
import {
  fmtCv,
  STAGE_NAMES,
  STAGES,
  STATUS_NAMES,
  type Stage,
  type StandardKey,
  type YearOverYear,
} from '@junheng/core';
import { fmtCvChange, STANDARD_NAMES, schoolYearLabel } from './reportLabels.js';

/** A change too small to show with 3 decimals reads as 持平 (unchanged). */
const UNCHANGED = 0.0005;

function verdictSentences(yoy: YearOverYear): string[] {
  const prev = schoolYearLabel(yoy.previousYear);
  // 优质均衡 first, as everywhere in the reports.
  const verdicts = [...yoy.verdicts].sort((a, b) =>
    a.standard === 'quality' ? -1 : b.standard === 'quality' ? 1 : 0,
  );
  return verdicts.map((v) => {
    const same = v.previous === v.current;
    return `${STANDARD_NAMES[v.standard]}结论：${prev}为“${STATUS_NAMES[v.previous]}”，本学年${same ? '仍' : '为'}“${STATUS_NAMES[v.current]}”。`;
  });
}

/** "优质均衡小学 7 项差异系数中 5 项下降、1 项上升、1 项持平，上升的有…" */
function coefficientTrend(yoy: YearOverYear, standard: StandardKey, stage: Stage): string[] {
  const rows = yoy.coefficients.filter(
    (c) => c.standard === standard && c.stage === stage && c.indicator !== 'composite' && c.change !== null,
  );
  if (rows.length === 0) return [];
  const head = `${STANDARD_NAMES[standard]}${STAGE_NAMES[stage]} ${rows.length} 项差异系数`;
  const down = rows.filter((c) => c.change! <= -UNCHANGED).length;
  const up = rows.filter((c) => c.change! >= UNCHANGED).sort((a, b) => b.change! - a.change!);
  const flat = rows.length - down - up.length;
  const out: string[] = [];
  if (flat === rows.length) {
    out.push(`${head}均与上一学年持平。`);
  } else {
    const counts = [`${down} 项下降`, `${up.length} 项上升`, ...(flat > 0 ? [`${flat} 项持平`] : [])].join(
      '、',
    );
    const rising = up.map(
      (c) => `${c.name} ${fmtCv(c.previous)} → ${fmtCv(c.current)}（${fmtCvChange(c.change)}）`,
    );
    out.push(`${head}中 ${counts}${rising.length > 0 ? `，上升的有${rising.join('、')}` : ''}。`);
  }
  const composite = yoy.coefficients.find(
    (c) => c.standard === standard && c.stage === stage && c.indicator === 'composite',
  );
  if (composite && composite.change !== null) {
    out.push(
      Math.abs(composite.change) < UNCHANGED
        ? `${STAGE_NAMES[stage]}综合差异系数保持 ${fmtCv(composite.current)}。`
        : `${STAGE_NAMES[stage]}综合差异系数由 ${fmtCv(composite.previous)} 变为 ${fmtCv(composite.current)}（${fmtCvChange(composite.change)}）。`,
    );
  }
  return out;
}

/** Sentences comparing two years: verdicts, coefficients that went up or down, schools met. */
export function comparisonSentences(yoy: YearOverYear): string[] {
  const out = verdictSentences(yoy);
  for (const standard of ['quality', 'basic'] as const) {
    for (const stage of STAGES) out.push(...coefficientTrend(yoy, standard, stage));
  }
  for (const s of yoy.schools) {
    const same = s.previousMet === s.currentMet && s.previousTotal === s.currentTotal;
    out.push(
      same
        ? `${STAGE_NAMES[s.stage]}资源配置达标学校仍为 ${s.currentMet}/${s.currentTotal} 所。`
        : `${STAGE_NAMES[s.stage]}资源配置达标学校由 ${s.previousMet}/${s.previousTotal} 所变为 ${s.currentMet}/${s.currentTotal} 所。`,
    );
  }
  return out;
}
