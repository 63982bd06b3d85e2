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

import {
  type AdmitInput,
  AdmitInputError,
  type AdmitResult,
  type AdmitSchool,
  type CutOff,
  PLACEMENT_HOW_NAMES,
  type Placement,
  type PlacementHow,
  type SchoolAdmission,
} from './admitTypes.js';
import type { AdmissionCategory, AdmissionCategoryConfig } from './categories.js';
import { buildFamilies, byRank, type Family } from './families.js';

export * from './admitTypes.js';
export { familyEntryKey, familyProblems } from './families.js';

/** Where each child and each school stands while the round is admitted. */
interface Ledger {
  readonly input: AdmitInput;
  readonly schoolIndex: Map<string, number>;
  /** Seats still free per school. */
  readonly spare: number[];
  /** The school each child is placed at (index), null while pending. */
  readonly placedAt: (number | null)[];
  readonly how: PlacementHow[];
  readonly byCat: Record<string, number>[];
  readonly zoneApplicants: number[];
  readonly refused: number[];
  readonly assigned: number[];
  readonly guaranteedAt: number[];
  readonly cutOff: (CutOff | null)[];
  readonly lotteryUsed: boolean[];
}

/** The checked schools, indexed by id. */
function indexSchools(schools: readonly AdmitSchool[]): Map<string, number> {
  const schoolIndex = new Map<string, number>();
  schools.forEach((s, j) => {
    if (schoolIndex.has(s.id)) throw new AdmitInputError(`学校重复：${s.id}`);
    if (!Number.isSafeInteger(s.capacity) || s.capacity < 0) {
      throw new AdmitInputError(`学校 ${s.id} 的计划招生数无效：${s.capacity}`);
    }
    schoolIndex.set(s.id, j);
  });
  return schoolIndex;
}

function newLedger(input: AdmitInput, schoolIndex: Map<string, number>): Ledger {
  const { config, schools, applicants } = input;
  const m = schools.length;
  return {
    input,
    schoolIndex,
    spare: schools.map((s) => s.capacity),
    placedAt: new Array(applicants.length).fill(null),
    how: new Array(applicants.length).fill('pending'),
    byCat: schools.map(() => Object.fromEntries(config.categories.map((c: AdmissionCategory) => [c.id, 0]))),
    zoneApplicants: new Array<number>(m).fill(0),
    refused: new Array<number>(m).fill(0),
    assigned: new Array<number>(m).fill(0),
    guaranteedAt: new Array<number>(m).fill(0),
    cutOff: new Array(m).fill(null),
    lotteryUsed: new Array<boolean>(m).fill(false),
  };
}

/** Places a whole family at school `s`. */
function place(l: Ledger, f: Family, s: number, h: PlacementHow): void {
  for (const i of f.members) {
    l.placedAt[i] = s;
    l.how[i] = h;
  }
  l.spare[s]! -= f.members.length;
}

