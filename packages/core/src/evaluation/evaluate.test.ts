import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../standards/overrides.js';
import { dataset, passingCountyInputs, school, stage } from './__fixtures__/build.js';
import { evaluate } from './evaluate.js';
import type { CoefficientRow, EvaluationResult } from './results.js';

const cv = (
  r: EvaluationResult,
  std: 'basic' | 'quality',
  st: 'primary' | 'junior',
  id: string,
): CoefficientRow =>
  r[std]!.stages.find((s) => s.stage === st)!.coefficients.find((c) => c.indicator === id)!;

describe('golden: the spec’s 3-school 生均教学仪器设备值 example through evaluate()', () => {
  // P = 200/500/300, R = 400 000 / 1 500 000 / 450 000 元 → X = 2000 / 3000 / 1500, CV 0.2862.
  const a = school({ name: 'A', stages: [stage('primary', 200, { equipmentValue: 400_000 })] });
  const b = school({ name: 'B', stages: [stage('primary', 500, { equipmentValue: 1_500_000 })] });
  const c = school({ name: 'C', stages: [stage('primary', 300, { equipmentValue: 450_000 })] });
  const r = evaluate(dataset([a, b, c]));
  const row = cv(r, 'quality', 'primary', 'equipmentPerStudent');

  it('weighted mean 2350, S 672.68, CV 0.2862, met against ≤ 0.50', () => {
    expect(row.mean).toBe(2350);
    expect(row.sd).toBeCloseTo(672.68, 2);
    expect(row.cv).toBeCloseTo(0.2862, 4);
    expect(row.threshold).toBe(0.5);
    expect(row.status).toBe('met');
  });
  it('lists each counted school with value and weight', () => {
    expect(row.schools.map((s) => [s.name, s.value, s.weight])).toEqual([
      ['A', 2000, 0.2],
      ['B', 3000, 0.5],
      ['C', 1500, 0.3],
    ]);
  });
  it('A at exactly 2000 元 meets the requirement ("以上" includes the boundary)', () => {
    const ra = r.quality!.schools.find((s) => s.name === 'A')!;
    expect(ra.indicators.find((i) => i.indicator === 'equipmentPerStudent')!.status).toBe('met');
    expect(ra.status).toBe('met');
  });
  it('C at 1500 元 is below 85% (1700): the school fails, short 150 000 元 (to 85%: 60 000 元)', () => {
    // To requirement: 2000 × 300 − 450 000 = 150 000. To floor: 1700 × 300 − 450 000 = 60 000.
    const rc = r.quality!.schools.find((s) => s.name === 'C')!;
    const eq = rc.indicators.find((i) => i.indicator === 'equipmentPerStudent')!;
    expect(eq.status).toBe('belowFloor');
    expect(eq.shortfall).toMatchObject({ toRequirement: 150_000, toFloor: 60_000, unit: '元' });
    expect(rc.status).toBe('unmet');
    expect(rc.metCount).toBe(6);
    // It may leave this one at 85% since all the other six are met: the cheapest plan adds 60 000 元.
    expect(rc.plan).toEqual([
      expect.objectContaining({ indicator: 'equipmentPerStudent', add: 60_000, target: 'floor' }),
    ]);
    expect(r.quality!.aspects[0].status).toBe('unmet');
    expect(r.quality!.status).toBe('unmet');
  });
});

