import { residentIdCheckChar } from '@junheng/core';
import { createPersonalCipher, type Database, migrate, TEST_PERSONAL_KEY } from '@junheng/db';
import { createTestDatabase, type TestDatabase, testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApplicant, listApplicants, roundResults } from '../admission/rounds/commands/index.js';
import { DEMO_SPECIAL_NEEDS_NOTES, seedDemoApplicants } from './applicantDemo.js';
import { seedDemo } from './demoSeed.js';

/** Every text, varchar and json(b) value of every table, one per line: what a pg_dump would show. */
async function dumpTextColumns(db: Database): Promise<string> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const parts: string[] = [];
  for (const c of columns) {
    const { rows } = await db.query<{ v: string | null }>(
      `SELECT string_agg("${c.column_name}"::text, E'\n') AS v FROM "${c.table_name}"`,
    );
    parts.push(rows[0]!.v ?? '');
  }
  return parts.join('\n');
}

/**
 * How many ID numbers agree with what a copy of the database shows of a child: the stored mask,
 * birth month and gender (the 17th digit is odd for boys), given the region (the worst case: the
 * county's code, known to anyone) and the check character.
 */
function idCandidates(region: string, birthMonth: string, gender: 'male' | 'female', mask: string): number {
  const [y, m] = birthMonth.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const kept = mask.replaceAll('*', '');
  let n = 0;
  for (let d = 1; d <= days; d++) {
    const date = `${birthMonth.replace('-', '')}${String(d).padStart(2, '0')}`;
    for (let seq = 0; seq < 1000; seq++) {
      if ((seq % 2 === 1) !== (gender === 'male')) continue;
      const body = `${region}${date}${String(seq).padStart(3, '0')}`;
      const id = body + residentIdCheckChar(body);
      if (id.length === mask.length && id.endsWith(kept)) n++;
    }
  }
  return n;
}

const cipher = createPersonalCipher(TEST_PERSONAL_KEY);

describe.each(testEngines())('demo applicants on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let roundId: number;
  let applicants: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
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
    const res = await roundResults({ db, actor: await actor('jiaoyuju') }, { id: roundId });
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
    const first = (await listApplicants({ db, actor: bureau }, { roundId, pageSize: 1 })).items[0]!;
    const full = await getApplicant({ db, actor: bureau, personal: cipher }, { id: first.id });
    const raw = (
      await db.query<{ t: string }>('SELECT row_to_json(a)::text AS t FROM applicant a WHERE id = $1', [
        first.id,
      ])
    ).rows[0]!.t;
    expect(raw).not.toContain(full.name);
    expect(raw).not.toContain(full.idNumber);
    const clerk = await actor('tianbao');
    const mine = await listApplicants({ db, actor: clerk }, { roundId, pageSize: 500 });
    expect(mine.total).toBeGreaterThan(20);
    expect(mine.items.every((x) => x.placementSchoolId === clerk.schoolId)).toBe(true);
  });

  it('leaves nothing in a copy of the database (no key) that shows a note or narrows an ID number', async () => {
    const bureau = await actor('jiaoyuju');
    const special = await listApplicants(
      { db, actor: bureau },
      { roundId, status: 'special', pageSize: 100 },
    );
    expect(special.total).toBeGreaterThan(0);
    // The notes are there for whoever holds the key and may read the child's record…
    for (const x of special.items) {
      const full = await getApplicant({ db, actor: bureau, personal: cipher }, { id: x.id });
      expect(DEMO_SPECIAL_NEEDS_NOTES).toContain(full.specialNeedsNote);
    }
    // …but no column of any table holds one, nor any child's ID number.
    const dump = await dumpTextColumns(db);
    for (const note of DEMO_SPECIAL_NEEDS_NOTES) expect(dump).not.toContain(note);
    const { rows } = await db.query<{
      id_number_sealed: string;
      id_number_masked: string;
      birth_month: string;
      gender: 'male' | 'female';
    }>('SELECT id_number_sealed, id_number_masked, birth_month, gender FROM applicant WHERE round_id = $1', [
      roundId,
    ]);
    expect(rows.length).toBe(applicants);
    const seen = new Map<string, number>();
    for (const [k, r] of rows.entries()) {
      const id = cipher.open(r.id_number_sealed);
      expect(dump).not.toContain(id);
      // At most the last two characters are kept…
      expect(r.id_number_masked).toMatch(/^\*{16}[0-9X]{2}$/);
      // …so a child's number stays one of hundreds, not of 2–4 (as with region and last four):
      // counted for a sample of children (the count takes a moment per child).
      if (k % 25 !== 0) continue;
      const key = `${id.slice(0, 6)}|${r.birth_month}|${r.gender}|${r.id_number_masked}`;
      const n = seen.get(key) ?? idCandidates(id.slice(0, 6), r.birth_month, r.gender, r.id_number_masked);
      seen.set(key, n);
      expect(n).toBeGreaterThanOrEqual(100);
    }
  }, 120_000);
});
