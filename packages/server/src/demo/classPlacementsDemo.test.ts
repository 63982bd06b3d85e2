import { createPersonalCipher, type Database, migrate, TEST_PERSONAL_KEY } from '@junheng/db';
import {
  addUser,
  COUNTY,
  createTestDatabase,
  FIXTURE_YEAR,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlacement, headTeacherTable } from '../admission/classes/commands/index.js';
import { getDraw } from '../admission/lottery/commands/index.js';
import { seedDemoClassesAndQuota } from './classPlacementsDemo.js';

const cipher = createPersonalCipher(TEST_PERSONAL_KEY);

describe.each(testEngines())('demo placements and quota on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
  });
  afterAll(() => t?.dispose());

  it('seeds the demo: a run junior placement, a published primary one with its drawn head-teacher draw, and a saved quota allocation', async () => {
    // The demo school's principal: a primary school no other test here has placed.
    const primary = w.ds.schools.filter((s) => s.type === 'primary')[1]!;
    const principal = await addUser(db, 'principalDemo', 'principal', { schoolId: primary.id });
    const r = await seedDemoClassesAndQuota(db, cipher, {
      countyCode: COUNTY,
      countyName: '清源县',
      year: FIXTURE_YEAR,
      bureauUsername: 'bureau1',
      schoolUsername: 'principalDemo',
    });
    // 一年级: 180 entrants without scores in 4 classes, published by the school, one draw linked.
    const pp = await getPlacement({ db, actor: principal }, r.primaryPlacementId!);
    expect(pp).toMatchObject({
      schoolId: primary.id,
      year: FIXTURE_YEAR,
      stage: 'primary',
      gradeLabel: '一年级',
      status: 'published',
      classCount: 4,
      studentCount: 180,
      headTeacherDrawId: r.headTeacherDrawId,
      classNames: ['一年级（1）班', '一年级（2）班', '一年级（3）班', '一年级（4）班'],
    });
    expect(pp.report!.hasScores).toBe(false);
    expect(pp.report!.classes.map((c) => c.size)).toEqual([45, 45, 45, 45]);
    const draw = await getDraw({ db, actor: w.users.bureau }, r.headTeacherDrawId!);
    expect(draw).toMatchObject({
      purpose: 'headTeacher',
      schoolId: primary.id,
      status: 'drawn',
      entryCount: 4,
      seed: '14142135623730950488016887',
      slots: pp.classNames,
    });
    expect(draw.title).toBe(`${FIXTURE_YEAR}年${primary.name}一年级班主任派位`);
    expect(draw.witnesses.length).toBeGreaterThanOrEqual(1);
    const table = (await headTeacherTable({ db, actor: principal }, pp.id))!;
    expect(table.rows!.map((x) => x.classNo)).toEqual([1, 2, 3, 4]);
    expect(table.rows!.map((x) => x.teacher).sort()).toEqual(['刘志强', '张雪梅', '李建军', '王丽华'].sort());
    // Made by the school itself, through the placement (audited as such).
    const { rows: ev } = await db.query<{ actor: string }>(
      `SELECT actor FROM audit_event WHERE action = 'classPlacement.headTeacherDraw' AND entity_id = $1`,
      [String(pp.id)],
    );
    expect(ev.map((e) => e.actor)).toEqual(['principalDemo']);
    const p = await getPlacement({ db, actor: w.users.bureau }, r.placementId!);
    expect(p).toMatchObject({ stage: 'junior', gradeLabel: '七年级', status: 'draft' });
    expect(p.report!.hasScores).toBe(true);
    expect(p.report!.allHonoured).toBe(true);
    expect(p.report!.spread.ours.meanScore).toBeLessThan(p.report!.spread.snake.meanScore);
    const { rows } = await db.query<{ result: { places: number; rows: { final: number }[] } }>(
      'SELECT result FROM quota_allocation WHERE id = $1',
      [r.quotaId],
    );
    expect(rows[0]!.result.rows.reduce((a, x) => a + x.final, 0)).toBe(rows[0]!.result.places);
  });
});