describe('per-school rule: 6 of 7, the rest ≥ 85%', () => {
  // 1000 students; requirement 4.2 per 100 → 42 teachers; 85% → 35.7 → value 3.57.
  const ind = (s: ReturnType<typeof evaluate>, name: string) =>
    s.quality!.schools.find((x) => x.name === name)!;
  it('exactly at the requirement is met; exactly at 85% is floor; just below 85% is belowFloor', () => {
    const at = school({ name: 'at', stages: [stage('primary', 1000, { aboveDegreeTeachers: 42 })] });
    // 85% exactly: 3.57 per 100 with 10 000 students = 357 teachers.
    const floor = school({ name: 'floor', stages: [stage('primary', 10_000, { aboveDegreeTeachers: 357 })] });
    const below = school({ name: 'below', stages: [stage('primary', 10_000, { aboveDegreeTeachers: 356 })] });
    const r = evaluate(dataset([at, floor, below]), { standard: 'quality' });
    const st = (n: string) => ind(r, n).indicators.find((i) => i.indicator === 'aboveDegreePer100')!.status;
    expect(st('at')).toBe('met');
    expect(st('floor')).toBe('floor');
    expect(ind(r, 'floor').status).toBe('met');
    expect(st('below')).toBe('belowFloor');
    expect(ind(r, 'below').status).toBe('unmet');
  });
  it('two indicators below requirement fail even when both are above 85%', () => {
    const s = school({
      name: 'two',
      stages: [stage('primary', 1000, { aboveDegreeTeachers: 40, peArtsTeachers: 8 })],
    });
    const r = evaluate(dataset([s]), { standard: 'quality' });
    expect(ind(r, 'two').status).toBe('unmet');
    // Cheapest plan: one of the two may stay at ≥ 85% (both already are), the other is raised.
    // Raising 高学历 needs 2 teachers (300 000 元 est.), 体艺 needs 1 (150 000 元): raise 体艺.
    expect(ind(r, 'two').plan).toEqual([
      expect.objectContaining({
        indicator: 'peArtsPer100',
        add: 1,
        target: 'requirement',
        text: '补足体育艺术专任教师 1 名',
      }),
    ]);
  });
  it('reports shortfalls in natural units: "缺 3 名体育艺术专任教师", "缺 312 m² 教学及辅助用房"', () => {
    // 1000 students × 0.9 / 100 = 9 teachers needed, 6 present → 3. 1000 × 4.5 = 4500 m², 4188 present → 312.
    const s = school({
      name: 'short',
      stages: [stage('primary', 1000, { peArtsTeachers: 6, teachingSpace: 4188 })],
    });
    const r = evaluate(dataset([s]), { standard: 'quality' });
    const rs = ind(r, 'short');
    expect(rs.indicators.find((i) => i.indicator === 'peArtsPer100')!.shortfall!.toRequirement).toBe(3);
    expect(
      rs.indicators.find((i) => i.indicator === 'teachingSpacePerStudent')!.shortfall!.toRequirement,
    ).toBe(312);
    expect(rs.reason).toContain('缺 3 名 体育艺术专任教师');
    expect(rs.reason).toContain('缺 312 m² 教学及辅助用房');
  });
});

