/**
 * 志愿录取方式对比 in a round's results: deferred acceptance and the Boston mechanism on the children
 * who went to 统筹 with 志愿, on a round built so that Boston leaves justified envy and deferred
 * acceptance none (worked by hand below).
 */
import { type Actor, type ApplicantFields, residentIdCheckChar } from '@junheng/core';
import { createPersonalCipher, type Database, migrate, TEST_PERSONAL_KEY } from '@junheng/db';
import {
  COUNTY,
  createTestDatabase,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../platform/commands.js';
import { conductDraw } from '../lottery/commands/index.js';
import {
  admitRound,
  commitRoundDraw,
  createRound,
  importApplicants,
  listApplicants,
  roundResults,
} from './commands/index.js';

const cipher = createPersonalCipher(TEST_PERSONAL_KEY);

function idNumber(seq: number): string {
  const body = `13066020190315${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

describe.each(testEngines())('choice mechanism comparison in the results on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  const as = (actor: Actor): CommandContext => ({ db, actor, personal: cipher });

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
  });
  afterAll(() => t?.dispose());

  it('Boston: one child with justified envy; deferred acceptance (the real 统筹): none', async () => {
    const primaries = w.ds.schools.filter((s) => s.type === 'primary').map((s) => s.id);
    expect(primaries.length).toBeGreaterThanOrEqual(3);
    const [Z, X, Y] = primaries as [string, string, string];
    const r = await createRound(as(w.users.bureau), {
      countyCode: COUNTY,
      year: 2026,
      stage: 'primary',
      title: '志愿对比',
      places: [
        { schoolId: Z, places: 1 },
        { schoolId: X, places: 1 },
        { schoolId: Y, places: 1 },
      ],
    });
    const f = (name: string, seq: number, more: Partial<ApplicantFields>): ApplicantFields => ({
      name,
      idNumber: idNumber(seq),
      guardianName: '李建国',
      phone: '13812345678',
      zoneSchoolId: null,
      category: 'hukou',
      migrantEligible: false,
      specialNeeds: null,
      siblingAtSchool: false,
      familyKey: null,
      choices: [],
      ...more,
    });
    // z: Z's only zone child (admitted in zone; listed X, but is not in the comparison).
    // b (户籍与房产一致) lists X; a (户籍) lists X then Y; c (房产) lists Y; none has a zone.
    // Priority at every school b > a > c by category, whatever the lottery draws.
    // Seats left for 统筹: Z 0 (1 − 1), X 1, Y 1 → 2.
    // Boston: round 1 X ← {b, a} takes b, Y ← {c} takes c; round 2 a → Y full: a unplaced though a
    //   out-ranks c at Y (1 child, 1 pair of justified envy). Placed 2, both first choices.
    // DA: b → X; a → X rejected, → Y; c → Y rejected (a holds it): placed 2 (b first, a second),
    //   c unplaced with no envy. The real 统筹 (serial by category, rank) placed b at X and a at Y.
    const rows = [
      f('张小明', 1, { zoneSchoolId: Z, choices: [X] }),
      f('王小红', 2, { category: 'hukouProperty', choices: [X] }),
      f('李小刚', 3, { category: 'hukou', choices: [X, Y] }),
      f('赵小丽', 4, { category: 'property', choices: [Y] }),
    ].map((fields, k) => ({ rowNo: k + 2, fields }));
    await importApplicants(as(w.users.bureau), { roundId: r.id, rows, file: '申请.xlsx' });
    const before = await roundResults(as(w.users.bureau), { id: r.id });
    expect(before.choiceComparison).toBeNull();
    const committed = await commitRoundDraw(as(w.users.bureau), {
      id: r.id,
      version: (await listRoundVersion(r.id)) as number,
    });
    await conductDraw({ db, actor: w.users.bureau }, committed.draw.id, {
      seed: '27182818284590452353602874713527',
      operatorName: '操作员',
      witnesses: [{ name: '王公证', role: '公证员' }],
      place: '清源县教育局',
    });
    const admitted = await admitRound(as(w.users.bureau), { id: r.id, version: committed.round.version });
    const placed = (await listApplicants(as(w.users.bureau), { roundId: r.id, pageSize: 10 })).items;
    const at = (name: string) => placed.find((p) => p.nameMasked.startsWith(name.slice(0, 1)))!;
    expect(at('王小红').placementSchoolId).toBe(X);
    expect(at('李小刚').placementSchoolId).toBe(Y);
    expect(at('赵小丽').placementSchoolId).toBeNull();

    for (const res of [admitted, await roundResults(as(w.users.bureau), { id: r.id })]) {
      const cmp = res.choiceComparison!;
      expect(cmp).toMatchObject({ basis: 'seatsLeftForAssignment', applicants: 3, seats: 2 });
      expect(cmp.rows[0]).toMatchObject({
        mechanism: 'deferred-acceptance',
        placed: 2,
        firstChoice: 1,
        unplaced: 1,
        envyApplicants: 0,
      });
      expect(cmp.rows[1]).toMatchObject({
        mechanism: 'boston',
        placed: 2,
        firstChoice: 2,
        unplaced: 1,
        envyApplicants: 1,
        justifiedEnvyPairs: 1,
      });
    }
    // Inspectors read it (aggregates); a school user of the county does not.
    expect((await roundResults(as(w.users.inspector), { id: r.id })).choiceComparison).not.toBeNull();
    expect((await roundResults(as(w.users.clerkA), { id: r.id })).choiceComparison).toBeNull();
  });

  async function listRoundVersion(id: number): Promise<number> {
    const { rows } = await db.query<{ version: number }>(
      'SELECT version FROM admission_round WHERE id = $1',
      [id],
    );
    return rows[0]!.version;
  }
});