/** A school's zone families grouped by tier, tiers in order. */
function tiersOf(zoneFamilies: Family[]): [number, Family[]][] {
  const tiers = new Map<number, Family[]>();
  for (const f of zoneFamilies) {
    const t = tiers.get(f.tier);
    if (t) t.push(f);
    else tiers.set(f.tier, [f]);
  }
  return [...tiers.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Phase 1 at school `s`: its zone's tiers in order, the lottery within the cut-off tier, every
 * later tier refused.
 * @param unplaced receives the families this school refused
 */
function admitZone(l: Ledger, s: number, zoneFamilies: Family[], unplaced: Family[]): void {
  let decided = false;
  for (const [t, tier] of tiersOf(zoneFamilies)) {
    const size = tier.reduce((n, f) => n + f.members.length, 0);
    if (decided) {
      unplaced.push(...tier);
      l.refused[s]! += size;
      continue;
    }
    if (size <= l.spare[s]!) {
      for (const f of tier) {
        place(l, f, s, 'zone');
        l.byCat[s]![f.lead.categoryId]! += f.members.length;
      }
      continue;
    }
    // The cut-off tier: the lottery decides among its family entries.
    decided = true;
    const lead = tier[0]!.lead;
    l.cutOff[s] = {
      categoryId: lead.categoryId,
      siblings: l.input.config.siblingPriority ? t % 2 === 0 : null,
    };
    l.lotteryUsed[s] = l.spare[s]! > 0;
    for (const f of [...tier].sort(byRank)) {
      if (f.members.length <= l.spare[s]!) {
        place(l, f, s, 'lottery');
        l.byCat[s]![f.lead.categoryId]! += f.members.length;
      } else {
        // Not all its children fit: the family stays together and the next entry is tried.
        unplaced.push(f);
        l.refused[s]! += f.members.length;
      }
    }
  }
}

/**
 * Phase 1 over every school.
 * @returns the families no zone school admitted (and those without a zone), for phase 2
 */
function admitZones(l: Ledger, families: Family[]): Family[] {
  const zoneFamilies: Family[][] = l.input.schools.map(() => []);
  for (const f of families) {
    if (f.lead.zoneSchoolId === null) continue;
    const s = l.schoolIndex.get(f.lead.zoneSchoolId)!;
    zoneFamilies[s]!.push(f);
    l.zoneApplicants[s]! += f.members.length;
  }
  const unplaced: Family[] = families.filter((f) => f.lead.zoneSchoolId === null);
  for (let s = 0; s < l.input.schools.length; s++) admitZone(l, s, zoneFamilies[s]!, unplaced);
  return unplaced;
}

/**
 * The school a guaranteed 随迁子女 family gets when none of its choices has room: an open school
 * with seats for all of it, in its zone school's group first, then the most spare seats (-1: none).
 */
function guaranteeSchool(l: Ledger, f: Family, open: boolean[]): number {
  const { schools } = l.input;
  const size = f.members.length;
  const zone = f.lead.zoneSchoolId === null ? -1 : l.schoolIndex.get(f.lead.zoneSchoolId)!;
  const group = zone >= 0 ? (schools[zone]!.group ?? null) : null;
  let best = -1;
  let bestSame = false;
  for (let s = 0; s < schools.length; s++) {
    if (!open[s] || l.spare[s]! < size) continue;
    const same = group !== null && schools[s]!.group === group;
    if (best < 0 || (same && !bestSame) || (same === bestSame && l.spare[s]! > l.spare[best]!)) {
      best = s;
      bestSame = same;
    }
  }
  return best;
}

/** Phase 2 — 统筹安排 over the schools that refused nobody of their zone. */
function assignUnplaced(l: Ledger, unplaced: Family[]): void {
  const open = l.input.schools.map((_, s) => l.cutOff[s] === null);
  unplaced.sort(
    (a, b) => Number(b.guaranteed) - Number(a.guaranteed) || a.catIndex - b.catIndex || byRank(a, b),
  );
  for (const f of unplaced) {
    const size = f.members.length;
    let target = -1;
    for (const id of f.lead.choices) {
      const s = l.schoolIndex.get(id)!;
      if (open[s] && l.spare[s]! >= size) {
        target = s;
        break;
      }
    }
    if (target >= 0) {
      place(l, f, target, f.guaranteed ? 'migrantGuarantee' : 'assigned');
    } else if (f.guaranteed) {
      const best = guaranteeSchool(l, f, open);
      if (best >= 0) place(l, f, best, 'migrantGuarantee');
    }
    const s = l.placedAt[f.members[0]!];
    if (s !== null && s !== undefined) {
      l.assigned[s]! += size;
      if (l.how[f.members[0]!] === 'migrantGuarantee') l.guaranteedAt[s]! += size;
    }
  }
}

/** The result: each child's placement, each school's figures, the pending and the 随迁子女 counts. */
function admissionResult(l: Ledger, families: Family[]): AdmitResult {
  const { schools, applicants } = l.input;
  const rankOf = new Map<number, number>();
  const guaranteedChild = new Set<number>();
  for (const f of families) {
    for (const i of f.members) {
      rankOf.set(i, f.rank);
      if (f.guaranteed) guaranteedChild.add(i);
    }
  }
  const placements: Placement[] = applicants.map((a, i) => {
    const s = l.placedAt[i];
    return {
      applicantId: a.id,
      schoolId: s === null || s === undefined ? null : schools[s]!.id,
      how: l.how[i]!,
      categoryId: a.categoryId,
      rank: rankOf.get(i)!,
    };
  });
  const result: SchoolAdmission[] = schools.map((sc, s) => {
    const zoneAdmitted = Object.values(l.byCat[s]!).reduce((x, y) => x + y, 0);
    return {
      schoolId: sc.id,
      capacity: sc.capacity,
      zoneApplicants: l.zoneApplicants[s]!,
      admittedByCategory: l.byCat[s]!,
      zoneAdmitted,
      refused: l.refused[s]!,
      assigned: l.assigned[s]!,
      migrantGuaranteed: l.guaranteedAt[s]!,
      seatsLeft: l.spare[s]!,
      cutOff: l.cutOff[s]!,
      lotteryUsed: l.lotteryUsed[s]!,
    };
  });
  let placedMigrants = 0;
  for (const i of guaranteedChild) if (l.placedAt[i] !== null) placedMigrants++;
  return {
    placements,
    schools: result,
    pending: placements.filter((p) => p.schoolId === null).length,
    migrants: { eligible: guaranteedChild.size, placed: placedMigrants },
  };
}

/**
 * Admits a round's applicants: by category within each zone, the lottery at the cut-off, then
 * 统筹安排 (see the module comment for every rule).
 * @throws AdmitInputError for unknown categories or schools, duplicate ids, a missing rank, or a
 *   family whose members differ in zone, category, conditions, siblings, choices or rank
 */
export function admitByZone(input: AdmitInput): AdmitResult {
  const schoolIndex = indexSchools(input.schools);
  const families = buildFamilies(input, schoolIndex);
  const ledger = newLedger(input, schoolIndex);
  assignUnplaced(ledger, admitZones(ledger, families));
  return admissionResult(ledger, families);
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
