import { describe, expect, it } from 'vitest';
import {
  type AdmitApplicant,
  AdmitInputError,
  admitByZone,
  familyProblems,
  placementLabel,
} from './admit.js';
import {
  checkCategoryConfig,
  DEFAULT_ADMISSION_CATEGORIES,
  defaultCategoryConfig,
  findCategory,
} from './categories.js';
import { applicantRanks, familyEntries } from './entries.js';

function app(
  id: string,
  zone: string | null,
  categoryId: string,
  more: Partial<AdmitApplicant> = {},
): AdmitApplicant {
  return {
    id,
    zoneSchoolId: zone,
    categoryId,
    migrantEligible: false,
    siblingAtSchool: false,
    familyKey: null,
    choices: [],
    ...more,
  };
}

describe('categories', () => {
  it('has the five usual categories in the usual order, 随迁子女 guaranteed', () => {
    expect(DEFAULT_ADMISSION_CATEGORIES.map((c) => c.name)).toEqual([
      '户籍与房产一致',
      '户籍',
      '房产',
      '居住证随迁子女',
      '其他',
    ]);
    expect(DEFAULT_ADMISSION_CATEGORIES.filter((c) => c.migrantGuarantee).map((c) => c.id)).toEqual([
      'migrant',
    ]);
    expect(checkCategoryConfig(defaultCategoryConfig())).toBeUndefined();
  });

  it('refuses duplicate ids or names, bad ids and empty lists, in Chinese', () => {
    const base = defaultCategoryConfig();
    expect(checkCategoryConfig({ ...base, categories: [] })).toBe('至少需要一个招生类别');
    expect(
      checkCategoryConfig({
        ...base,
        categories: [...base.categories, { id: 'hukou', name: '新', migrantGuarantee: false }],
      }),
    ).toContain('标识“hukou”重复');
    expect(
      checkCategoryConfig({
        ...base,
        categories: [...base.categories, { id: 'x', name: '户籍', migrantGuarantee: false }],
      }),
    ).toContain('名称“户籍”重复');
    expect(
      checkCategoryConfig({ ...base, categories: [{ id: '1a', name: '甲', migrantGuarantee: false }] }),
    ).toContain('应以字母开头');
    expect(checkCategoryConfig({ categories: base.categories })).toContain('同校兄弟姐妹优先');
  });

  it('finds a category by name or id', () => {
    const c = defaultCategoryConfig();
    expect(findCategory(c, ' 户籍 ')?.id).toBe('hukou');
    expect(findCategory(c, 'migrant')?.name).toBe('居住证随迁子女');
    expect(findCategory(c, '外地')).toBeUndefined();
  });
});

