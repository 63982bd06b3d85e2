/**
 * @module 志愿录取方式对比: the round's 统筹 by 志愿 (choices) run two ways on the same children —
 * student-proposing deferred acceptance (延迟接受, what the system uses) and the Boston mechanism
 * (按志愿顺序录取，先一志愿, what many counties still use) — each audited by ../matching's
 * blockingPairs through compareMechanisms (nothing re-implemented here).
 *
 * What is compared (decision): this county uses 志愿 only for 统筹安排 of the places left after
 * 本片区录取, so the comparison takes
 * - applicants: the children NOT admitted in their zone (how = assigned / migrantGuarantee /
 *   pending) who listed at least one 志愿; each child counts alone (a family's children are served
 *   together in the real 统筹, one seat each here);
 * - capacities: the places left for 统筹 — a school that refused nobody of its zone offers its
 *   capacity minus those admitted in its zone; a school whose zone was decided by lottery (or
 *   refused someone) offers 0, exactly as phase 2 of admitByZone;
 * - priorities: the same order as the real 统筹 at every school — 随迁子女 meeting the conditions
 *   first, then by the county's category order — with single tie-breaking by the round's lottery
 *   rank. With this common order the deferred-acceptance row places the children exactly as the
 *   real 统筹 by 志愿 did (compareChoices.test.ts checks that equivalence).
 */
import { compareMechanisms, type MechanismId } from '../matching/audit.js';
import { fromSpec } from '../matching/types.js';
import type { AdmitApplicant, Placement, SchoolAdmission } from './admit.js';
import type { AdmissionCategory } from './categories.js';

/** What the comparison reads from a round's admission input and result. */
export interface ChoiceComparisonSource {
  readonly config: { readonly categories: readonly AdmissionCategory[] };
  readonly applicants: readonly Pick<AdmitApplicant, 'id' | 'categoryId' | 'migrantEligible' | 'choices'>[];
  /** Lottery rank (1 = drawn first) of each applicant. */
  readonly ranks: ReadonlyMap<string, number>;
  readonly placements: readonly Pick<Placement, 'applicantId' | 'how'>[];
  readonly schools: readonly Pick<SchoolAdmission, 'schoolId' | 'capacity' | 'zoneAdmitted' | 'cutOff'>[];
}

/** One mechanism's figures. */
export interface ChoiceMechanismRow {
  readonly mechanism: MechanismId;
  /** Short honest name for a table header. */
  readonly name: string;
  /** Longer honest label (stable? strategy-proof?). */
  readonly label: string;
  readonly strategyProof: boolean;
  /** Children placed at one of their 志愿. */
  readonly placed: number;
  /** Of them, at their first 志愿. */
  readonly firstChoice: number;
  /** Children placed at none of their 志愿. */
  readonly unplaced: number;
  /**
   * Children with justified envy (有理由的嫉妒): placed at a school they like less (or not placed)
   * although they had priority, at a school they ranked higher, over someone admitted there.
   */
  readonly envyApplicants: number;
  /** (child, school) pairs of justified envy. */
  readonly justifiedEnvyPairs: number;
}

/** The side-by-side comparison. */
export interface ChoiceComparison {
  /** The capacities used: the places left for 统筹 after 本片区录取 (see the module comment). */
  readonly basis: 'seatsLeftForAssignment';
  /** Children in the comparison (not admitted in their zone, at least one 志愿). */
  readonly applicants: number;
  /** Places offered to 统筹 in total. */
  readonly seats: number;
  /** Deferred acceptance first, then Boston. */
  readonly rows: [ChoiceMechanismRow, ChoiceMechanismRow];
}

const NAMES: Record<MechanismId, string> = {
  'deferred-acceptance': '延迟接受（本系统）',
  boston: '按志愿顺序录取（先一志愿）',
};

/**
 * Runs deferred acceptance and the Boston mechanism on the round's children who went to 统筹 with
 * 志愿, and reports each with core's audit.
 * @throws RangeError when a choice names a school not in `schools` or a rank is missing
 */
export function compareChoiceMechanisms(source: ChoiceComparisonSource): ChoiceComparison {
  const catIndex = new Map(source.config.categories.map((c, i) => [c.id, i]));
  const guaranteeCat = new Set(source.config.categories.filter((c) => c.migrantGuarantee).map((c) => c.id));
  const ncat = source.config.categories.length;
  const howOf = new Map(source.placements.map((p) => [p.applicantId, p.how]));
  const schools = source.schools.map((s) => ({
    id: s.schoolId,
    capacity: s.cutOff === null ? Math.max(0, s.capacity - s.zoneAdmitted) : 0,
  }));
  const applicants = source.applicants
    .filter((a) => {
      const how = howOf.get(a.id);
      return a.choices.length > 0 && how !== 'zone' && how !== 'lottery';
    })
    .map((a) => {
      const rank = source.ranks.get(a.id);
      if (rank === undefined) throw new RangeError(`申请人 ${a.id} 没有派位序号`);
      const guaranteed = a.migrantEligible && guaranteeCat.has(a.categoryId);
      const category = (guaranteed ? 0 : ncat) + (catIndex.get(a.categoryId) ?? ncat);
      return {
        id: a.id,
        choices: a.choices,
        priorities: Object.fromEntries(a.choices.map((c) => [c, category])),
        lottery: rank,
      };
    });
  const converted = fromSpec({ schools, applicants });
  const comparison = compareMechanisms(converted.input);
  const row = (r: (typeof comparison.rows)[number]): ChoiceMechanismRow => ({
    mechanism: r.mechanism,
    name: NAMES[r.mechanism],
    label: r.label,
    strategyProof: r.strategyProof,
    placed: r.placed,
    firstChoice: r.firstChoice,
    unplaced: applicants.length - r.placed,
    envyApplicants: r.envyApplicants,
    justifiedEnvyPairs: r.justifiedEnvyPairs,
  });
  return {
    basis: 'seatsLeftForAssignment',
    applicants: applicants.length,
    seats: schools.reduce((n, s) => n + s.capacity, 0),
    rows: [row(comparison.rows[0]), row(comparison.rows[1])],
  };
}
