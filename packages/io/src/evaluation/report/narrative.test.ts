import { applyOverrides, evaluate, type ItemResult } from '@junheng/core';
import { describe, expect, it } from 'vitest';
import { handMadeCounty, handMadeResults } from './__fixtures__/county.js';
import {
  chineseNumeral,
  coefficientStatusText,
  comparisonSentences,
  countyOverview,
  findProblems,
  fmtAgainst,
  fmtCvChange,
  indicatorGaps,
  itemRequirement,
  listNames,
  recommend,
  rulesDescription,
  schoolYearLabel,
  verdictLine,
} from './narrative.js';

const { result, comparison } = handMadeResults();

describe('labels', () => {
  it('学年 runs from autumn to summer', () => {
    expect(schoolYearLabel(2025)).toBe('2025—2026学年');
  });
  it('Chinese numerals for section numbers', () => {
    expect([1, 5, 10, 11, 20, 23].map(chineseNumeral)).toEqual(['一', '五', '十', '十一', '二十', '二十三']);
  });
  it('long lists are cut with a count', () => {
    expect(listNames(['甲', '乙'])).toBe('甲、乙');
    expect(listNames(['甲', '乙', '丙'], 2)).toBe('甲、乙 等 3 所');
  });
  it('coefficient changes carry their sign', () => {
    expect(fmtCvChange(-0.0123)).toBe('-0.012');
    expect(fmtCvChange(0.05)).toBe('+0.050');
    expect(fmtCvChange(null)).toBe('—');
  });
  it('a value just below its requirement is shown with enough decimals to see it (spec §e.4)', () => {
    expect(fmtAgainst('multimediaPer100', 2.2996, 2.3)).toBe('2.2996');
    expect(fmtAgainst('multimediaPer100', 2.1, 2.3)).toBe('2.10');
  });
  it('requirements read as the standard words them', () => {
    const base = {
      id: 'x',
      no: 1,
      name: 'x',
      value: null,
      display: '',
      status: 'met',
      reason: '',
      source: '',
    } as const;
    expect(
      itemRequirement({ ...base, kind: 'threshold', threshold: 0.95, compare: 'gte', unit: 'ratio' }),
    ).toBe('≥ 95.00%');
    expect(
      itemRequirement({ ...base, kind: 'threshold', threshold: 6000, compare: 'gte', unit: 'yuan' }),
    ).toBe('≥ 6000 元');
    expect(itemRequirement({ ...base, kind: 'judgment' } as ItemResult)).toBe('是');
  });
  it('基本均衡 single coefficients count towards the composite instead of being 不适用', () => {
    expect(coefficientStatusText('notApplicable', false, 0.3)).toBe('计入综合');
    expect(coefficientStatusText('notApplicable', false, null)).toBe('不适用');
    expect(coefficientStatusText('unmet', true, 0.6)).toBe('未达标');
  });
});

describe('overview and rules', () => {
  it('counts schools by type and stage from the result', () => {
    const o = countyOverview(result);
    expect(o.complete).toBe(true);
    expect(o.totalSchools).toBe(5);
    expect(o.byType).toEqual([
      { type: 'primary', count: 2 },
      { type: 'junior', count: 2 },
      { type: 'teachingPoint', count: 1 },
    ]);
    expect(o.stages[0]).toMatchObject({
      stage: 'primary',
      counted: 2,
      students: 900,
      excluded: 1,
      excludedStudents: 30,
    });
  });
  it('says which tables were used and that no province changed them', () => {
    expect(rulesDescription(result)).toContain('省级调整：未使用，全部采用国家标准默认值');
    expect(verdictLine(result)).toBe('优质均衡：未达标；基本均衡：达标');
  });
  it('lists every value a provincial file changed, from → to', () => {
    const standards = applyOverrides({
      name: '《某省县域义务教育优质均衡发展督导评估实施细则》',
      source: '某教督〔2020〕1号',
      set: { 'quality2017.government.specialEdFunding.threshold': 8000 },
    });
    const lines = rulesDescription(evaluate(handMadeCounty(), { standards }));
    expect(lines).toContain(
      '省级调整：《某省县域义务教育优质均衡发展督导评估实施细则》（某教督〔2020〕1号），共调整 1 处',
    );
    expect(lines).toContain('　quality2017.government.specialEdFunding.threshold：6000 → 8000');
  });
  it('names the apportionment of each standard when a province changed only one', () => {
    expect(rulesDescription(result)).toContain('一贯制学校、完全中学共用设施：按各学段在校生数比例分摊');
    const standards = applyOverrides({ set: { 'basic2012.apportion.method': 'weighted' } });
    const lines = rulesDescription(evaluate(handMadeCounty(), { standards }));
    expect(lines).toContain('一贯制学校、完全中学共用设施（基本均衡）：按学段加权在校生数比例分摊');
    expect(lines).toContain('一贯制学校、完全中学共用设施（优质均衡）：按各学段在校生数比例分摊');
  });
  it('reads a result saved with one method for both standards', () => {
    const { basic, quality, ...rest } = result.rules;
    const old = {
      ...result,
      rules: {
        ...rest,
        basic: { ...basic, apportionMethod: undefined },
        quality,
        apportionMethod: 'weighted',
      },
    };
    const q = { ...old.rules.quality, apportionMethod: undefined };
    const lines = rulesDescription({
      ...old,
      rules: { ...old.rules, quality: q },
    } as unknown as typeof result);
    expect(lines).toContain('一贯制学校、完全中学共用设施：按学段加权在校生数比例分摊');
  });
});

