import { describe, expect, it } from 'vitest';
import {
  checkAmount,
  checkCount,
  checkCountyCode,
  checkJudgment,
  checkName,
  checkRatio,
  checkRegionCode,
  checkSchoolId,
  checkSeniorStudentsType,
  checkStageOfType,
  checkTeacherSubset,
  checkYear,
  duplicateStageMessage,
  schoolNameConflictMessage,
} from './rules.js';

describe('checkSchoolId', () => {
  it('accepts exactly 10 digits', () => {
    expect(checkSchoolId('2130012345')).toBeUndefined();
    expect(checkSchoolId('0130012345')).toBeUndefined();
  });
  it('names the length when digits are missing or extra', () => {
    expect(checkSchoolId('21300123')).toBe('应为 10 位数字，当前为 8 位：请按教育事业统计中的学校标识码填写');
    expect(checkSchoolId('213001234567')).toContain('当前为 12 位');
  });
  it('rejects letters, spaces, blanks and numbers', () => {
    expect(checkSchoolId('21300 12345')).toBe('只能由 10 位数字组成：请删除其中的空格、字母或符号');
    expect(checkSchoolId('A130012345')).toContain('只能由 10 位数字组成');
    expect(checkSchoolId(' ')).toBe('不能为空：请填写教育事业统计中的 10 位学校标识码');
    expect(checkSchoolId(2130012345)).toBe('应为 10 位数字组成的文本（如 "2130012345"），不要写成数值');
  });
});

describe('region and county codes', () => {
  it('need 6 digits', () => {
    expect(checkRegionCode('130123')).toBeUndefined();
    expect(checkRegionCode('13012')).toBe(
      '应为 6 位数字，当前为 5 位：请填写 GB/T 2260 行政区划代码（如 130123）',
    );
    expect(checkCountyCode('1301X3')).toBe(
      '只能由 6 位数字组成：请填写 GB/T 2260 县级行政区划代码（如 130123）',
    );
    expect(checkCountyCode(130123)).toContain('不要写成数值');
  });
});

describe('checkCount', () => {
  it('accepts null (未填报) and non-negative integers', () => {
    expect(checkCount(null)).toBeUndefined();
    expect(checkCount(0)).toBeUndefined();
    expect(checkCount(1394)).toBeUndefined();
  });
  it('rejects negatives, fractions and non-numbers, saying how to fix', () => {
    expect(checkCount(-3)).toBe('不能为负数：请填写实际数量；未掌握的数据不要填 0，应作为未填报（空白）处理');
    expect(checkCount(12.5)).toBe('应为整数：人数、班级数、间数、台数、册数不能有小数，请改为整数');
    expect(checkCount('12')).toBe('应为数值；未填报的数据不要填 0，应作为未填报（空白）处理');
    expect(checkCount(Number.NaN)).toContain('应为数值');
    expect(checkCount(undefined)).toContain('应为数值');
  });
});

describe('checkAmount', () => {
  it('accepts fractions but not negatives', () => {
    expect(checkAmount(1234.56)).toBeUndefined();
    expect(checkAmount(null)).toBeUndefined();
    expect(checkAmount(-0.5)).toBe('不能为负数：请填写实际面积或金额；未掌握的数据应作为未填报（空白）处理');
    expect(checkAmount(Number.POSITIVE_INFINITY)).toContain('应为数值');
  });
});

describe('checkRatio and checkJudgment', () => {
  it('ratios are fractions within 0..1', () => {
    expect(checkRatio(0.965)).toBeUndefined();
    expect(checkRatio(1)).toBeUndefined();
    expect(checkRatio(96.5)).toBe('比例应在 0%～100% 之间：请核对计算结果');
    expect(checkRatio(-0.1)).toBe('比例应在 0%～100% 之间：请核对计算结果');
  });
  it('judgments are booleans', () => {
    expect(checkJudgment(true)).toBeUndefined();
    expect(checkJudgment(null)).toBeUndefined();
    expect(checkJudgment('是')).toBe('应为“是”或“否”（JSON 中为 true 或 false）');
  });
});

describe('checkTeacherSubset', () => {
  it('a sub-kind may not exceed 专任教师数', () => {
    expect(checkTeacherSubset(40, 40)).toBeUndefined();
    expect(checkTeacherSubset(null, 40)).toBeUndefined();
    expect(checkTeacherSubset(41, null)).toBeUndefined();
    expect(checkTeacherSubset(41, 40)).toBe(
      '不能多于专任教师数（40 人）：该项教师是专任教师的一部分，请核对两项数字',
    );
  });
});

describe('checkStageOfType', () => {
  it('allows the stages of STAGES_OF_TYPE only', () => {
    expect(checkStageOfType('nineYear', 'junior')).toBeUndefined();
    expect(checkStageOfType('completeMiddle', 'junior')).toBeUndefined();
    expect(checkStageOfType('primary', 'junior')).toBe(
      '小学不能填报初中学段（只能填报小学）：请核对学段或学校类型；同时有小学和初中的学校，学校类型应为九年一贯制学校',
    );
    expect(checkStageOfType('teachingPoint', 'junior')).toContain('教学点不能填报初中学段');
  });
});

describe('checkSeniorStudentsType', () => {
  it('only 完全中学 and 十二年一贯制 report 高中部在校生数', () => {
    expect(checkSeniorStudentsType('completeMiddle', 800)).toBeUndefined();
    expect(checkSeniorStudentsType('twelveYear', 800)).toBeUndefined();
    expect(checkSeniorStudentsType('primary', null)).toBeUndefined();
    expect(checkSeniorStudentsType('nineYear', 300)).toBe(
      '只有完全中学、十二年一贯制学校填写高中部在校生数，本校为九年一贯制学校：请清空或核对学校类型',
    );
  });
});

describe('names and years', () => {
  it('checkName wants non-empty text', () => {
    expect(checkName('正定县')).toBeUndefined();
    expect(checkName('  ')).toBe('不能为空：请填写全称');
    expect(checkName(3)).toBe('应为文字');
  });
  it('checkYear wants the start year of the school year', () => {
    expect(checkYear(2025)).toBeUndefined();
    expect(checkYear(25)).toContain('如 2025 表示 2025—2026 学年');
    expect(checkYear(2025.5)).toContain('应为学年的起始年份');
  });
});

describe('messages across rows', () => {
  it('name where the first occurrence is', () => {
    expect(duplicateStageMessage('primary', '第 5 行')).toBe(
      '同一学校的小学学段重复（第 5 行已填报）：每所学校每个学段只能有一条，请删除或合并重复的一条',
    );
    expect(schoolNameConflictMessage('城关一小', '第 5 行')).toBe(
      '该学校标识码在第 5 行对应的学校名称是“城关一小”，与这里不同：同一标识码只能对应一所学校，请核对学校标识码或学校名称',
    );
  });
});
