/**
 * @module A small hand-made county with known failures, for the report tests. Figures are chosen
 * so that every expected shortfall can be worked out by hand (see {@link handMadeCounty}).
 * Stage reports come from core's test builders (every requirement met by about 20%).
 */
import {
  type CountyDataset,
  compareYears,
  type EvaluationResult,
  evaluate,
  type School,
  type StageReport,
  type YearOverYear,
} from '@junheng/core';
import { passingCountyInputs, stage } from '../../../../../core/src/evaluation/__fixtures__/build.js';

function school(id: string, name: string, type: School['type'], report: StageReport): School {
  return {
    id,
    name,
    type,
    regionCode: '130123',
    locality: 'rural',
    meetsProvincialStandard: true,
    stages: [report],
  };
}

/**
 * 小学 (P = 900):
 *  - 城关小学 (400): meets everything; 体育场馆 30 m²/生 against 河西村小学's 9, so that CV fails.
 *  - 河西村小学 (500): 教学及辅助用房 1950 m² = 3.9 m²/生 (≥ 85% of 4.5) → 缺 4.5 × 500 − 1950 =
 *    300 m²; 体育艺术教师 3 = 0.6/百生 (< 85% of 0.9) → 缺 ceil(4.5 − 3) = 2 名. 5 of 7: fails.
 *    Cheapest plan: leave 教辅用房 at 85% (it already is), add the 2 teachers.
 *  - 北沟教学点 (30): fewer than 50 students, left out.
 * 初中 (P = 1400):
 *  - 第二中学 (600): 教学仪器设备 600,000 元 = 1000 元/生 (< 85% of 2500) → 缺 2500 × 600 −
 *    600,000 = 900,000 元; plan: raise to 85%, 2125 × 600 − 600,000 = 675,000 元.
 *  - 第一中学 (800): meets everything; 3000 元/生 against 1000, so the 初中 equipment CV (0.462)
 *    is above 0.45 too.
 * County: 城区和镇区公办初中就近划片入学比例 90% (< 95%); 交流轮岗比例 not reported.
 */
export function handMadeCounty(year = 2025): CountyDataset {
  const countyInputs = passingCountyInputs();
  countyInputs.nearbyJunior = { value: 0.9, note: '县实验中学跨片区招生' };
  delete countyInputs.rotation;
  return {
    county: { code: '130123', name: '测试县', province: '河北省' },
    year,
    countyInputs,
    schools: [
      school('1301230001', '城关小学', 'primary', stage('primary', 400, { sportsSpace: 400 * 30 })),
      school(
        '1301230002',
        '河西村小学',
        'primary',
        stage('primary', 500, { teachingSpace: 1950, peArtsTeachers: 3 }),
      ),
      school('1301230003', '北沟教学点', 'teachingPoint', stage('primary', 30)),
      school('1301230004', '第二中学', 'junior', stage('junior', 600, { equipmentValue: 600_000 })),
      school('1301230005', '第一中学', 'junior', stage('junior', 800)),
    ],
  };
}

/** The county evaluated, and compared with a previous year in which 第二中学 had even less equipment. */
export function handMadeResults(): { result: EvaluationResult; comparison: YearOverYear } {
  const prevDs = handMadeCounty(2024);
  prevDs.schools.find((s) => s.name === '第二中学')!.stages[0].equipmentValue = 300_000;
  const result = evaluate(handMadeCounty(2025));
  return { result, comparison: compareYears(evaluate(prevDs), result) };
}