describe('存在问题', () => {
  const problems = findProblems(result);
  const text = problems.map((p) => p.text).join('\n');

  it('names the coefficients above their threshold with their values', () => {
    expect(text).toMatch(/小学有 1 项指标校际差异系数高于 0\.50：生均体育运动场馆面积 0\.\d{3}/);
    expect(text).toMatch(/初中有 1 项指标校际差异系数高于 0\.45：生均教学仪器设备值 0\.\d{3}/);
  });
  it('names the failing schools and what they lack most', () => {
    expect(text).toContain('河西村小学（7 项中 5 项达到要求，1 项低于要求的 85%）');
    expect(text).toContain('第二中学（7 项中 6 项达到要求，1 项低于要求的 85%）');
    expect(text).toContain('短板主要是每百名学生拥有体育、艺术(美术、音乐)专任教师数（1 所）');
  });
  it('reports missing county data', () => {
    expect(problems.find((p) => p.area === '数据完整性')?.text).toContain('1 项县级指标数据未提供或不完整');
  });
  it('per school, lists value, requirement and what is missing', () => {
    const school = result.quality!.schools.find((s) => s.name === '第二中学')!;
    expect(indicatorGaps(school)).toEqual([
      '生均教学仪器设备值 1000.00 元（要求 2500，低于 85%），缺 900,000 元',
    ]);
  });
});

describe('整改建议', () => {
  const advice = recommend(result);

  it('asks for the missing data first', () => {
    expect(advice[0].area).toBe('补齐数据');
  });
  it('points the coefficient advice at the lowest schools', () => {
    const sports = advice.find((a) => a.text.startsWith('缩小小学生均体育运动场馆面积'))!;
    expect(sports.text).toContain('河西村小学（9.00 m²）');
  });
  it('has one sentence per unmet county item, with the gap', () => {
    const nearby = advice.find((a) => a.text.includes('城区和镇区公办初中就近划片入学比例'))!;
    expect(nearby.area).toBe('政府保障程度');
    expect(nearby.text).toContain('差 5.00 个百分点');
  });
  it('reports incomplete school data as a problem and asks to fill it first', () => {
    const ds = handMadeCounty();
    // 第一中学 meets the rest, so without this figure it cannot be judged either way.
    ds.schools[4].stages[0].multimediaRooms = null;
    const r = evaluate(ds);
    const problems = findProblems(r).filter((p) => p.area === '数据完整性');
    expect(problems.map((p) => p.text).join()).toContain(
      '1 所学校（部）资源配置数据未填报完整，无法判定是否达标：第一中学',
    );
    expect(recommend(r)[0].text).toContain('首先补齐缺失数据');
  });
});

describe('年度对比', () => {
  it('tells which coefficients went down and how the verdicts moved', () => {
    const lines = comparisonSentences(comparison);
    expect(lines[0]).toBe('优质均衡结论：2024—2025学年为“未达标”，本学年仍“未达标”。');
    expect(lines[1]).toBe('基本均衡结论：2024—2025学年为“达标”，本学年仍“达标”。');
    // Only 第二中学's equipment changed (300,000 → 600,000 元).
    expect(lines).toContain('优质均衡小学 7 项差异系数均与上一学年持平。');
    expect(lines.join()).toMatch(/优质均衡初中 7 项差异系数中 1 项下降、0 项上升、6 项持平/);
    expect(lines).toContain('小学综合差异系数保持 0.092。');
    expect(lines).toContain('初中资源配置达标学校仍为 1/2 所。');
  });
});