describe('edge cases', () => {
  it('one school: every CV is 0 and met', () => {
    const r = evaluate(dataset([school({ stages: [stage('primary', 640)] })]));
    for (const c of r.quality!.stages[0].coefficients) expect(c.cv).toBe(0);
    expect(r.basic!.stages[0].composite.value).toBe(0);
    expect(r.basic!.stages[0].composite.status).toBe('met');
  });
  it('all schools equal per student: CV 0', () => {
    const r = evaluate(
      dataset(
        [100, 400, 900].map((n) =>
          school({
            stages: [
              stage('junior', n, {
                fullTimeTeachers: n / 10,
                aboveDegreeTeachers: (n / 10) * 0.7,
                midTitleTeachers: n / 20,
                backboneTeachers: n / 50,
                peArtsTeachers: n / 50,
                multimediaRooms: n / 25,
                computers: n / 5,
              }),
            ],
          }),
        ),
      ),
    );
    for (const c of r.quality!.stages[1].coefficients) expect(c.cv).toBeCloseTo(0, 12);
  });
  it('a stage with no school is 不适用, not 0', () => {
    const r = evaluate(dataset([school({ stages: [stage('primary', 300)] })]));
    const junior = r.basic!.stages.find((s) => s.stage === 'junior')!;
    expect(junior.composite.status).toBe('notApplicable');
    expect(junior.coefficients[0].cv).toBeNull();
  });
  it('a school with zero students is excluded with a message, without division by zero', () => {
    const zero = school({ name: '空校', stages: [stage('primary', 0, { equipmentValue: 0 })] });
    const r = evaluate(dataset([zero, school({ stages: [stage('primary', 300)] })]));
    expect(r.excluded).toEqual([
      expect.objectContaining({ name: '空校', students: 0, reason: expect.stringContaining('在校生数为 0') }),
    ]);
    for (const c of r.quality!.stages[0].coefficients) expect(Number.isFinite(c.cv)).toBe(true);
    expect(r.quality!.schools.some((s) => s.name === '空校')).toBe(false);
  });
  it('a missing value flags the school and leaves the indicator and county incomplete', () => {
    const gap = school({ name: '缺数', stages: [stage('primary', 500, { books: null, sportsSpace: null })] });
    const r = evaluate(dataset([gap, school({ stages: [stage('primary', 300)] })]));
    expect(cv(r, 'basic', 'primary', 'booksPerStudent').status).toBe('incomplete');
    expect(cv(r, 'basic', 'primary', 'booksPerStudent').missing).toEqual([{ id: gap.id, name: '缺数' }]);
    expect(cv(r, 'quality', 'primary', 'sportsSpacePerStudent').status).toBe('incomplete');
    expect(r.basic!.stages[0].composite.status).toBe('incomplete');
    expect(r.issues.map((i) => i.field).sort()).toEqual(['books', 'sportsSpace']);
    expect(r.quality!.schools.find((s) => s.name === '缺数')!.status).toBe('incomplete');
    expect(r.status).toBe('incomplete');
  });
  it('missing data does not hide a failure already decided by known values', () => {
    const s = school({
      stages: [
        stage('primary', 1000, { books: null, sportsSpace: null, peArtsTeachers: 1, backboneTeachers: 1 }),
      ],
    });
    const r = evaluate(dataset([s]), { standard: 'quality' });
    expect(r.quality!.schools[0].status).toBe('unmet');
    // The plan covers what is known; the reason still names what is missing. 1000 students, 1 of each:
    //  骨干 needs 10 (add 9), 85% = 8.5 (add 8); 体艺 needs 9 (add 8), 85% = 7.65 (add 7).
    //  Leave 骨干 at 85%: 8 × 30 000 + 8 × 150 000 = 1 440 000 元; leave 体艺: 9 × 30 000 + 7 × 150 000
    //  = 1 320 000 元 — cheaper, so 体艺 is the one left at 85%.
    expect(r.quality!.schools[0].plan.map((p) => [p.indicator, p.add, p.target])).toEqual([
      ['backbonePer100', 9, 'requirement'],
      ['peArtsPer100', 7, 'floor'],
    ]);
    expect(r.quality!.schools[0].reason).toContain('未填报');
  });
});

describe('scope: exclusions are listed with reasons', () => {
  const tpSmall = school({ name: '小教学点', type: 'teachingPoint', stages: [stage('primary', 49)] });
  const tp50 = school({ name: '大教学点', type: 'teachingPoint', stages: [stage('primary', 50)] });
  const special = school({
    name: '特教学校',
    type: 'special',
    stages: [stage('primary', 60), stage('junior', 30)],
  });
  const normal = school({ stages: [stage('primary', 800)] });
  const r = evaluate(dataset([tpSmall, tp50, special, normal]));
  it('教学点 under 50 and 特教 are excluded from both standards', () => {
    const names = r.excluded.map((e) => `${e.name}/${e.stage}/${e.standards.join('+')}`).sort();
    expect(names).toEqual([
      '小教学点/primary/basic+quality',
      '特教学校/junior/basic+quality',
      '特教学校/primary/basic+quality',
    ]);
    expect(r.excluded.find((e) => e.name === '小教学点')!.reason).toContain('不足 50 人');
  });
  it('a 教学点 with exactly 50 students is evaluated', () => {
    expect(r.quality!.stages[0].schoolCount).toBe(2);
    expect(cv(r, 'quality', 'primary', 'equipmentPerStudent').schools.map((s) => s.name)).toContain(
      '大教学点',
    );
  });
});

