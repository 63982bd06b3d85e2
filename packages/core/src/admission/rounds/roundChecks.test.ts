import { describe, expect, it } from 'vitest';
import { Refusal } from '../../messages/refusal.js';
import { DEFAULT_ADMISSION_CATEGORIES } from '../admit/categories.js';
import {
  checkPlaceSchools,
  checkRoundConfig,
  checkRoundPlaces,
  checkRoundStage,
  checkRoundTitle,
  checkRoundYear,
  type RoundPlaceSchool,
} from './roundChecks.js';

/** The refusal a call throws. */
function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('a round as the bureau sets it up', () => {
  it('takes year, stage and title, trimmed', () => {
    expect(checkRoundYear(2026)).toBe(2026);
    expect(checkRoundStage('junior')).toBe('junior');
    expect(checkRoundTitle('  2026年清源县小学招生 ')).toBe('2026年清源县小学招生');
  });

  it('refuses them with the words the page shows', () => {
    expect(refusal(() => checkRoundYear(1999)).message).toBe('学年必须是 2000～2100 之间的年份（收到 1999）');
    const stage = refusal(() => checkRoundStage('senior'));
    expect([stage.code, stage.message]).toEqual([
      'invalidRequest',
      '学段只能是 primary（小学）或 junior（初中），收到 senior',
    ]);
    expect(refusal(() => checkRoundTitle(' ')).message).toBe('请填写招生轮次名称，如“2026年清源县小学招生”');
    expect(refusal(() => checkRoundTitle('名'.repeat(101))).message).toBe('招生轮次名称不能超过 100 个字');
  });

  it('checks the categories with core and trims their names', () => {
    const cats = DEFAULT_ADMISSION_CATEGORIES.map((c, i) =>
      i === 0 ? { ...c, name: ` ${c.name} ` } : { ...c },
    );
    const config = checkRoundConfig(cats, true);
    expect(config.categories[0]!.name).toBe(DEFAULT_ADMISSION_CATEGORIES[0]!.name);
    expect(config.siblingPriority).toBe(true);
    expect(refusal(() => checkRoundConfig([], false)).message).toBe('至少需要一个招生类别');
  });

  it('checks the places and the schools they name', () => {
    expect(checkRoundPlaces([{ schoolId: 'A', places: 3 }])).toEqual([{ schoolId: 'A', places: 3 }]);
    expect(refusal(() => checkRoundPlaces('x')).message).toBe('计划招生数应为列表：[{schoolId, places}]');
    expect(
      refusal(() =>
        checkRoundPlaces([
          { schoolId: 'A', places: 1 },
          { schoolId: 'A', places: 2 },
        ]),
      ).message,
    ).toBe('学校 A 在计划招生数中出现了两次');
    expect(refusal(() => checkRoundPlaces([{ schoolId: 'A', places: -1 }])).message).toBe(
      '学校 A 的计划招生数应为 0—100000 的整数，收到 -1',
    );
    const school = (more: Partial<RoundPlaceSchool>): RoundPlaceSchool => ({
      id: 'A',
      name: '甲校',
      type: 'junior',
      status: 'open',
      countyCode: '130660',
      ...more,
    });
    const places = [{ schoolId: 'A', places: 1 }];
    const check = (s: RoundPlaceSchool | null) => () =>
      checkPlaceSchools(places, new Map(s ? [['A', s]] : []), '130660', 'primary');
    expect(refusal(check(null)).message).toBe('学校 A 不是本县学校：计划招生数只能填本县学校');
    expect(refusal(check(school({ status: 'closed' }))).message).toBe('甲校（A）已撤并或停办，不能招生');
    expect(refusal(check(school({}))).message).toBe('甲校（A）没有小学学段，不能列入本轮招生');
    expect(check(school({ type: 'nineYear' }))).not.toThrow();
  });
});
