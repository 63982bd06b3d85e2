import { describe, expect, it } from 'vitest';
import type { PublicZoning, PublicZoningPlan } from '../../api/publicAdmission';
import {
  defaultYear,
  nextIntakeYear,
  normalizeName,
  planStages,
  planYears,
  searchAreas,
} from './publicZoning';

const plan = (year: number, stage: 'primary' | 'junior'): PublicZoningPlan => ({
  planId: year * 10 + (stage === 'primary' ? 1 : 2),
  year,
  stage,
  title: `${year} ${stage}`,
  publishedAt: '2026-05-01T00:00:00Z',
});

describe('intake year', () => {
  it('is next autumn: the 学年 starts on 1 September', () => {
    // 2026-03: 学年 2025—2026 → children enter in autumn 2026.
    expect(nextIntakeYear(new Date(2026, 2, 15))).toBe(2026);
    // 2026-08-31 still 2025—2026; 2026-09-01 starts 2026—2027 → next intake 2027.
    expect(nextIntakeYear(new Date(2026, 7, 31))).toBe(2026);
    expect(nextIntakeYear(new Date(2026, 8, 1))).toBe(2027);
  });

  it('shows the next intake year first, else the next one published, else the latest', () => {
    const now = new Date(2026, 9, 1); // next intake 2027
    expect(defaultYear([], now)).toBeNull();
    expect(defaultYear([plan(2026, 'primary'), plan(2027, 'junior'), plan(2028, 'primary')], now)).toBe(2027);
    expect(defaultYear([plan(2025, 'primary'), plan(2029, 'primary'), plan(2028, 'junior')], now)).toBe(2028);
    expect(defaultYear([plan(2024, 'primary'), plan(2025, 'junior')], now)).toBe(2025);
  });

  it('lists years newest first and a year’s stages 小学 first', () => {
    const plans = [plan(2026, 'junior'), plan(2027, 'junior'), plan(2026, 'primary')];
    expect(planYears(plans)).toEqual([2027, 2026]);
    expect(planStages(plans, 2026)).toEqual(['primary', 'junior']);
    expect(planStages(plans, 2027)).toEqual(['junior']);
    expect(planStages(plans, null)).toEqual([]);
  });
});

describe('searchAreas', () => {
  const zoning: PublicZoning = {
    planId: 1,
    countyCode: '130660',
    countyName: '清源县',
    year: 2027,
    stage: 'primary',
    title: 't',
    publishedAt: '2026-05-01T00:00:00Z',
    schools: [
      {
        schoolId: 'A',
        name: '城关第一小学',
        address: '学府路 8 号',
        areas: [
          { id: '1', name: '阳光花园', kind: 'estate', township: '城关镇' },
          { id: '2', name: '阳光花园二期', kind: 'estate', township: '城关镇' },
          { id: '3', name: '花园里', kind: 'estate', township: '城关镇' },
        ],
      },
      {
        schoolId: 'B',
        name: '梨岭中心小学',
        address: null,
        areas: [
          { id: '4', name: '后黄口村', kind: 'village', township: '梨岭乡' },
          { id: '5', name: '黄口村', kind: 'village', township: '兴湾乡' },
        ],
      },
    ],
  };
  const ids = (q: string) => searchAreas(zoning, q).map((m) => m.area.id);

  it('finds nothing for an empty box or without a plan', () => {
    expect(ids('')).toEqual([]);
    expect(ids('  ')).toEqual([]);
    expect(searchAreas(null, '阳光')).toEqual([]);
  });

  it('ranks the exact name first, then names starting with it, then names containing it', () => {
    expect(ids('阳光花园')).toEqual(['1', '2']);
    expect(ids('花园')).toEqual(['3', '1', '2']);
    expect(ids('黄口村')).toEqual(['5', '4']);
    expect(searchAreas(zoning, '后黄口')[0]!.school.name).toBe('梨岭中心小学');
  });

  it('ignores spaces and full-width digits, and matches 乡镇 + name', () => {
    expect(normalizeName(' 阳光 花园２期 ')).toBe('阳光花园2期');
    expect(ids('阳光 花园')).toEqual(['1', '2']);
    expect(ids('梨岭乡后黄口')).toEqual(['4']);
  });

  it('lists a place the map has twice (same name, 乡镇 and school) once', () => {
    const twice: PublicZoning = {
      ...zoning,
      schools: [
        {
          ...zoning.schools[0]!,
          areas: [
            ...zoning.schools[0]!.areas,
            { id: '9', name: '阳光花园', kind: 'estate', township: '城关镇' },
          ],
        },
        zoning.schools[1]!,
      ],
    };
    expect(searchAreas(twice, '阳光花园').map((m) => m.area.id)).toEqual(['1', '2']);
  });

  it('finds a name inside a longer address, the longest name first', () => {
    expect(ids('城关镇阳光花园3号楼2单元')).toEqual(['1']);
    expect(ids('我家在阳光花园二期5栋')).toEqual(['2', '1']);
    expect(ids('不存在的地方')).toEqual([]);
  });
});