describe('admitByZone — worked example (checked by hand)', () => {
  // A: 4 places; zone A has 1 户籍与房产一致 (a1), 户籍: twins a3+a4 (rank 1), a5 (rank 2), a2 (rank 3),
  //    and 房产 a6 (rank 4, choices B, C).
  //    → a1 admitted (category 1 fits), 户籍 needs 4 > 3 left: cut-off, lottery: twins (2 of 3 left),
  //      a5 (last seat), a2 refused; a6 refused (a lower category after the cut-off). A is closed for 统筹.
  // B: 3 places; zone B: b1 (类别1), b2 (随迁, eligible) → both admitted, 1 seat left.
  // C: 2 places; zone C: c1 (其他) → admitted, 1 seat left.
  // No zone: m1 (随迁, eligible, rank 9, no choices), o1 (其他, rank 10, choices C).
  // 统筹 order: m1 (guaranteed) first → no choice, fallback: B and C both 1 seat, B first → B.
  //   then a2 (户籍, no choices) → 待统筹; a6 (房产): B full, C 1 seat → C; o1: C full → 待统筹.
  const config = defaultCategoryConfig();
  const schools = [
    { id: 'A', capacity: 4, group: '柳林镇' },
    { id: 'B', capacity: 3, group: '柳林镇' },
    { id: 'C', capacity: 2, group: '石桥乡' },
  ];
  const applicants = [
    app('a1', 'A', 'hukouProperty'),
    app('a2', 'A', 'hukou'),
    app('a3', 'A', 'hukou', { familyKey: 'T' }),
    app('a4', 'A', 'hukou', { familyKey: 'T' }),
    app('a5', 'A', 'hukou'),
    app('a6', 'A', 'property', { choices: ['B', 'C'] }),
    app('b1', 'B', 'hukouProperty'),
    app('b2', 'B', 'migrant', { migrantEligible: true }),
    app('c1', 'C', 'other'),
    app('m1', null, 'migrant', { migrantEligible: true }),
    app('o1', null, 'other', { choices: ['C'] }),
  ];
  const ranks = new Map([
    ['a1', 5],
    ['a2', 3],
    ['a3', 1],
    ['a4', 1],
    ['a5', 2],
    ['a6', 4],
    ['b1', 6],
    ['b2', 7],
    ['c1', 8],
    ['m1', 9],
    ['o1', 10],
  ]);
  const r = admitByZone({ config, schools, applicants, ranks });
  const where = Object.fromEntries(r.placements.map((p) => [p.applicantId, [p.schoolId, p.how]]));

  it('places every child as worked out by hand', () => {
    expect(where).toEqual({
      a1: ['A', 'zone'],
      a2: [null, 'pending'],
      a3: ['A', 'lottery'],
      a4: ['A', 'lottery'],
      a5: ['A', 'lottery'],
      a6: ['C', 'assigned'],
      b1: ['B', 'zone'],
      b2: ['B', 'zone'],
      c1: ['C', 'zone'],
      m1: ['B', 'migrantGuarantee'],
      o1: [null, 'pending'],
    });
    expect(r.pending).toBe(2);
    expect(r.migrants).toEqual({ eligible: 2, placed: 2 });
  });

  it('reports each school: capacity, admitted by category, cut-off and lottery', () => {
    const [a, b, c] = r.schools;
    expect(a).toEqual({
      schoolId: 'A',
      capacity: 4,
      zoneApplicants: 6,
      admittedByCategory: { hukouProperty: 1, hukou: 3, property: 0, migrant: 0, other: 0 },
      zoneAdmitted: 4,
      refused: 2,
      assigned: 0,
      migrantGuaranteed: 0,
      seatsLeft: 0,
      cutOff: { categoryId: 'hukou', siblings: null },
      lotteryUsed: true,
    });
    expect(b).toMatchObject({
      zoneAdmitted: 2,
      assigned: 1,
      migrantGuaranteed: 1,
      seatsLeft: 0,
      cutOff: null,
      lotteryUsed: false,
    });
    expect(c).toMatchObject({
      zoneAdmitted: 1,
      assigned: 1,
      migrantGuaranteed: 0,
      seatsLeft: 0,
      cutOff: null,
    });
  });

  it('labels placements in Chinese', () => {
    const label = (id: string) => placementLabel(r.placements.find((p) => p.applicantId === id)!, config);
    expect(label('a1')).toBe('本片区第1类别（户籍与房产一致）');
    expect(label('a5')).toBe('派位录取：本片区第2类别（户籍）');
    expect(label('a6')).toBe('统筹安排');
    expect(label('m1')).toBe('随迁子女保障');
    expect(label('o1')).toBe('待统筹安排');
  });
});

