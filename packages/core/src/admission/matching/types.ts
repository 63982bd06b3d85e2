/**
 * @module Input of the multi-school assignment (多志愿录取) mechanisms, as typed arrays for speed,
 * plus a friendly object form and its converter.
 *
 * Priority of applicant i at school s is the pair (category, lottery), compared lexicographically,
 * lower wins: first the category rank (0 = highest, e.g. 学区内户籍 before 随迁子女), then the
 * lottery number. Single tie-breaking: each applicant has ONE lottery number, used at every school.
 * If two applicants have the same category and lottery number, the lower applicant index wins, so
 * priorities are always strict.
 */

/** Typed-array input. Applicants are 0..applicants−1, schools 0..schools−1. */
export interface MatchingInput {
  /** Number of applicants. */
  readonly applicants: number;
  /** Number of schools. */
  readonly schools: number;
  /** Choice slots per applicant. */
  readonly k: number;
  /**
   * Applicant-major rank-order lists: choices[i·k + r] is applicant i's (r+1)-th choice, −1 = none.
   * −1 may only pad the end of a list; a school may appear at most once in one list.
   */
  readonly choices: Int32Array;
  /** Seats per school (≥ 0). */
  readonly capacity: Int32Array;
  /**
   * Category rank aligned with choices: category[i·k + r] is applicant i's category at school
   * choices[i·k + r] (0..255, lower = higher priority). Ignored where the choice is −1.
   */
  readonly category: Uint8Array;
  /** One lottery number per applicant, the same at every school; lower wins. */
  readonly lottery: Uint32Array;
}

/** Result of a mechanism. */
export interface MatchingResult {
  /** assignment[i] = school of applicant i, or −1 if unplaced. */
  readonly assignment: Int32Array;
  /** Deferred acceptance: waves of the proposal queue. Boston: rounds actually run. */
  readonly rounds: number;
  /** Applications made in total (each applicant to each school at most once). */
  readonly proposals: number;
}

/** Category used by the friendly form when an applicant has no listed priority at a school. */
export const NO_PRIORITY = 255;

/** 2³²: the category weight in the combined priority key. */
const LOTTERY_SPAN = 4294967296;

/**
 * Combined priority key: category·2³² + lottery, exact in a float64 (< 2⁴⁰). Lower is better;
 * equal keys are broken by the lower applicant index.
 */
export function priorityKey(category: number, lottery: number): number {
  return category * LOTTERY_SPAN + lottery;
}

/** How messages name applicants and schools (ids or 编号, not array indexes). */
export interface MatchingLabels {
  applicant?(i: number): string;
  school?(s: number): string;
}

/**
 * Checks sizes and ranges; throws RangeError in Chinese on the first problem.
 * Linear in applicants·k (one stamp per school to find repeated choices).
 *
 * A school repeated in one list is REFUSED, not ignored: a list is the family's stated
 * preferences, and a repeat is a typing error that may hide the school they meant (ignoring it
 * would silently shorten their list). The message names the applicant, the school and both
 * positions (第 1、3 志愿), by `labels` when given (fromSpec passes the ids).
 * @param labels how to name applicant i and school s (default: 第 i+1 名申请人, 第 s+1 所学校)
 */
export function validateMatchingInput(input: MatchingInput, labels: MatchingLabels = {}): void {
  const who = (i: number) => (labels.applicant ? `申请人 ${labels.applicant(i)} ` : `第 ${i + 1} 名申请人`);
  const which = (s: number) => (labels.school ? `学校 ${labels.school(s)}` : `第 ${s + 1} 所学校`);
  const { applicants, schools, k, choices, capacity, category, lottery } = input;
  if (!Number.isInteger(applicants) || applicants < 0) throw new RangeError(`申请人数无效：${applicants}`);
  if (!Number.isInteger(schools) || schools < 0) throw new RangeError(`学校数无效：${schools}`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`志愿数无效：${k}`);
  if (choices.length !== applicants * k) throw new RangeError(`choices 长度应为 ${applicants * k}`);
  if (category.length !== applicants * k) throw new RangeError(`category 长度应为 ${applicants * k}`);
  if (lottery.length !== applicants) throw new RangeError(`lottery 长度应为 ${applicants}`);
  if (capacity.length !== schools) throw new RangeError(`capacity 长度应为 ${schools}`);
  for (let s = 0; s < schools; s++) {
    if (capacity[s]! < 0) throw new RangeError(`学校 ${s} 的学位数为负：${capacity[s]}`);
  }
  const stamp = new Int32Array(schools).fill(-1);
  /** Where school s is in the current applicant's list (valid where stamp[s] is the applicant). */
  const at = new Int32Array(schools);
  for (let i = 0; i < applicants; i++) {
    let ended = false;
    for (let r = 0, p = i * k; r < k; r++, p++) {
      const s = choices[p]!;
      if (s === -1) {
        ended = true;
        continue;
      }
      if (ended) throw new RangeError(`${who(i)}的第 ${r + 1} 志愿前有空志愿（-1 只能在末尾）`);
      if (s < 0 || s >= schools) throw new RangeError(`${who(i)}的第 ${r + 1} 志愿学校编号无效：${s}`);
      if (stamp[s] === i) {
        throw new RangeError(
          `${who(i)}的第 ${at[s]! + 1}、${r + 1} 志愿都是${which(s)}：同一学校只能填报一次，重复的志愿不会被忽略，请删除重复的志愿`,
        );
      }
      stamp[s] = i;
      at[s] = r;
    }
  }
}

