/**
 * @module Demo data of 均衡分班 and 指标到校 for the demo county (called by the server after
 * seedDemo, because the roster is sealed with the server's personal-data key): one draft placement
 * of a junior school's entrants of the current year, already run; the demo primary school's
 * (清源县实验小学) 一年级 placement, run and PUBLISHED by the school, with its head-teacher draw
 * (班主任派位) made through the placement and drawn in front of witnesses — the only way a
 * head-teacher draw is made, so the 均衡分班 page and the 电脑派位 list both show it; and one saved
 * 指标到校 allocation.
 */
import { type Actor, type DemoCohort, demoCohort, demoNames, type EntrantInput } from '@junheng/core';
import {
  type Database,
  demoActor,
  demoSchool,
  firstJuniorSchool,
  hasPublishedPlacement,
  type PersonalCipher,
  type Queryable,
} from '@junheng/db';
import {
  createHeadTeacherDraw,
  createPlacement,
  publishPlacement,
  runPlacement,
} from '../admission/classes/commands/index.js';
import { conductDraw } from '../admission/lottery/commands/index.js';
import { createQuota, quotaSchools } from '../admission/quota/commands.js';

export interface DemoClassesResult {
  /** The junior school's draft placement (run, not published). */
  placementId: number | null;
  /** The demo primary school's published 一年级 placement. */
  primaryPlacementId: number | null;
  /** Its head-teacher draw (drawn). */
  headTeacherDrawId: number | null;
  quotaId: number | null;
}

/** Entrants of the demo primary school's 一年级 (no 入学成绩 in primary school). */
export const DEMO_PRIMARY_ENTRANTS = 180;
/** Its classes; one head teacher per class. */
export const DEMO_PRIMARY_TEACHERS = ['王丽华', '李建军', '张雪梅', '刘志强'];
/** The digits drawn in public for its head-teacher draw (demo: the first digits of √2). */
export const DEMO_HEAD_TEACHER_SEED = '1414 2135 6237 3095 0488 0168 87';

/** A demo cohort as entrants: generated names, 同班组 T1…, 分开组 F1…. */
function entrantsOf(cohort: DemoCohort, names: readonly string[]): EntrantInput[] {
  const codeOf = new Map<string, { together?: string; apart?: string }>();
  cohort.constraints.together.forEach((g, i) => {
    for (const id of g) codeOf.set(id, { together: `T${i + 1}` });
  });
  cohort.constraints.apart.forEach(([a, b], i) => {
    for (const id of [a, b]) codeOf.set(id, { apart: `F${i + 1}` });
  });
  return cohort.students.map((s, i) => ({
    name: names[i]!,
    gender: s.gender,
    score: s.score ?? null,
    specialNeeds: s.specialNeeds === true,
    leftBehind: s.leftBehind === true,
    togetherCode: codeOf.get(s.id)?.together ?? null,
    apartCode: codeOf.get(s.id)?.apart ?? null,
  }));
}

/**
 * The demo primary school's 一年级 placement, published, and its head-teacher draw, drawn — all
 * by the school's own account, through the real commands (audited like any other). Skipped (nulls)
 * when the account has no primary school or the grade already has a published placement.
 */
async function seedDemoPrimary(
  db: Database | Queryable,
  cipher: PersonalCipher,
  school: Actor,
  year: number,
): Promise<{ placementId: number; drawId: number } | null> {
  if (!school.schoolId) return null;
  const s = await demoSchool(db, school.schoolId);
  if (!s || (s.type !== 'primary' && s.type !== 'nineYear')) return null;
  if (await hasPublishedPlacement(db, s.id, year, 'primary')) return null;
  const seed = `${year}-${s.id}-primary`;
  const cohort = demoCohort({
    students: DEMO_PRIMARY_ENTRANTS,
    seed,
    scores: false,
    togetherGroups: 3,
    apartPairs: 1,
  });
  const created = await createPlacement(
    { db, actor: school, personal: cipher },
    {
      schoolId: s.id,
      year,
      stage: 'primary',
      gradeLabel: '一年级',
      classCount: DEMO_PRIMARY_TEACHERS.length,
      seed,
      entrants: entrantsOf(cohort, demoNames(DEMO_PRIMARY_ENTRANTS, seed)),
    },
  );
  const ran = await runPlacement({ db, actor: school }, created.id, { expectedVersion: created.version });
  const pub = await publishPlacement({ db, actor: school }, created.id, { expectedVersion: ran.version });
  const { drawId } = await createHeadTeacherDraw({ db, actor: school }, created.id, {
    expectedVersion: pub.version,
    teachers: DEMO_PRIMARY_TEACHERS,
  });
  await conductDraw({ db, actor: school }, drawId, {
    seed: DEMO_HEAD_TEACHER_SEED,
    operatorName: `${s.name}教务处 张老师`,
    witnesses: [
      { name: '王建国', role: '家长代表' },
      { name: '李秀英', role: '教师代表' },
      { name: '赵明', role: '纪检监察' },
    ],
    place: `${s.name}会议室`,
    notary: null,
  });
  return { placementId: created.id, drawId };
}