describe('九年一贯制: whole-school facilities apportioned by student share (spec §e.2 example)', () => {
  // 600 小学 + 400 初中, 3 000 000 元 of equipment.
  const shared = {
    teachingSpace: 6000,
    sportsSpace: 12_000,
    equipmentValue: 3_000_000,
    multimediaRooms: 30,
    computers: 150,
    books: 40_000,
    musicRooms: 2,
    artRooms: 2,
  };
  const nine = () =>
    school({
      type: 'nineYear',
      sharedFacilities: shared,
      stages: [stage('primary', 600), stage('junior', 400)],
    });
  it('simple share: 小学 1 800 000 (3000 元/生), 初中 1 200 000 (3000 元/生)', () => {
    const r = evaluate(dataset([nine()]));
    expect(cv(r, 'quality', 'primary', 'equipmentPerStudent').schools[0].resource).toBeCloseTo(1_800_000, 6);
    expect(cv(r, 'quality', 'junior', 'equipmentPerStudent').schools[0].resource).toBeCloseTo(1_200_000, 6);
    expect(cv(r, 'quality', 'junior', 'equipmentPerStudent').mean).toBeCloseTo(3000, 9);
  });
  it('1 : 1.1 weighting: 600 : 440 → 小学 1 730 769 (2884.6 元/生), 初中 1 269 231 (3173.1 元/生)', () => {
    const standards = applyOverrides({ set: { 'quality2017.apportion.method': 'weighted' } });
    const r = evaluate(dataset([nine()]), { standards, standard: 'quality' });
    expect(cv(r, 'quality', 'primary', 'equipmentPerStudent').schools[0].resource).toBeCloseTo(
      1_730_769.23,
      1,
    );
    expect(cv(r, 'quality', 'primary', 'equipmentPerStudent').mean).toBeCloseTo(2884.6, 1);
    expect(cv(r, 'quality', 'junior', 'equipmentPerStudent').mean).toBeCloseTo(3173.1, 1);
    expect(r.rules.quality.apportionMethod).toBe('weighted');
    expect(r.rules.basic.apportionMethod).toBe('simple');
  });
  it('reports the method per standard: only 基本均衡 weighted → basic weighted, quality simple', () => {
    const standards = applyOverrides({ set: { 'basic2012.apportion.method': 'weighted' } });
    const r = evaluate(dataset([nine()]), { standards });
    expect(r.rules.basic.apportionMethod).toBe('weighted');
    expect(r.rules.quality.apportionMethod).toBe('simple');
  });
  it('完全中学: 高中 students take their share and are dropped', () => {
    const s = school({
      type: 'completeMiddle',
      seniorStudents: 600,
      sharedFacilities: shared,
      stages: [stage('junior', 400)],
    });
    const r = evaluate(dataset([s]));
    // simple share 400 / 1000 of 3 000 000 = 1 200 000.
    expect(cv(r, 'quality', 'junior', 'equipmentPerStudent').schools[0].resource).toBeCloseTo(1_200_000, 6);
  });
});