/** Friendly form of one applicant. */
export interface ApplicantSpec {
  readonly id: string;
  /** School ids, most preferred first. */
  readonly choices: readonly string[];
  /** Category rank per school id (lower = higher priority); schools not listed get NO_PRIORITY. */
  readonly priorities?: Readonly<Record<string, number>>;
  /** Lottery number, an integer in [0, 2³²); lower wins. */
  readonly lottery: number;
}

/** Friendly form of one school. */
export interface SchoolSpec {
  readonly id: string;
  readonly capacity: number;
}

/** Friendly form of a whole instance. */
export interface MatchingSpec {
  readonly schools: readonly SchoolSpec[];
  readonly applicants: readonly ApplicantSpec[];
}

/** A converted instance: typed arrays plus the ids to map results back. */
export interface ConvertedInput {
  readonly input: MatchingInput;
  readonly applicantIds: readonly string[];
  readonly schoolIds: readonly string[];
}

/** Converts the friendly form to typed arrays (k = longest list). Throws RangeError on bad ids/values. */
export function fromSpec(spec: MatchingSpec): ConvertedInput {
  const schoolIndex = new Map<string, number>();
  spec.schools.forEach((s, j) => {
    if (schoolIndex.has(s.id)) throw new RangeError(`学校编号重复：${s.id}`);
    if (!Number.isInteger(s.capacity) || s.capacity < 0) throw new RangeError(`学校 ${s.id} 的学位数无效`);
    schoolIndex.set(s.id, j);
  });
  const n = spec.applicants.length;
  const k = spec.applicants.reduce((m, a) => Math.max(m, a.choices.length), 0);
  const choices = new Int32Array(n * k).fill(-1);
  const category = new Uint8Array(n * k);
  const lottery = new Uint32Array(n);
  const seen = new Set<string>();
  spec.applicants.forEach((a, i) => {
    if (seen.has(a.id)) throw new RangeError(`申请人编号重复：${a.id}`);
    seen.add(a.id);
    if (!Number.isInteger(a.lottery) || a.lottery < 0 || a.lottery >= LOTTERY_SPAN) {
      throw new RangeError(`申请人 ${a.id} 的摇号号码无效：${a.lottery}`);
    }
    lottery[i] = a.lottery;
    a.choices.forEach((id, r) => {
      const s = schoolIndex.get(id);
      if (s === undefined) throw new RangeError(`申请人 ${a.id} 填报了不存在的学校：${id}`);
      const c = a.priorities?.[id] ?? NO_PRIORITY;
      if (!Number.isInteger(c) || c < 0 || c > 255)
        throw new RangeError(`申请人 ${a.id} 在 ${id} 的类别无效`);
      choices[i * k + r] = s;
      category[i * k + r] = c;
    });
  });
  const capacity = Int32Array.from(spec.schools, (s) => s.capacity);
  const input: MatchingInput = {
    applicants: n,
    schools: spec.schools.length,
    k,
    choices,
    capacity,
    category,
    lottery,
  };
  validateMatchingInput(input, {
    applicant: (i) => spec.applicants[i]!.id,
    school: (s) => spec.schools[s]!.id,
  });
  return { input, applicantIds: spec.applicants.map((a) => a.id), schoolIds: spec.schools.map((s) => s.id) };
}

/** Maps an assignment back to ids: applicant id → school id, or null if unplaced. */
export function assignmentToRecord(
  converted: ConvertedInput,
  assignment: Int32Array,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  converted.applicantIds.forEach((id, i) => {
    const s = assignment[i]!;
    out[id] = s < 0 ? null : converted.schoolIds[s]!;
  });
  return out;
}
