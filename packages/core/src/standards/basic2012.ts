/**
 * @module 县域义务教育均衡发展督导评估暂行办法 (教督〔2012〕3号) as data.
 */
import type { BasicStandard } from './types.js';

export const BASIC_2012: BasicStandard = {
  id: 'basic2012',
  name: '县域义务教育基本均衡发展督导评估',
  document: '《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）',
  indicators: [
    'teachingSpacePerStudent',
    'sportsSpacePerStudent',
    'equipmentPerStudent',
    'computersPer100',
    'booksPerStudent',
    'teachersPerStudent',
    'aboveDegreePerStudent',
    'midTitlePerStudent',
  ],
  compositeCvMax: { primary: 0.65, junior: 0.55, source: 'unconfirmed（通行值）' },
  scope: {
    excludeTypes: ['special', 'vocational'],
    teachingPointMinStudents: 50,
    source: '各省口径不一 unconfirmed；默认同优质均衡（不含 50 人以下教学点）',
  },
  apportion: {
    method: 'simple',
    weights: { primary: 1, junior: 1.1, senior: 1.32 },
    source: '按学生数比例分摊 unconfirmed',
  },
  items: {
    prerequisite: {
      id: 'prerequisite',
      no: 1,
      name: '义务教育学校均达到省定办学基本标准',
      kind: 'schools',
      schoolRule: 'provincialStandard',
      source: 'S-moe2015',
    },
    governmentScore: {
      id: 'governmentScore',
      no: 2,
      name: '县级人民政府推进义务教育均衡发展工作评估得分不低于85分',
      kind: 'threshold',
      threshold: 85,
      compare: 'gte',
      unit: 'score',
      prompt: '县级政府推进工作评估得分（分）',
      source: 'unconfirmed',
    },
    satisfaction: {
      id: 'satisfaction',
      no: 3,
      name: '公众满意度不低于85%',
      kind: 'threshold',
      threshold: 0.85,
      compare: 'gte',
      unit: 'ratio',
      prompt: '公众满意度调查结果（%）',
      source: 'S-moe2015；85% unconfirmed',
    },
  },
};