describe('基本均衡 composite', () => {
  it('is the mean of the 8 CVs, compared with 0.65 / 0.55', () => {
    const r = evaluate(
      dataset([
        school({ stages: [stage('primary', 200, { books: 200 * 20 })] }),
        school({ stages: [stage('primary', 800, { books: 800 * 40 })] }),
      ]),
      { standard: 'basic' },
    );
    const st = r.basic!.stages[0];
    const mean = st.coefficients.reduce((a, c) => a + c.cv!, 0) / 8;
    expect(st.coefficients).toHaveLength(8);
    expect(st.composite.value).toBeCloseTo(mean, 12);
    // Books: X = 20 / 40, weights 0.2 / 0.8, X̄ = 36, S = sqrt(0.2·256 + 0.8·16) = 8, CV = 8/36.
    expect(cv(r, 'basic', 'primary', 'booksPerStudent').cv).toBeCloseTo(8 / 36, 12);
    expect(st.composite.threshold).toBe(0.65);
    expect(r.quality).toBeUndefined();
  });
  it('prerequisite fails when a school does not meet the provincial standard', () => {
    const r = evaluate(
      dataset([school({ meetsProvincialStandard: false, stages: [stage('primary', 300)] })]),
      { standard: 'basic' },
    );
    const pre = r.basic!.items.find((i) => i.id === 'prerequisite')!;
    expect(pre.status).toBe('unmet');
    expect(r.basic!.status).toBe('unmet');
  });
});

describe('county-level items and vetoes', () => {
  const base = () => [
    school({ stages: [stage('primary', 300)] }),
    school({ stages: [stage('junior', 500)] }),
  ];
  it('all inputs passing: the county meets both standards', () => {
    const r = evaluate(dataset(base()));
    expect(r.basic!.status).toBe('met');
    expect(r.quality!.status).toBe('met');
    expect(r.status).toBe('met');
  });
  it('a missing county input is 未提供 and leaves the county incomplete, never passed', () => {
    const inputs = passingCountyInputs();
    delete inputs.retention;
    const r = evaluate(dataset(base(), inputs));
    const item = r
      .quality!.aspects.find((a) => a.key === 'quality')!
      .items.find((i) => i.id === 'retention')!;
    expect(item).toMatchObject({ display: '未提供', status: 'incomplete' });
    expect(r.quality!.status).toBe('incomplete');
  });
  it('a value exactly at the threshold meets a ≥ item; the strict < 0.15 item fails at 0.15', () => {
    const inputs = {
      ...passingCountyInputs(),
      retention: { value: 0.95 },
      monitoringDifference: { value: 0.15 },
    };
    const r = evaluate(dataset(base(), inputs));
    const q = r.quality!.aspects.find((a) => a.key === 'quality')!;
    expect(q.items.find((i) => i.id === 'retention')!.status).toBe('met');
    expect(q.items.find((i) => i.id === 'monitoringDifference')!.status).toBe('unmet');
  });
  it('a veto fails the county whatever the scores', () => {
    const r = evaluate(dataset(base(), { ...passingCountyInputs(), keySchools: { value: true } }));
    expect(r.quality!.vetoes.find((v) => v.id === 'keySchools')!.status).toBe('unmet');
    expect(r.quality!.status).toBe('unmet');
    expect(r.quality!.reasons).toContain('一票否决：存在“设置重点学校或重点班”情形');
  });
  it('school-derived items: school size, class size, music/art rooms', () => {
    const big = school({
      name: '大校',
      stages: [stage('primary', 2100, { maxClassSize: 56, musicRooms: 1 })],
    });
    const r = evaluate(dataset([big]));
    const gov = r.quality!.aspects.find((a) => a.key === 'government')!;
    expect(gov.items.find((i) => i.id === 'schoolSize')!.failingSchools![0].detail).toContain('2100');
    expect(gov.items.find((i) => i.id === 'classSize')!.status).toBe('unmet');
    // 2100 / 40 → 53 classes → ceil(53/12) = 5 rooms each; 1 music room present.
    expect(gov.items.find((i) => i.id === 'musicArtRooms')!.failingSchools![0].detail).toContain('各 5 间');
  });
});