describe('admitByZone — rules', () => {
  const config = defaultCategoryConfig();

  it('a family that does not fit is skipped and the next entry takes the seat', () => {
    // 1 place; twins drawn first cannot both come, the single child drawn second gets the seat.
    const r = admitByZone({
      config,
      schools: [{ id: 'S', capacity: 1 }],
      applicants: [
        app('t1', 'S', 'hukou', { familyKey: 'F' }),
        app('t2', 'S', 'hukou', { familyKey: 'F' }),
        app('x', 'S', 'hukou'),
      ],
      ranks: new Map([
        ['t1', 1],
        ['t2', 1],
        ['x', 2],
      ]),
    });
    expect(r.placements.map((p) => p.schoolId)).toEqual([null, null, 'S']);
    expect(r.schools[0]!.lotteryUsed).toBe(true);
  });

  it('with no seat left at the cut-off, nobody is admitted and no lottery was needed', () => {
    const r = admitByZone({
      config,
      schools: [{ id: 'S', capacity: 1 }],
      applicants: [app('a', 'S', 'hukouProperty'), app('b', 'S', 'hukou')],
      ranks: new Map([
        ['a', 2],
        ['b', 1],
      ]),
    });
    expect(r.schools[0]).toMatchObject({
      cutOff: { categoryId: 'hukou', siblings: null },
      lotteryUsed: false,
      refused: 1,
    });
  });

  it('同校兄弟姐妹优先 puts siblings first within a category, never above a higher one', () => {
    const withSiblings = { ...config, siblingPriority: true };
    const applicants = [
      app('p', 'S', 'hukouProperty'),
      app('h1', 'S', 'hukou'),
      app('h2', 'S', 'hukou', { siblingAtSchool: true }),
      app('q', 'S', 'property', { siblingAtSchool: true }),
    ];
    const ranks = new Map([
      ['p', 4],
      ['h1', 1],
      ['h2', 3],
      ['q', 2],
    ]);
    const r = admitByZone({ config: withSiblings, schools: [{ id: 'S', capacity: 2 }], applicants, ranks });
    expect(r.placements.filter((x) => x.schoolId === 'S').map((x) => x.applicantId)).toEqual(['p', 'h2']);
    expect(r.schools[0]!.cutOff).toEqual({ categoryId: 'hukou', siblings: false });
    const off = admitByZone({ config, schools: [{ id: 'S', capacity: 2 }], applicants, ranks });
    expect(off.placements.filter((x) => x.schoolId === 'S').map((x) => x.applicantId)).toEqual(['p', 'h1']);
  });

  it('a guaranteed 随迁 child without a usable choice goes to a school of their own township first', () => {
    const r = admitByZone({
      config,
      schools: [
        { id: 'Z', capacity: 1, group: '甲镇' },
        { id: 'Far', capacity: 9, group: '乙乡' },
        { id: 'Near', capacity: 2, group: '甲镇' },
      ],
      applicants: [app('z', 'Z', 'hukou'), app('m', 'Z', 'migrant', { migrantEligible: true })],
      ranks: new Map([
        ['z', 2],
        ['m', 1],
      ]),
    });
    expect(r.placements[1]).toMatchObject({ schoolId: 'Near', how: 'migrantGuarantee' });
  });

  it('refuses what it cannot admit fairly, in Chinese', () => {
    const s = [{ id: 'S', capacity: 1 }];
    expect(() =>
      admitByZone({ config, schools: s, applicants: [app('a', 'S', 'vip')], ranks: new Map([['a', 1]]) }),
    ).toThrow('类别“vip”不在本轮招生类别中');
    expect(() =>
      admitByZone({ config, schools: s, applicants: [app('a', 'X', 'hukou')], ranks: new Map([['a', 1]]) }),
    ).toThrow(AdmitInputError);
    expect(() =>
      admitByZone({ config, schools: s, applicants: [app('a', 'S', 'hukou')], ranks: new Map() }),
    ).toThrow('没有派位序号');
    // Siblings with different numbers: the known failure the one-number-per-family rule prevents.
    expect(() =>
      admitByZone({
        config,
        schools: s,
        applicants: [app('a', 'S', 'hukou', { familyKey: 'F' }), app('b', 'S', 'hukou', { familyKey: 'F' })],
        ranks: new Map([
          ['a', 1],
          ['b', 2],
        ]),
      }),
    ).toThrow('一个家庭只能有一个派位号');
    // A school twice in one 志愿 list is refused (never silently ignored), naming the child by its
    // 申请编号 and the school by its name, with the two positions.
    expect(() =>
      admitByZone({
        config,
        schools: [
          { id: 'S', capacity: 1, name: '城关一小' },
          { id: 'T', capacity: 1, name: '城关二小' },
        ],
        applicants: [{ ...app('7', null, 'hukou', { choices: ['T', 'S', 'T'] }), ticket: '2026-000007' }],
        ranks: new Map([['7', 1]]),
      }),
    ).toThrow(
      '申请人 2026-000007 的第 1、3 志愿都是城关二小（T）：同一学校只能填报一次，重复的志愿不会被忽略',
    );
    expect(
      familyProblems([
        app('a', 'S', 'hukou', { familyKey: 'F' }),
        app('b', 'S', 'other', { familyKey: 'F' }),
      ]),
    ).toEqual(['同户编号“F”的儿童类别不一致：同一家庭作为一个派位单位，请统一后再试']);
  });
});

describe('familyEntries', () => {
  it('gives one entry per family with the family’s first ticket', () => {
    const entries = familyEntries([
      { id: '1', ticket: '2026-000003', familyKey: 'F' },
      { id: '2', ticket: '2026-000001', familyKey: null },
      { id: '3', ticket: '2026-000002', familyKey: 'F' },
    ]);
    expect(entries).toEqual([
      { ticket: '2026-000001', members: [{ id: '2', ticket: '2026-000001' }] },
      {
        ticket: '2026-000002',
        members: [
          { id: '3', ticket: '2026-000002' },
          { id: '1', ticket: '2026-000003' },
        ],
      },
    ]);
    const ranks = applicantRanks(
      entries,
      new Map([
        ['2026-000001', 2],
        ['2026-000002', 1],
      ]),
    );
    expect(Object.fromEntries(ranks)).toEqual({ '1': 1, '2': 2, '3': 1 });
  });
});
