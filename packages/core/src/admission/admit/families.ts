/**
 * @module Family entries of admission by zone: the children who apply together (same family key)
 * form one lottery entry, admitted or refused whole; their shared fields must agree.
 */
import { type AdmitApplicant, type AdmitInput, AdmitInputError } from './admitTypes.js';

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

export interface Family {
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
export function byRank(a: Family, b: Family): number {
  return a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function buildFamilies(input: AdmitInput, schoolIndex: Map<string, number>): Family[] {
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
