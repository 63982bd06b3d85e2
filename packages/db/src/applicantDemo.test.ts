import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundResults } from './admissionRounds.js';
import { seedDemoApplicants } from './applicantDemo.js';
import { getApplicant, listApplicants } from './applicants.js';
import type { Database } from './database.js';
import { seedDemo } from './demoSeed.js';
import { migrate } from './migrate.js';
import { createPersonalCipher, TEST_PERSONAL_KEY } from './personalData.js';
import { createTestDatabase, type TestDatabase, testEngines } from './testing.js';

const cipher = createPersonalCipher(TEST_PERSONAL_KEY);

describe.each(testEngines())('demo applicants on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let roundId: number;
  let applicants: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    db = t.db;
    await migrate(db);
    const seeded = (await seedDemo(db, { schools: 30, password: 'Qingyuan#2025', year: 2025 }))!;
    const r = await seedDemoApplicants(db, cipher, seeded);
    roundId = r.roundId!;
    applicants = r.applicants;
  }, 120_000);
  afterAll(() => t?.dispose());

  const actor = async (username: string) => {
    const u = (
      await db.query<{ id: number; role: 'bureau'; region_code: string; school_id: string }>(
        'SELECT id, role, region_code, school_id FROM app_user WHERE username = $1',
        [username],
      )
    ).rows[0]!;
    return { id: String(u.id), role: u.role, regionCode: u.region_code, schoolId: u.school_id };
  };

  it('seeds an admitted 2026 primary round with oversubscribed schools decided by lottery', async () => {
    expect(applicants).toBeGreaterThan(300);
    const res = await roundResults(db, await actor('jiaoyuju'), roundId);
    expect(res.round).toMatchObject({
      year: 2026,
      stage: 'primary',
      status: 'admitted',
      title: '2026年清源县小学一年级招生',
    });
    expect(res.round.applicantCount).toBe(applicants);
    expect(res.round.familyCount).toBeLessThan(applicants); // twins share an entry
    expect(res.schools.filter((s) => s.lotteryUsed).length).toBeGreaterThanOrEqual(2);
    for (const s of res.schools) expect(s.zoneAdmitted + s.assigned).toBeLessThanOrEqual(s.capacity);
    expect(res.migrants!.eligible).toBeGreaterThan(10);
    expect(res.migrants!.placed).toBe(res.migrants!.eligible);
  });

  it('seals the children’s data and lets the demo school see its own children', async () => {
    const bureau = await actor('jiaoyuju');
    const first = (await listApplicants(db, bureau, roundId, { pageSize: 1 })).items[0]!;
    const full = await getApplicant(db, cipher, bureau, first.id);
    const raw = (
      await db.query<{ t: string }>('SELECT row_to_json(a)::text AS t FROM applicant a WHERE id = $1', [
        first.id,
      ])
    ).rows[0]!.t;
    expect(raw).not.toContain(full.name);
    expect(raw).not.toContain(full.idNumber);
    const clerk = await actor('tianbao');
    const mine = await listApplicants(db, clerk, roundId, { pageSize: 500 });
    expect(mine.total).toBeGreaterThan(20);
    expect(mine.items.every((x) => x.placementSchoolId === clerk.schoolId)).toBe(true);
  });
});
