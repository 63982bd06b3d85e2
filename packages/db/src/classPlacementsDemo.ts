/**
 * @module Demo data of 均衡分班 and 指标到校 for the demo county (called by the server after
 * seedDemo, because the roster is sealed with the server's personal-data key): one draft placement
 * of a junior school's entrants of the current year, already run, and one saved 指标到校 allocation.
 */
import { type Actor, demoCohort, demoNames } from '@junheng/core';
import { createPlacement, type EntrantInput, runPlacement } from './classPlacements.js';
import type { Database } from './database.js';
import type { PersonalCipher } from './personalData.js';
import { createQuota, quotaSchools } from './quotaAllocations.js';

export interface DemoClassesResult {
  placementId: number | null;
  quotaId: number | null;
}

/**
 * Seeds the demo placement and allocation as the county's bureau account (`bureauUsername`).
 * Does nothing (returns nulls) when the account or a junior school is missing.
 */
export async function seedDemoClassesAndQuota(
  db: Database,
  cipher: PersonalCipher,
  opts: { countyCode: string; countyName: string; year: number; bureauUsername?: string },
): Promise<DemoClassesResult> {
  const { rows } = await db.query<{ id: number; role: Actor['role']; region_code: string | null }>(
    'SELECT id, role, region_code FROM app_user WHERE username = $1',
    [opts.bureauUsername ?? 'jiaoyuju'],
  );
  const u = rows[0];
  if (!u) return { placementId: null, quotaId: null };
  const bureau: Actor = { id: String(u.id), role: u.role, regionCode: u.region_code };
  const schools = await quotaSchools(db, bureau, opts.countyCode, opts.year);
  const junior = await db.query<{ id: string }>(
    `SELECT id FROM school WHERE county_code = $1 AND type = 'junior' AND status = 'open' ORDER BY id LIMIT 1`,
    [opts.countyCode],
  );
  let placementId: number | null = null;
  const school = junior.rows[0];
  if (school) {
    const est = schools.find((s) => s.schoolId === school.id)?.graduates ?? 0;
    const n = Math.min(600, Math.max(120, est));
    const classCount = Math.max(2, Math.round(n / 45));
    const seed = `${opts.year}-${school.id}`;
    const cohort = demoCohort({ students: n, seed, togetherGroups: 4, apartPairs: 2 });
    const names = demoNames(n, seed);
    const codeOf = new Map<string, { together?: string; apart?: string }>();
    cohort.constraints.together.forEach((g, i) => {
      for (const id of g) codeOf.set(id, { together: `T${i + 1}` });
    });
    cohort.constraints.apart.forEach(([a, b], i) => {
      for (const id of [a, b]) codeOf.set(id, { apart: `F${i + 1}` });
    });
    const entrants: EntrantInput[] = cohort.students.map((s, i) => ({
      name: names[i]!,
      gender: s.gender,
      score: s.score ?? null,
      specialNeeds: s.specialNeeds === true,
      leftBehind: s.leftBehind === true,
      togetherCode: codeOf.get(s.id)?.together ?? null,
      apartCode: codeOf.get(s.id)?.apart ?? null,
    }));
    const created = await createPlacement(db, cipher, bureau, {
      schoolId: school.id,
      year: opts.year,
      stage: 'junior',
      gradeLabel: '七年级',
      classCount,
      seed,
      entrants,
    });
    const ran = await runPlacement(db, bureau, created.id, { expectedVersion: created.version });
    placementId = ran.id;
  }
  let quotaId: number | null = null;
  const withGraduates = schools.filter((s) => s.graduates > 0);
  if (withGraduates.length > 0) {
    const total = withGraduates.reduce((a, s) => a + s.graduates, 0);
    const quota = await createQuota(db, bureau, {
      countyCode: opts.countyCode,
      year: opts.year,
      highSchoolName: `${opts.countyName}第一高级中学`,
      // A quality high school taking about a fifth of the county's graduates.
      places: Math.max(withGraduates.length * 4, Math.round(total / 5 / 10) * 10),
      share: 0.5,
      ruralTilt: 1.2,
      minimum: 1,
      schools: withGraduates.map((s) => ({ schoolId: s.schoolId, name: s.name, graduates: s.graduates })),
    });
    quotaId = quota.id;
  }
  return { placementId, quotaId };
}
