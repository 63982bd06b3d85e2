/**
 * @module A school's roster of entrants for 均衡分班, in the school's words: the entrants checked
 * (every problem names the entrant's position and the fix), the 同班组 / 分开组 codes turned into
 * constraints, the balancing run next to the snake draft with its report, and the class lists with
 * masked names. Pure: the database (db admission/classes) stores and seals what this returns, and
 * the offline `junheng classes balance` uses it directly.
 */
import { maskName } from '../../privacy/index.js';
import { compareWithSnake } from './compare.js';
import type { ClassConstraints, ClassPlacement, ClassSpread, Entrant } from './types.js';

/** A roster that cannot be placed as given: the message says which entrant or setting, and the fix. */
export class RosterInputError extends Error {
  readonly code = 'invalidData';
  constructor(message: string) {
    super(message);
    this.name = 'RosterInputError';
  }
}

function invalid(message: string): never {
  throw new RosterInputError(message);
}

/** One entrant as imported or entered: the name is sealed, everything else is kept in plain. */
export interface EntrantInput {
  name: string;
  gender: 'male' | 'female';
  /** 入学成绩 (初中); absent or null when there is none. */
  score?: number | null;
  /** 随班就读. */
  specialNeeds?: boolean;
  /** 留守儿童. */
  leftBehind?: boolean;
  /** 同班组: entrants with the same code are placed in the same class (e.g. twins). */
  togetherCode?: string | null;
  /** 分开组: entrants with the same code are placed in different classes. */
  apartCode?: string | null;
}

/** One entrant as stored in plain: no name, only its mask. */
export interface RosterEntry {
  /** E0001, E0002, … in the order entered. */
  key: string;
  maskedName: string;
  gender: 'male' | 'female';
  score: number | null;
  specialNeeds: boolean;
  leftBehind: boolean;
  together: string | null;
  apart: string | null;
}

/** One class of a placement, as reported. */
export interface ReportClass {
  classNo: number;
  name: string;
  size: number;
  meanScore: number | null;
  sdScore: number | null;
  male: number;
  female: number;
  specialNeeds: number;
  leftBehind: number;
  /** 同班组 / 分开组 members in the class, e.g. “同班组 A1（2 人）”. */
  notes: string[];
}

/** One 同班组 or 分开组 and whether each placement honours it. */
export interface ConstraintCheck {
  kind: 'together' | 'apart';
  code: string;
  /** Masked names of the members. */
  members: string[];
  /** Class name of each member (ours). */
  classes: string[];
  honoured: boolean;
  /** Whether the plain snake draft honours it (it ignores constraints). */
  snakeHonoured: boolean;
}

/** The balance report of a run: ours and the snake draft on the same students. */
export interface PlacementReport {
  seed: string;
  iterations: number;
  hasScores: boolean;
  classes: ReportClass[];
  snake: ReportClass[];
  spread: { ours: ClassSpread; snake: ClassSpread };
  /** Snake's spread of class mean scores ÷ ours; null without scores or when ours is 0. */
  meanSpreadRatio: number | null;
  violations: { ours: { together: number; apart: number }; snake: { together: number; apart: number } };
  constraints: ConstraintCheck[];
  /** Every constraint honoured, sizes within one, category counts within one. */
  allHonoured: boolean;
}

/** A published (or publishable) class list: masked names only. */
export interface ClassList {
  classNo: number;
  name: string;
  students: { no: number; maskedName: string; gender: '男' | '女' }[];
}

/** Largest grade accepted (a big town school has ~1,000 entrants). */
export const MAX_ENTRANTS = 3000;
export const MAX_CLASSES = 60;
const CODE = /^[0-9A-Za-z\u4e00-\u9fff_-]{1,20}$/;

