import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/database.js';
import { loadMigrations, migrate } from '../../platform/migrate.js';
import { createPersonalCipher, TEST_PERSONAL_KEY } from '../../platform/personalData.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../../platform/testing.js';
import { sealPlainNotes } from './applicantSealing.js';

const cipher = createPersonalCipher(TEST_PERSONAL_KEY);
/** The migration that seals notes and shortens ID masks. */
const SEALING = '20261207T1300-seal-special-needs-notes-and-shorten-id-masks';
const NOTE = '轻度听力障碍，需安排前排座位';

/** An applicant row as the program before the migration wrote it: plain note, region + last four. */
async function insertOldApplicant(db: Database, roundId: number, ticket: string, note: string | null) {
  await db.query(
    `INSERT INTO applicant (round_id, ticket, secret_sealed, name_sealed, name_masked, id_number_sealed,
       id_number_masked, guardian_name_sealed, guardian_name_masked, phone_sealed, phone_masked, gender,
       birth_month, category, special_needs, special_needs_note)
     VALUES ($1, $2, $3, $4, '张*明', $5, '130660********1234', $6, '张*', $7, '139****1234', 'male',
       '2019-03', 'hukou', $8, $9)`,
    [
      roundId,
      ticket,
      cipher.seal('0'.repeat(32)),
      cipher.seal('张小明'),
      cipher.seal('130660201903151234'),
      cipher.seal('张大'),
      cipher.seal('13900001234'),
      note === null ? null : 'learningInClass',
      note,
    ],
  );
}

describe.each(testEngines())('existing applicants when notes became sealed, on %s', (engine) => {
  let t: TestDatabase;
  let roundId: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const all = await loadMigrations();
    expect(all.map((m) => m.name)).toContain(SEALING);
    await migrate(
      t.db,
      all.filter((m) => m.name < SEALING),
    );
    await t.db.exec(`INSERT INTO region (code, name, level, parent_code) VALUES
      ('130000', '河北省', 'province', NULL), ('130600', '保定市', 'city', '130000'),
      ('130660', '清源县', 'county', '130600')`);
    const round = await t.db.query<{ id: number }>(
      `INSERT INTO admission_round (county_code, year, stage, title, categories)
       VALUES ('130660', 2026, 'primary', '2026年招生', '[{"id": "hukou", "name": "户籍", "migrantGuarantee": false}]')
       RETURNING id`,
    );
    roundId = Number(round.rows[0]!.id);
    await insertOldApplicant(t.db, roundId, '2026-000001', NOTE);
    await insertOldApplicant(t.db, roundId, '2026-000002', null);
    // The round's list was published: its applicants are frozen.
    const list = '2026-000001,' + 'a'.repeat(64) + '\n';
    const draw = await t.db.query<{ id: number }>(
      `INSERT INTO lottery_draw (county_code, year, purpose, title, round_id, list_text, entry_count, commitment)
       VALUES ('130660', 2026, 'admission', '2026年招生', $1, $2, 1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))
       RETURNING id`,
      [roundId, list],
    );
    await t.db.query(`UPDATE admission_round SET status = 'committed', draw_id = $2 WHERE id = $1`, [
      roundId,
      draw.rows[0]!.id,
    ]);
    await migrate(t.db, all);
  }, 120_000);
  afterAll(() => t?.dispose());

  const rows = async () =>
    (
      await t.db.query<{
        ticket: string;
        t: string;
        id_number_masked: string;
        special_needs_note: string | null;
        special_needs_note_sealed: string | null;
      }>(
        `SELECT ticket, row_to_json(a)::text AS t, id_number_masked, special_needs_note, special_needs_note_sealed
           FROM applicant a ORDER BY ticket`,
      )
    ).rows;

  it('shortens the stored ID masks of existing rows to the last two characters (the migration)', async () => {
    expect((await rows()).map((r) => r.id_number_masked)).toEqual([
      '****************34',
      '****************34',
    ]);
    await expect(
      t.db.query(`UPDATE applicant SET id_number_masked = '130660********1234' WHERE round_id = $1`, [
        roundId,
      ]),
    ).rejects.toThrow();
  });

  it('seals the plain notes at start-up, also of a published round, and keeps them readable with the key', async () => {
    expect((await rows())[0]!.special_needs_note).toBe(NOTE); // SQL cannot encrypt
    expect(await sealPlainNotes(t.db, cipher)).toBe(1);
    const after = await rows();
    for (const r of after) {
      expect(r.t).not.toContain(NOTE);
      expect(r.special_needs_note).toBeNull();
    }
    expect(cipher.openOptional(after[0]!.special_needs_note_sealed)).toBe(NOTE);
    expect(after[1]!.special_needs_note_sealed).toBeNull();
    expect(await sealPlainNotes(t.db, cipher)).toBe(0);
    // The list is still frozen for every other change.
    await expect(
      t.db.query(`UPDATE applicant SET area_name = '幸福小区' WHERE ticket = '2026-000001'`),
    ).rejects.toThrow(/frozen/);
  });
});
