/**
 * @module 按类别录取 (admission by category within each zone) and 统筹安排 of everyone left over.
 *
 * Phase 1 — 本片区录取, per school (capacity = its planned places for the round):
 * - The applicants whose zone school it is are taken tier by tier: the categories in the county's
 *   order (with 同校兄弟姐妹优先 enabled, each category splits into "with a sibling at the school"
 *   then "without"). A tier that fits entirely is admitted (how = `zone`).
 * - The first tier that does not fit is the cut-off: the lottery decides within it. Its family
 *   entries are taken in lottery rank order (rank 1 first). **A family (twins, siblings applying
 *   together) is admitted only if all its children fit in the seats still free; if not, it is
 *   refused and the next entry in rank order is tried**, so a later single child may take the last
 *   seat a pair of twins could not share. Those admitted here have how = `lottery` (派位录取).
 * - Every tier after the cut-off is refused at this school, even if a seat is left (a seat that no
 *   family of the cut-off tier could use): a lower category never passes a refused higher one. Such a
 *   school is full for phase 2 as well (its leftover seat is reported as `seatsLeft`).
 *
 * Phase 2 — 统筹安排, over the schools that refused nobody of their zone, with their spare seats:
 * - Families are served one at a time: first the 随迁子女 who meet the conditions (an applicant of a
 *   category flagged `migrantGuarantee` with `migrantEligible`), then everybody else; within each
 *   group by category order, then lottery rank. Each family takes its most preferred listed choice
 *   (志愿) that still has seats for all its children (how = `assigned`, 统筹安排).
 * - A 随迁子女 family whose choices are all full (or who listed none) is still given a place: the
 *   school with seats for the whole family in the same `group` (乡镇) as its zone school first, then
 *   the one with the most spare seats, then the first in input order (how = `migrantGuarantee`,
 *   随迁子女保障 — placed by choice or not, the guarantee is what placed it).
 * - Anyone else left is `pending` (待统筹安排): the bureau places them by hand.
 *
 * Why phase 2 is a serial dictatorship and not a separate call of `deferredAcceptance`: at a school
 * outside one's zone nobody has a school-specific priority here (the priority is the same everywhere:
 * guarantee, category, lottery rank), and with one common priority order student-proposing deferred
 * acceptance produces exactly the serial dictatorship in that order (each applicant, best first,
 * takes their best school with a free seat). Serving families whole needs that form, since the
 * matching module's mechanisms give each applicant one seat; properties.test.ts checks that on
 * instances without families the result is identical to `deferredAcceptance` of ../matching with the
 * same priorities and single tie-breaking by the lottery rank.
 *
 * One lottery number per child, never per application: every member of a family must carry the
 * same rank (one family entry in the draw), or the input is refused.
 */
import type { AdmissionCategory, AdmissionCategoryConfig } from './categories.js';

/** A school of the round. */
export interface AdmitSchool {
  readonly id: string;
  /** The school's name, for messages (城关一小（2113066001）); the id alone when absent. */
  readonly name?: string;
  /** Planned places (计划招生数) for this round. */
  readonly capacity: number;
  /** 乡镇 or another grouping: a guaranteed 随迁子女 with no usable choice is placed in their own group first. */
  readonly group?: string | null;
}

/** One child. */
export interface AdmitApplicant {
  readonly id: string;
  /** The child's 申请编号, for messages (the id when absent, e.g. a database id). */
  readonly ticket?: string;
  /** 划片学校; null when the child's address lies in no zone (they go to 统筹安排 directly). */
  readonly zoneSchoolId: string | null;
  /** A category id of the configuration. */
  readonly categoryId: string;
  /** 随迁子女条件是否满足 (counts only in a category flagged migrantGuarantee). */
  readonly migrantEligible: boolean;
  /** 同校兄弟姐妹: a brother or sister attends the zone school. */
  readonly siblingAtSchool: boolean;
  /** 多胞胎/同户编号: children with the same key form one family entry; null = a family of one. */
  readonly familyKey: string | null;
  /** 志愿学校 for 统筹安排, most preferred first (may be empty). */
  readonly choices: readonly string[];
}