describe('overrides', () => {
  it('a province raising the equipment requirement changes compliance and is recorded', () => {
    const s = school({ name: 'S', stages: [stage('primary', 100, { equipmentValue: 210_000 })] });
    const national = evaluate(dataset([s]), { standard: 'quality' });
    expect(
      national.quality!.schools[0].indicators.find((i) => i.indicator === 'equipmentPerStudent')!.status,
    ).toBe('met');
    const standards = applyOverrides({
      name: '某省细则',
      set: { 'quality2017.indicators.equipmentPerStudent.min.primary': 2200 },
    });
    const r = evaluate(dataset([s]), { standards, standard: 'quality' });
    expect(r.quality!.schools[0].indicators.find((i) => i.indicator === 'equipmentPerStudent')!.status).toBe(
      'floor',
    );
    expect(r.rules.overrides).toEqual([
      { path: 'quality2017.indicators.equipmentPerStudent.min.primary', from: 2000, to: 2200 },
    ]);
    expect(r.rules.overrideName).toBe('某省细则');
  });
  it('rejects unknown paths and wrong types with a Chinese message', () => {
    expect(() => applyOverrides({ set: { 'quality2017.cvMax.primery': 0.4 } })).toThrow(/不存在/);
    expect(() => applyOverrides({ set: { 'quality2017.cvMax.primary': '0.4' } })).toThrow(/类型不对/);
  });
});

describe('found in review: nothing silently passes', () => {
  const shared = {
    teachingSpace: 12_000,
    sportsSpace: 20_000,
    equipmentValue: 5_000_000,
    multimediaRooms: 40,
    computers: 300,
    books: 60_000,
    musicRooms: 3,
    artRooms: 3,
  };
  it('完全中学 without 高中部在校生数: whole-school facilities are not handed to the 初中 part', () => {
    const s = school({
      name: '一中',
      type: 'completeMiddle',
      seniorStudents: null,
      sharedFacilities: shared,
      stages: [stage('junior', 1000)],
    });
    const r = evaluate(dataset([s, school({ stages: [stage('junior', 600)] })]));
    expect(cv(r, 'quality', 'junior', 'teachingSpacePerStudent').status).toBe('incomplete');
    expect(r.issues).toEqual([
      expect.objectContaining({
        name: '一中',
        field: 'sharedFacilities',
        message: expect.stringContaining('高中部在校生数'),
      }),
    ]);
    expect(r.quality!.schools.find((x) => x.name === '一中')!.status).toBe('incomplete');
  });
  it('九年一贯制 with whole-school facilities but only one stage: facilities cannot be split', () => {
    const s = school({
      name: '九年制',
      type: 'nineYear',
      sharedFacilities: shared,
      stages: [stage('primary', 600)],
    });
    const r = evaluate(dataset([s]));
    expect(cv(r, 'quality', 'primary', 'equipmentPerStudent').status).toBe('incomplete');
    expect(r.issues[0].message).toContain('只有小学学段数据');
    // Teacher indicators do not depend on the split and are still computed.
    expect(cv(r, 'quality', 'primary', 'backbonePer100').status).toBe('met');
  });
  it('a county mean of 0 makes the CV undefined: incomplete with a reason, never passed', () => {
    const a = school({ stages: [stage('primary', 300, { computers: 0 })] });
    const b = school({ stages: [stage('primary', 500, { computers: 0 })] });
    const r = evaluate(dataset([a, b]), { standard: 'basic' });
    expect(cv(r, 'basic', 'primary', 'computersPer100').status).toBe('incomplete');
    expect(r.basic!.stages[0].composite.status).toBe('incomplete');
    expect(r.basic!.status).toBe('incomplete');
    expect(r.basic!.reasons.join()).toContain('县均值为 0');
  });
  it('a value just below the requirement is not shown rounded up to it', () => {
    // 1001 students, 42 teachers: 4.1958 per 100, shown as 4.196 rather than "4.20" against 4.2.
    const s = school({
      name: '差一点',
      stages: [stage('primary', 1001, { aboveDegreeTeachers: 42, peArtsTeachers: 5 })],
    });
    const r = evaluate(dataset([s]), { standard: 'quality' });
    const reason = r.quality!.schools[0].reason;
    expect(reason).toContain('4.196人（要求 4.2');
    expect(reason).not.toContain('4.20人');
  });
});