/** Default class names: 七年级（1）班 … */
export function defaultClassNames(gradeLabel: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${gradeLabel}（${i + 1}）班`);
}

/** Checks the entrants; every problem names the entrant's position (第 n 名) and how to fix it. */
export function checkEntrants(entrants: readonly EntrantInput[]): RosterEntry[] {
  if (!Array.isArray(entrants) || entrants.length === 0) invalid('新生名单为空：请导入或录入至少一名新生');
  if (entrants.length > MAX_ENTRANTS)
    invalid(`新生人数 ${entrants.length} 超过上限 ${MAX_ENTRANTS}：请按年级分批分班`);
  const roster = entrants.map((e, i): RosterEntry => {
    const at = `第 ${i + 1} 名新生`;
    const name = typeof e?.name === 'string' ? e.name.trim() : '';
    if (name === '' || [...name].length > 30) invalid(`${at}的姓名为空或超过 30 个字：请填写姓名`);
    if (e.gender !== 'male' && e.gender !== 'female') invalid(`${at}（${maskName(name)}）的性别应为男或女`);
    let score: number | null = null;
    if (e.score !== undefined && e.score !== null) {
      if (typeof e.score !== 'number' || !Number.isFinite(e.score) || e.score < 0 || e.score > 1000)
        invalid(`${at}（${maskName(name)}）的入学成绩 ${String(e.score)} 无效：应为 0～1000 的数`);
      score = e.score;
    }
    const code = (c: string | null | undefined, what: string) => {
      if (c === undefined || c === null || String(c).trim() === '') return null;
      const t = String(c).trim();
      if (!CODE.test(t))
        invalid(`${at}（${maskName(name)}）的${what}“${t}”无效：用不超过 20 位的字母、数字或汉字`);
      return t;
    };
    return {
      key: `E${String(i + 1).padStart(4, '0')}`,
      maskedName: maskName(name),
      gender: e.gender,
      score,
      specialNeeds: e.specialNeeds === true,
      leftBehind: e.leftBehind === true,
      together: code(e.togetherCode, '同班组'),
      apart: code(e.apartCode, '分开组'),
    };
  });
  const groups = constraintGroups(roster);
  for (const [kind, by] of [
    ['同班组', groups.together],
    ['分开组', groups.apart],
  ] as const) {
    for (const [c, members] of by) {
      if (members.length < 2)
        invalid(`${kind}“${c}”只有 1 人（${members[0]!.maskedName}）：同一代码至少填两人，或清空该格`);
    }
  }
  for (const [c, members] of groups.apart) {
    const t = new Map<string, RosterEntry>();
    for (const m of members) {
      if (!m.together) continue;
      const other = t.get(m.together);
      if (other)
        invalid(
          `${other.maskedName} 与 ${m.maskedName} 既在同班组“${m.together}”又在分开组“${c}”：请删去其中一个要求`,
        );
      t.set(m.together, m);
    }
  }
  return roster;
}

function constraintGroups(roster: readonly RosterEntry[]) {
  const together = new Map<string, RosterEntry[]>();
  const apart = new Map<string, RosterEntry[]>();
  for (const r of roster) {
    if (r.together) together.set(r.together, [...(together.get(r.together) ?? []), r]);
    if (r.apart) apart.set(r.apart, [...(apart.get(r.apart) ?? []), r]);
  }
  return { together, apart };
}

/** Core's constraints from the codes: a together-group per 同班组, every pair of a 分开组. */
export function rosterConstraints(roster: readonly RosterEntry[]): ClassConstraints {
  const g = constraintGroups(roster);
  const apart: [string, string][] = [];
  for (const members of g.apart.values()) {
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) apart.push([members[i]!.key, members[j]!.key]);
  }
  return { together: [...g.together.values()].map((m) => m.map((r) => r.key)), apart };
}

/** The class names for `count` classes (default “七年级（1）班” …), checked: as many as classes, distinct. */
export function checkClasses(
  count: number,
  names: readonly string[] | undefined,
  gradeLabel: string,
  n: number,
): string[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_CLASSES)
    invalid(`班级数应为 1～${MAX_CLASSES} 的整数，收到 ${String(count)}`);
  if (count > n) invalid(`班级数 ${count} 多于新生人数 ${n}：请减少班级数`);
  const list = names ?? defaultClassNames(gradeLabel, count);
  if (!Array.isArray(list) || list.length !== count)
    invalid(`班级名称应有 ${count} 个（每班一个），收到 ${Array.isArray(list) ? list.length : 0} 个`);
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const t = typeof raw === 'string' ? raw.trim() : '';
    if (t === '' || [...t].length > 30) invalid(`第 ${i + 1} 个班级名称为空或超过 30 个字`);
    if (seen.has(t)) invalid(`班级名称“${t}”重复：每班名称须不同`);
    seen.add(t);
    return t;
  });
}

/** Constraint feasibility in the school's words (core would name entrant keys). */
function checkFeasible(roster: readonly RosterEntry[], classCount: number) {
  const hi = Math.ceil(roster.length / classCount);
  const g = constraintGroups(roster);
  for (const [c, m] of g.together) {
    if (m.length > hi)
      invalid(`同班组“${c}”有 ${m.length} 人，超过每班人数上限 ${hi}：请减少班级数或拆分该组`);
  }
  for (const [c, m] of g.apart) {
    if (m.length > classCount)
      invalid(
        `分开组“${c}”有 ${m.length} 人，但只有 ${classCount} 个班，无法全部分开：请增加班级数或拆分该组`,
      );
  }
}

function reportClasses(
  p: ClassPlacement,
  names: readonly string[],
  roster: readonly RosterEntry[],
): ReportClass[] {
  const byKey = new Map(roster.map((r) => [r.key, r]));
  return p.classes.map((c) => {
    const notes: string[] = [];
    const t = new Map<string, number>();
    const a = new Map<string, number>();
    for (const id of c.studentIds) {
      const r = byKey.get(id)!;
      if (r.together) t.set(r.together, (t.get(r.together) ?? 0) + 1);
      if (r.apart) a.set(r.apart, (a.get(r.apart) ?? 0) + 1);
    }
    for (const [code, k] of [...t].sort()) notes.push(`同班组 ${code}（${k} 人）`);
    for (const [code, k] of [...a].sort()) notes.push(`分开组 ${code}（${k} 人）`);
    return {
      classNo: c.classNo,
      name: names[c.classNo - 1]!,
      size: c.size,
      meanScore: c.meanScore,
      sdScore: c.sdScore,
      male: c.male,
      female: c.female,
      specialNeeds: c.specialNeeds,
      leftBehind: c.leftBehind,
      notes,
    };
  });
}

/**
 * Runs core's balancing and the snake draft on a roster and builds the report.
 * @throws RosterInputError when the constraints cannot be met with this many classes
 */
export function balanceRoster(
  roster: readonly RosterEntry[],
  classNames: readonly string[],
  seed: string,
): { assignment: Record<string, number>; report: PlacementReport } {
  const classCount = classNames.length;
  checkFeasible(roster, classCount);
  const students: Entrant[] = roster.map((r) => {
    const s: Entrant = {
      id: r.key,
      gender: r.gender,
      specialNeeds: r.specialNeeds,
      leftBehind: r.leftBehind,
    };
    if (r.score !== null) s.score = r.score;
    return s;
  });
  const constraints = rosterConstraints(roster);
  let cmp: ReturnType<typeof compareWithSnake>;
  try {
    cmp = compareWithSnake(students, { classes: classCount, constraints, seed });
  } catch (e) {
    if (e instanceof RangeError) invalid(`无法按要求分班：${e.message}`);
    throw e;
  }
  const { balanced, snake } = cmp;
  const hasScores = roster.some((r) => r.score !== null);
  const g = constraintGroups(roster);
  const check = (kind: 'together' | 'apart', code: string, members: RosterEntry[]): ConstraintCheck => {
    const ours = members.map((m) => balanced.classOf[m.key]!);
    const theirs = members.map((m) => snake.classOf[m.key]!);
    const ok = (cls: number[]) =>
      kind === 'together' ? new Set(cls).size === 1 : new Set(cls).size === cls.length;
    return {
      kind,
      code,
      members: members.map((m) => m.maskedName),
      classes: ours.map((c) => classNames[c - 1]!),
      honoured: ok(ours),
      snakeHonoured: ok(theirs),
    };
  };
  const constraints2 = [
    ...[...g.together].map(([c, m]) => check('together', c, m)),
    ...[...g.apart].map(([c, m]) => check('apart', c, m)),
  ];
  const s = balanced.spread;
  const allHonoured =
    constraints2.every((c) => c.honoured) &&
    s.size <= 1 &&
    s.male <= 1 &&
    s.female <= 1 &&
    s.specialNeeds <= 1 &&
    s.leftBehind <= 1;
  const ratio = hasScores && Number.isFinite(cmp.meanSpreadRatio) ? cmp.meanSpreadRatio : null;
  return {
    assignment: balanced.classOf,
    report: {
      seed,
      iterations: balanced.iterations,
      hasScores,
      classes: reportClasses(balanced, classNames, roster),
      snake: reportClasses(snake, classNames, roster),
      spread: { ours: balanced.spread, snake: snake.spread },
      meanSpreadRatio: ratio,
      violations: { ours: balanced.violations, snake: snake.violations },
      constraints: constraints2,
      allHonoured,
    },
  };
}

/** Class lists with masked names, in entry order within each class. */
export function classLists(
  roster: readonly RosterEntry[],
  assignment: Record<string, number>,
  classNames: readonly string[],
): ClassList[] {
  const lists: ClassList[] = classNames.map((name, i) => ({ classNo: i + 1, name, students: [] }));
  for (const r of roster) {
    const c = assignment[r.key];
    if (c === undefined) continue;
    const list = lists[c - 1]!;
    list.students.push({
      no: list.students.length + 1,
      maskedName: r.maskedName,
      gender: r.gender === 'male' ? '男' : '女',
    });
  }
  return lists;
}