export interface AdmitInput {
  readonly config: AdmissionCategoryConfig;
  readonly schools: readonly AdmitSchool[];
  readonly applicants: readonly AdmitApplicant[];
  /**
   * Lottery rank (1 = drawn first) of each applicant: the rank of the family entry the child is in,
   * so members of a family carry the same rank.
   */
  readonly ranks: ReadonlyMap<string, number>;
}

/** How a child was placed. */
export type PlacementHow = 'zone' | 'lottery' | 'assigned' | 'migrantGuarantee' | 'pending';

export const PLACEMENT_HOW_NAMES: Record<PlacementHow, string> = {
  zone: '本片区按类别录取',
  lottery: '派位录取',
  assigned: '统筹安排',
  migrantGuarantee: '随迁子女保障',
  pending: '待统筹安排',
};

/** Where one child was placed. */
export interface Placement {
  readonly applicantId: string;
  /** null when pending. */
  readonly schoolId: string | null;
  readonly how: PlacementHow;
  readonly categoryId: string;
  /** The family entry's lottery rank. */
  readonly rank: number;
}

/** The cut-off tier of a school. */
export interface CutOff {
  readonly categoryId: string;
  /**
   * With 同校兄弟姐妹优先: true = the cut-off fell among those with a sibling at the school, false =
   * among those without; null when the option is off.
   */
  readonly siblings: boolean | null;
}

/** One school's result. */
export interface SchoolAdmission {
  readonly schoolId: string;
  readonly capacity: number;
  /** Children whose zone school it is. */
  readonly zoneApplicants: number;
  /** Zone children admitted per category id (every configured category present, 0 if none). */
  readonly admittedByCategory: Readonly<Record<string, number>>;
  /** Zone children admitted in total (phase 1). */
  readonly zoneAdmitted: number;
  /** Zone children refused. */
  readonly refused: number;
  /** Placed here in phase 2 (统筹安排 and 随迁子女保障). */
  readonly assigned: number;
  /** Of them, by the 随迁子女 guarantee. */
  readonly migrantGuaranteed: number;
  /** Seats still free at the end. */
  readonly seatsLeft: number;
  /** The first tier that did not fit entirely, or null when every zone child was admitted. */
  readonly cutOff: CutOff | null;
  /** Whether the lottery decided who of the cut-off tier got the seats still free. */
  readonly lotteryUsed: boolean;
}

export interface AdmitResult {
  /** One per applicant, in input order. */
  readonly placements: readonly Placement[];
  /** One per school, in input order. */
  readonly schools: readonly SchoolAdmission[];
  /** Children left 待统筹安排. */
  readonly pending: number;
  /** 随迁子女 meeting the conditions: how many, and how many were placed. */
  readonly migrants: { readonly eligible: number; readonly placed: number };
}

/** An input the algorithm refuses; the message is Chinese and names the culprit. */
export class AdmitInputError extends Error {
  override name = 'AdmitInputError';
}

/** The key that groups an applicant into a family entry (its own id when it has no family key). */
export function familyEntryKey(a: Pick<AdmitApplicant, 'id' | 'familyKey'>): string {
  return a.familyKey !== null && a.familyKey !== '' ? `f:${a.familyKey}` : `a:${a.id}`;
}