/**
 * Seeds the demo placements and allocation: the junior placement and the allocation as the county's
 * bureau account (`bureauUsername`, default jiaoyuju), the primary school's published placement and
 * head-teacher draw as that school's account (`schoolUsername`, default the principal xiaozhang).
 * Does nothing (returns nulls) when the bureau account is missing; each part is skipped when what
 * it needs (a junior school, the school account) is missing.
 */
export async function seedDemoClassesAndQuota(
  db: Database | Queryable,
  cipher: PersonalCipher,
  opts: {
    countyCode: string;
    countyName: string;
    year: number;
    bureauUsername?: string;
    schoolUsername?: string;
  },
): Promise<DemoClassesResult> {
  const bureau = await demoActor(db, opts.bureauUsername ?? 'jiaoyuju');
  if (!bureau) return { placementId: null, primaryPlacementId: null, headTeacherDrawId: null, quotaId: null };
  const { schools } = await quotaSchools(
    { db, actor: bureau },
    { countyCode: opts.countyCode, year: opts.year },
  );
  const juniorId = await firstJuniorSchool(db, opts.countyCode);
  let placementId: number | null = null;
  if (juniorId) {
    const school = { id: juniorId };
    const est = schools.find((s) => s.schoolId === school.id)?.graduates ?? 0;
    const n = Math.min(600, Math.max(120, est));
    const classCount = Math.max(2, Math.round(n / 45));
    const seed = `${opts.year}-${school.id}`;
    const cohort = demoCohort({ students: n, seed, togetherGroups: 4, apartPairs: 2 });
    const entrants = entrantsOf(cohort, demoNames(n, seed));
    const created = await createPlacement(
      { db, actor: bureau, personal: cipher },
      {
        schoolId: school.id,
        year: opts.year,
        stage: 'junior',
        gradeLabel: '七年级',
        classCount,
        seed,
        entrants,
      },
    );
    const ran = await runPlacement({ db, actor: bureau }, created.id, { expectedVersion: created.version });
    placementId = ran.id;
  }
  const schoolUser = await demoActor(db, opts.schoolUsername ?? 'xiaozhang');
  const primary = schoolUser ? await seedDemoPrimary(db, cipher, schoolUser, opts.year) : null;
  let quotaId: number | null = null;
  const withGraduates = schools.filter((s) => s.graduates > 0);
  if (withGraduates.length > 0) {
    const total = withGraduates.reduce((a, s) => a + s.graduates, 0);
    const quota = await createQuota(
      { db, actor: bureau },
      {
        countyCode: opts.countyCode,
        year: opts.year,
        highSchoolName: `${opts.countyName}第一高级中学`,
        // A quality high school taking about a fifth of the county's graduates.
        places: Math.max(withGraduates.length * 4, Math.round(total / 5 / 10) * 10),
        share: 0.5,
        ruralTilt: 1.2,
        minimum: 1,
        schools: withGraduates.map((s) => ({ schoolId: s.schoolId, name: s.name, graduates: s.graduates })),
      },
    );
    quotaId = quota.id;
  }
  return {
    placementId,
    primaryPlacementId: primary?.placementId ?? null,
    headTeacherDrawId: primary?.drawId ?? null,
    quotaId,
  };
}
