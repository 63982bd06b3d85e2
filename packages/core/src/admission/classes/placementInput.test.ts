import { describe, expect, it } from 'vitest';
import { Refusal } from '../../messages/refusal.js';
import {
  asRosterRefusal,
  checkGradeLabel,
  checkPlacementSeed,
  checkPlacementYear,
  checkTeachers,
  headTeacherDrawTitle,
  placementStage,
} from './placementInput.js';
import { checkClasses } from './roster.js';

/** The refusal `fn` throws (it must throw one). */
function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    return err as Refusal;
  }
  throw new Error('expected a refusal');
}

describe('placement input', () => {
  it('takes the school’s only stage, and asks a nine-year school which', () => {
    expect(placementStage({ name: '一中', type: 'junior' })).toBe('junior');
    expect(placementStage({ name: '九年一贯制学校', type: 'nineYear' }, 'primary')).toBe('primary');
    const both = refusal(() => placementStage({ name: '九年一贯制学校', type: 'nineYear' }));
    expect([both.code, both.key, both.message]).toEqual([
      'invalidRequest',
      'classes.chooseStage',
      '九年一贯制学校的学段为小学、初中：请选择其中一个学段',
    ]);
    // A type without stages (none of core's today: the refusal stays for one added later).
    expect(refusal(() => placementStage({ name: '某校', type: 'other' as 'junior' })).message).toBe(
      '某校不是义务教育学校，不进行均衡分班',
    );
  });

  it('checks the grade’s name, the seed and the year', () => {
    expect(checkGradeLabel(undefined, 'primary')).toBe('一年级');
    expect(checkGradeLabel(' 七年级 ', 'junior')).toBe('七年级');
    expect(refusal(() => checkGradeLabel(' ', 'junior')).key).toBe('classes.gradeLabelInvalid');
    expect(checkPlacementSeed(undefined)).toBeUndefined();
    expect(checkPlacementSeed(' s1 ')).toBe('s1');
    expect(refusal(() => checkPlacementSeed('x'.repeat(65))).message).toBe('随机种子应为 1～64 个字符');
    expect(checkPlacementYear(2026)).toBe(2026);
    expect(refusal(() => checkPlacementYear(1999)).message).toBe(
      '学年必须是 2000～2100 之间的年份（收到 1999）',
    );
  });

  it('keeps the roster’s own words as a Refusal', () => {
    const r = refusal(() => asRosterRefusal(() => checkClasses(5, undefined, '七年级', 3)));
    expect([r.code, r.key]).toEqual(['invalidRequest', 'classes.rosterRefused']);
    expect(r.message).toContain('多于新生人数');
  });

  it('checks the head teachers: one per class, named, distinct', () => {
    expect(checkTeachers([' 王老师 ', '李老师'], 2)).toEqual(['王老师', '李老师']);
    expect(refusal(() => checkTeachers(['甲', '乙'], 3)).message).toBe(
      '班主任人数（2）应与班级数（3）相同：每班一名班主任',
    );
    expect(refusal(() => checkTeachers(['甲', '乙,丙'], 2)).message).toContain(
      '第 2 位班主任的姓名“乙,丙”无效',
    );
    expect(refusal(() => checkTeachers(['甲', '甲'], 2)).key).toBe('classes.teacherDuplicate');
    expect(headTeacherDrawTitle({ year: 2026, schoolName: '实验小学', gradeLabel: '一年级' })).toBe(
      '2026年实验小学一年级班主任派位',
    );
  });
});