/** A family whose members disagree on what must be shared, in Chinese; empty when all agree. */
export function familyProblems(applicants: readonly AdmitApplicant[]): string[] {
  const first = new Map<string, AdmitApplicant>();
  const out: string[] = [];
  for (const a of applicants) {
    if (a.familyKey === null || a.familyKey === '') continue;
    const f = first.get(a.familyKey);
    if (!f) {
      first.set(a.familyKey, a);
      continue;
    }
    const differs: string[] = [];
    if (f.zoneSchoolId !== a.zoneSchoolId) differs.push('划片学校');
    if (f.categoryId !== a.categoryId) differs.push('类别');
    if (f.migrantEligible !== a.migrantEligible) differs.push('随迁子女条件');
    if (f.siblingAtSchool !== a.siblingAtSchool) differs.push('同校兄弟姐妹');
    if (f.choices.join(',') !== a.choices.join(',')) differs.push('志愿学校');
    if (differs.length > 0) {
      out.push(
        `同户编号“${a.familyKey}”的儿童${differs.join('、')}不一致：同一家庭作为一个派位单位，请统一后再试`,
      );
    }
  }
  return out;
}

interface Family {
  readonly key: string;
  /** Indices into applicants, in input order. */
  readonly members: number[];
  readonly lead: AdmitApplicant;
  readonly catIndex: number;
  readonly tier: number;
  readonly rank: number;
  readonly guaranteed: boolean;
}

/** Rank order, then key (ranks are distinct in a real draw; the key only makes the order total). */
function byRank(a: Family, b: Family): number {
  return a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function buildFamilies(input: AdmitInput, schoolIndex: Map<string, number>): Family[] {
  const { config, applicants, ranks } = input;
  const catIndex = new Map(config.categories.map((c, i) => [c.id, i]));
  const seen = new Set<string>();
  const families = new Map<string, { members: number[] }>();
  applicants.forEach((a, i) => {
    if (seen.has(a.id)) throw new AdmitInputError(`申请人编号重复：${a.id}`);
    seen.add(a.id);
    if (!catIndex.has(a.categoryId)) {
      throw new AdmitInputError(`申请人 ${a.id} 的类别“${a.categoryId}”不在本轮招生类别中`);
    }
    if (a.zoneSchoolId !== null && !schoolIndex.has(a.zoneSchoolId)) {
      throw new AdmitInputError(`申请人 ${a.id} 的划片学校 ${a.zoneSchoolId} 不在本轮招生学校中`);
    }
    // A school twice in a 志愿 list is refused, never ignored (see validateMatchingInput).
    const chosen = new Map<string, number>();
    const who = a.ticket ?? a.id;
    a.choices.forEach((c, r) => {
      if (!schoolIndex.has(c)) throw new AdmitInputError(`申请人 ${who} 的志愿学校 ${c} 不在本轮招生学校中`);
      const first = chosen.get(c);
      if (first !== undefined) {
        const school = input.schools[schoolIndex.get(c)!]!;
        throw new AdmitInputError(
          `申请人 ${who} 的第 ${first + 1}、${r + 1} 志愿都是${school.name ? `${school.name}（${c}）` : `学校 ${c}`}：同一学校只能填报一次，重复的志愿不会被忽略，请删除重复的志愿`,
        );
      }
      chosen.set(c, r);
    });
    const rank = ranks.get(a.id);
    if (rank === undefined || !Number.isSafeInteger(rank) || rank < 1) {
      throw new AdmitInputError(`申请人 ${a.id} 没有派位序号：请先完成电脑派位`);
    }
    const key = familyEntryKey(a);
    const f = families.get(key);
    if (f) f.members.push(i);
    else families.set(key, { members: [i] });
  });
  const problems = familyProblems(applicants);
  if (problems.length > 0) throw new AdmitInputError(problems[0]!);
  const out: Family[] = [];
  for (const [key, { members }] of families) {
    const lead = applicants[members[0]!]!;
    const rank = ranks.get(lead.id)!;
    for (const m of members) {
      if (ranks.get(applicants[m]!.id) !== rank) {
        throw new AdmitInputError(
          `同户编号“${lead.familyKey}”的儿童派位序号不同：一个家庭只能有一个派位号（每个儿童一个随机数，而不是每份申请一个）`,
        );
      }
    }
    const ci = catIndex.get(lead.categoryId)!;
    const cat = config.categories[ci]!;
    const tier = ci * 2 + (config.siblingPriority && !lead.siblingAtSchool ? 1 : 0);
    out.push({
      key,
      members,
      lead,
      catIndex: ci,
      tier,
      rank,
      guaranteed: cat.migrantGuarantee && lead.migrantEligible,
    });
  }
  return out;
}

/**
 * Admits a round's applicants: by category within each zone, the lottery at the cut-off, then
 * 统筹安排 (see the module comment for every rule).
 * @throws AdmitInputError for unknown categories or schools, duplicate ids, a missing rank, or a
 *   family whose members differ in zone, category, conditions, siblings, choices or rank
 */
export function admitByZone(input: AdmitInput): AdmitResult {
  const { config, schools, applicants } = input;
  const schoolIndex = new Map<string, number>();
  schools.forEach((s, j) => {
    if (schoolIndex.has(s.id)) throw new AdmitInputError(`学校重复：${s.id}`);
    if (!Number.isSafeInteger(s.capacity) || s.capacity < 0) {
      throw new AdmitInputError(`学校 ${s.id} 的计划招生数无效：${s.capacity}`);
    }
    schoolIndex.set(s.id, j);
  });
  const families = buildFamilies(input, schoolIndex);
  const m = schools.length;
  const spare = schools.map((s) => s.capacity);
  const placedAt: (number | null)[] = new Array(applicants.length).fill(null);
  const how: PlacementHow[] = new Array(applicants.length).fill('pending');
  const byCat: Record<string, number>[] = schools.map(() =>
    Object.fromEntries(config.categories.map((c: AdmissionCategory) => [c.id, 0])),
  );
  const zoneApplicants = new Array<number>(m).fill(0);
  const refused = new Array<number>(m).fill(0);
  const assigned = new Array<number>(m).fill(0);
  const guaranteedAt = new Array<number>(m).fill(0);
  const cutOff: (CutOff | null)[] = new Array(m).fill(null);
  const lotteryUsed = new Array<boolean>(m).fill(false);

  const place = (f: Family, s: number, h: PlacementHow) => {
    for (const i of f.members) {
      placedAt[i] = s;
      how[i] = h;
    }
    spare[s]! -= f.members.length;
  };

  // ── Phase 1: each school's zone, tier by tier ──
  const zoneFamilies: Family[][] = schools.map(() => []);
  for (const f of families) {
    if (f.lead.zoneSchoolId === null) continue;
    const s = schoolIndex.get(f.lead.zoneSchoolId)!;
    zoneFamilies[s]!.push(f);
    zoneApplicants[s]! += f.members.length;
  }
  const unplaced: Family[] = families.filter((f) => f.lead.zoneSchoolId === null);
  for (let s = 0; s < m; s++) {
    const tiers = new Map<number, Family[]>();
    for (const f of zoneFamilies[s]!) {
      const t = tiers.get(f.tier);
      if (t) t.push(f);
      else tiers.set(f.tier, [f]);
    }
    let decided = false;
    for (const t of [...tiers.keys()].sort((a, b) => a - b)) {
      const tier = tiers.get(t)!;
      const size = tier.reduce((n, f) => n + f.members.length, 0);
      if (decided) {
        unplaced.push(...tier);
        refused[s]! += size;
        continue;
      }
      if (size <= spare[s]!) {
        for (const f of tier) {
          place(f, s, 'zone');
          byCat[s]![f.lead.categoryId]! += f.members.length;
        }
        continue;
      }
      // The cut-off tier: the lottery decides among its family entries.
      decided = true;
      const lead = tier[0]!.lead;
      cutOff[s] = {
        categoryId: lead.categoryId,
        siblings: config.siblingPriority ? t % 2 === 0 : null,
      };
      lotteryUsed[s] = spare[s]! > 0;
      for (const f of [...tier].sort(byRank)) {
        if (f.members.length <= spare[s]!) {
          place(f, s, 'lottery');
          byCat[s]![f.lead.categoryId]! += f.members.length;
        } else {
          // Not all its children fit: the family stays together and the next entry is tried.
          unplaced.push(f);
          refused[s]! += f.members.length;
        }
      }
    }
  }

  // ── Phase 2: 统筹安排 over the schools that refused nobody of their zone ──
  const open = schools.map((_, s) => cutOff[s] === null);
  unplaced.sort(
    (a, b) => Number(b.guaranteed) - Number(a.guaranteed) || a.catIndex - b.catIndex || byRank(a, b),
  );
  for (const f of unplaced) {
    const size = f.members.length;
    let target = -1;
    for (const id of f.lead.choices) {
      const s = schoolIndex.get(id)!;
      if (open[s] && spare[s]! >= size) {
        target = s;
        break;
      }
    }
    if (target >= 0) {
      place(f, target, f.guaranteed ? 'migrantGuarantee' : 'assigned');
    } else if (f.guaranteed) {
      const zone = f.lead.zoneSchoolId === null ? -1 : schoolIndex.get(f.lead.zoneSchoolId)!;
      const group = zone >= 0 ? (schools[zone]!.group ?? null) : null;
      let best = -1;
      let bestSame = false;
      for (let s = 0; s < m; s++) {
        if (!open[s] || spare[s]! < size) continue;
        const same = group !== null && schools[s]!.group === group;
        if (best < 0 || (same && !bestSame) || (same === bestSame && spare[s]! > spare[best]!)) {
          best = s;
          bestSame = same;
        }
      }
      if (best >= 0) place(f, best, 'migrantGuarantee');
    }
    const s = placedAt[f.members[0]!];
    if (s !== null && s !== undefined) {
      assigned[s]! += size;
      if (how[f.members[0]!] === 'migrantGuarantee') guaranteedAt[s]! += size;
    }
  }

  const rankOf = new Map<number, number>();
  const guaranteedChild = new Set<number>();
  for (const f of families) {
    for (const i of f.members) {
      rankOf.set(i, f.rank);
      if (f.guaranteed) guaranteedChild.add(i);
    }
  }
  const placements: Placement[] = applicants.map((a, i) => {
    const s = placedAt[i];
    return {
      applicantId: a.id,
      schoolId: s === null || s === undefined ? null : schools[s]!.id,
      how: how[i]!,
      categoryId: a.categoryId,
      rank: rankOf.get(i)!,
    };
  });
  const result: SchoolAdmission[] = schools.map((sc, s) => {
    const zoneAdmitted = Object.values(byCat[s]!).reduce((x, y) => x + y, 0);
    return {
      schoolId: sc.id,
      capacity: sc.capacity,
      zoneApplicants: zoneApplicants[s]!,
      admittedByCategory: byCat[s]!,
      zoneAdmitted,
      refused: refused[s]!,
      assigned: assigned[s]!,
      migrantGuaranteed: guaranteedAt[s]!,
      seatsLeft: spare[s]!,
      cutOff: cutOff[s]!,
      lotteryUsed: lotteryUsed[s]!,
    };
  });
  let placedMigrants = 0;
  for (const i of guaranteedChild) if (placedAt[i] !== null) placedMigrants++;
  return {
    placements,
    schools: result,
    pending: placements.filter((p) => p.schoolId === null).length,
    migrants: { eligible: guaranteedChild.size, placed: placedMigrants },
  };
}

/**
 * How a placement reads on a notice or in a list, e.g. 本片区第2类别（户籍）, 派位录取：本片区第1类别（…），
 * 统筹安排, 随迁子女保障, 待统筹安排.
 */
export function placementLabel(
  p: { how: PlacementHow; categoryId: string },
  config: AdmissionCategoryConfig,
): string {
  const i = config.categories.findIndex((c) => c.id === p.categoryId);
  const cat = i >= 0 ? `本片区第${i + 1}类别（${config.categories[i]!.name}）` : '本片区';
  switch (p.how) {
    case 'zone':
      return cat;
    case 'lottery':
      return `派位录取：${cat}`;
    default:
      return PLACEMENT_HOW_NAMES[p.how];
  }
}
