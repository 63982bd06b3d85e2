/**
 * 均衡分班 commands on both engines (called with a context `{ db, actor, personal }`; refusals are
 * core Refusals with the API's codes): names sealed, balancing and re-runs, versions, who sees
 * what, publication, the school's own full lists, the head-teacher draw after 公示 only and once,
 * and the schema's own locks on a published placement.
 */
import { type Actor, type EntrantInput, PUBLIC_ACTOR } from '@junheng/core';
import {
  createPersonalCipher,
  type Database,
  migrate,
  type PersonalCipher,
  TEST_PERSONAL_KEY,
  verifyAuditChain,
} from '@junheng/db';
import {
  auditCount,
  COUNTY,
  createTestDatabase,
  FIXTURE_YEAR,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lottery from '../lottery/commands/index.js';
import * as commands from './commands/index.js';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>;
const as = (db: Database, actor: Actor, personal?: PersonalCipher) => ({ db, actor, personal });
const createPlacement = (
  db: Database,
  cipher: PersonalCipher,
  actor: Actor,
  input: commands.NewClassPlacement,
) => commands.createPlacement(as(db, actor, cipher), input);
const runPlacement = (db: Database, actor: Actor, id: number, input: Args<typeof commands.runPlacement>[2]) =>
  commands.runPlacement(as(db, actor), id, input);
const publishPlacement = (db: Database, actor: Actor, id: number, input: { expectedVersion: number }) =>
  commands.publishPlacement(as(db, actor), id, input);
const getPlacement = (db: Database, actor: Actor, id: number) => commands.getPlacement(as(db, actor), id);
const listPlacements = (db: Database, actor: Actor, q: { year?: number; schoolId?: string }) =>
  commands.listPlacements(as(db, actor), q);
const placementNames = (db: Database, cipher: PersonalCipher, actor: Actor, id: number) =>
  commands.placementNames(as(db, actor, cipher), id);
const createHeadTeacherDraw = (
  db: Database,
  actor: Actor,
  id: number,
  input: Args<typeof commands.createHeadTeacherDraw>[2],
) => commands.createHeadTeacherDraw(as(db, actor), id, input);
const headTeacherTable = (db: Database, actor: Actor, id: number) =>
  commands.headTeacherTable(as(db, actor), id);
const createDraw = (db: Database, actor: Actor, input: Args<typeof lottery.createDraw>[1]) =>
  lottery.createDraw(as(db, actor), input);
const conductDraw = (db: Database, actor: Actor, id: number, input: Args<typeof lottery.conductDraw>[2]) =>
  lottery.conductDraw(as(db, actor), id, input);

const cipher = createPersonalCipher(TEST_PERSONAL_KEY);

/** 10 entrants: 5 boys, 5 girls, scores 60…96; twins 王大明/王小明 together, 赵甲/赵乙 apart. */
function entrants(): EntrantInput[] {
  const names = ['王大明', '王小明', '李四', '张三丰', '刘一', '陈二', '赵甲', '赵乙', '孙悟空', '周芷若'];
  return names.map((name, i) => ({
    name,
    gender: i % 2 === 0 ? 'male' : 'female',
    score: 60 + 4 * i,
    specialNeeds: i === 3,
    leftBehind: i === 4 || i === 5,
    togetherCode: i < 2 ? 'A1' : null,
    apartCode: i === 6 || i === 7 ? 'B1' : null,
  }));
}

describe.each(testEngines())('class placements on %s', (engine) => {
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

  const newPlacement = (year = FIXTURE_YEAR) =>
    createPlacement(db, cipher, w.users.clerkB, {
      schoolId: w.schoolB.id,
      year,
      classCount: 3,
      entrants: entrants(),
      seed: 'test',
    });

  it('seals the names: no plain name in any column, masked names in the roster', async () => {
    const p = await newPlacement();
    expect(p).toMatchObject({
      status: 'draft',
      version: 1,
      stage: 'junior',
      gradeLabel: '七年级',
      classCount: 3,
    });
    expect(p.classNames).toEqual(['七年级（1）班', '七年级（2）班', '七年级（3）班']);
    expect(p.roster!.map((r) => r.maskedName)).toEqual([
      '王*明',
      '王*明',
      '李*',
      '张*丰',
      '刘*',
      '陈*',
      '赵*',
      '赵*',
      '孙*空',
      '周*若',
    ]);
    const { rows } = await db.query<{ row: string }>(
      'SELECT row_to_json(p)::text AS row FROM class_placement p WHERE id = $1',
      [p.id],
    );
    for (const name of ['王大明', '张三丰', '孙悟空', '周芷若', '李四'])
      expect(rows[0]!.row).not.toContain(name);
    const sealed = await db.query<{ s: string }>(
      'SELECT students_sealed AS s FROM class_placement WHERE id = $1',
      [p.id],
    );
    expect(JSON.parse(cipher.open(sealed.rows[0]!.s))[2]).toEqual({ key: 'E0003', name: '李四' });
  });

  it('runs: sizes 4/3/3, counts within one, twins together, apart pair apart; snake compared', async () => {
    const p = await newPlacement();
    expect(p.report).toBeNull();
    const r = await runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 });
    expect(r.version).toBe(2);
    const sizes = r.report!.classes.map((c) => c.size).sort();
    expect(sizes).toEqual([3, 3, 4]);
    const a = r.assignment!;
    expect(a.E0001).toBe(a.E0002);
    expect(a.E0007).not.toBe(a.E0008);
    for (const k of ['male', 'female', 'specialNeeds', 'leftBehind'] as const) {
      const xs = r.report!.classes.map((c) => c[k]);
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(1);
    }
    expect(r.report!.constraints.map((c) => [c.kind, c.code, c.honoured])).toEqual([
      ['together', 'A1', true],
      ['apart', 'B1', true],
    ]);
    expect(r.report!.allHonoured).toBe(true);
    expect(r.report!.hasScores).toBe(true);
    // Hand-computed grade mean: scores 60, 64, …, 96 → 78; class means average to it by size.
    const weighted = r.report!.classes.reduce((s, c) => s + c.meanScore! * c.size, 0) / 10;
    expect(weighted).toBeCloseTo(78, 9);
    expect(r.report!.snake).toHaveLength(3);
    expect(r.report!.spread.ours.meanScore).toBeLessThanOrEqual(r.report!.spread.snake.meanScore);
    expect(r.classLists!.flatMap((l) => l.students).length).toBe(10);
    expect(r.report!.classes.find((c) => c.classNo === a.E0001)!.notes).toContain('同班组 A1（2 人）');
  });

  it('refuses a stale version (conflict) and writes nothing', async () => {
    const p = await newPlacement();
    await runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 });
    const before = await auditCount(db);
    const err = await rejection(
      runPlacement(db, w.users.bureau, p.id, { expectedVersion: 1, classCount: 2 }),
    );
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('已被他人修改');
    expect(await auditCount(db)).toBe(before);
    expect((await getPlacement(db, w.users.clerkB, p.id)).classCount).toBe(3);
  });

  it('hides a school’s placement from other schools and counties (404); inspectors read only', async () => {
    const p = await newPlacement();
    for (const who of ['clerkA', 'principalA', 'neighbour'] as const) {
      expect((await rejection(getPlacement(db, w.users[who], p.id))).code).toBe('notFound');
      expect((await rejection(runPlacement(db, w.users[who], p.id, { expectedVersion: 1 }))).code).toBe(
        'notFound',
      );
      expect(
        (await listPlacements(db, w.users[who], { year: FIXTURE_YEAR })).some((x) => x.id === p.id),
      ).toBe(false);
    }
    expect(
      (
        await rejection(
          createPlacement(db, cipher, w.users.clerkA, {
            schoolId: w.schoolB.id,
            year: FIXTURE_YEAR,
            classCount: 2,
            entrants: entrants(),
          }),
        )
      ).code,
    ).toBe('notFound');
    expect((await getPlacement(db, w.users.inspector, p.id)).canEdit).toBe(false);
    expect((await rejection(runPlacement(db, w.users.inspector, p.id, { expectedVersion: 1 }))).code).toBe(
      'notAllowed',
    );
    expect((await rejection(runPlacement(db, w.users.city, p.id, { expectedVersion: 1 }))).code).toBe(
      'notAllowed',
    );
    // The county's bureau may do any school's 分班.
    expect((await runPlacement(db, w.users.bureau, p.id, { expectedVersion: 1 })).version).toBe(2);
    expect(
      (await listPlacements(db, w.users.bureau, { year: FIXTURE_YEAR })).some((x) => x.id === p.id),
    ).toBe(true);
    // Not published: the public sees nothing.
    expect((await rejection(getPlacement(db, PUBLIC_ACTOR, p.id))).code).toBe('notFound');
  });

  it('publishes masked class lists only; published placements are final', async () => {
    const p = await newPlacement();
    expect((await rejection(publishPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 }))).code).toBe(
      'wrongState',
    );
    const r = await runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 });
    const pub = await publishPlacement(db, w.users.clerkB, p.id, { expectedVersion: r.version });
    expect(pub.status).toBe('published');
    expect(pub.publishedAt).toBeInstanceOf(Date);
    const seen = await getPlacement(db, PUBLIC_ACTOR, p.id);
    expect(seen.roster).toBeNull();
    expect(seen.assignment).toBeNull();
    const text = JSON.stringify(seen.classLists);
    expect(text).toContain('王*明');
    for (const name of ['王大明', '王小明', '孙悟空']) expect(JSON.stringify(seen)).not.toContain(name);
    expect(Object.keys(seen.classLists![0]!.students[0]!).sort()).toEqual(['gender', 'maskedName', 'no']);
    expect(
      (await rejection(runPlacement(db, w.users.clerkB, p.id, { expectedVersion: pub.version }))).code,
    ).toBe('wrongState');
    // The school's own full list opens the seal and is audited.
    const before = await auditCount(db);
    const full = await placementNames(db, cipher, w.users.clerkB, p.id);
    expect(full.lists.flatMap((l) => l.students.map((s) => s.name)).sort()).toEqual(
      entrants()
        .map((e) => e.name)
        .sort(),
    );
    expect(await auditCount(db)).toBe(before + 1);
    expect((await rejection(placementNames(db, cipher, w.users.inspector, p.id))).code).toBe('notAllowed');
  });

  it('rejects bad input with Chinese messages and writes nothing', async () => {
    const before = await auditCount(db);
    const bad = async (patch: (e: EntrantInput[]) => void, classCount = 3) => {
      const list = entrants();
      patch(list);
      return rejection(
        createPlacement(db, cipher, w.users.clerkB, {
          schoolId: w.schoolB.id,
          year: FIXTURE_YEAR,
          classCount,
          entrants: list,
        }),
      );
    };
    expect((await bad((l) => (l[2]!.togetherCode = 'Z9'))).message).toContain('同班组“Z9”只有 1 人');
    expect(
      (
        await bad((l) => {
          l[0]!.apartCode = 'B1';
          l[1]!.apartCode = 'B1';
        })
      ).message,
    ).toContain('既在同班组“A1”又在分开组“B1”');
    expect((await bad((l) => (l[0]!.gender = 'x' as 'male'))).message).toContain('第 1 名新生');
    expect((await bad(() => {}, 11)).message).toContain('多于新生人数');
    expect(await auditCount(db)).toBe(before);
    // Infeasible at run: a 3-person 分开组 in 2 classes.
    const list = entrants();
    list[8]!.apartCode = 'B1';
    const p = await createPlacement(db, cipher, w.users.clerkB, {
      schoolId: w.schoolB.id,
      year: FIXTURE_YEAR,
      classCount: 3,
      entrants: list,
    });
    const err = await rejection(
      runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1, classCount: 2 }),
    );
    expect(err.code).toBe('invalidRequest');
    expect(err.message).toContain('分开组“B1”有 3 人，但只有 2 个班');
  });

  it('draws head teachers with the verifiable lottery and shows class → teacher', async () => {
    const p = await newPlacement(FIXTURE_YEAR + 1);
    const ran = await runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 });
    const r = await publishPlacement(db, w.users.clerkB, p.id, { expectedVersion: ran.version });
    expect(
      (
        await rejection(
          createHeadTeacherDraw(db, w.users.clerkB, p.id, {
            expectedVersion: r.version,
            teachers: ['甲', '乙'],
          }),
        )
      ).message,
    ).toContain('应与班级数（3）相同');
    const d = await createHeadTeacherDraw(db, w.users.clerkB, p.id, {
      expectedVersion: r.version,
      teachers: ['王老师', '李老师', '张老师'],
    });
    expect(d.version).toBe(r.version + 1);
    const { rows } = await db.query<{
      purpose: string;
      school_id: string;
      slots: string[];
      entry_count: number;
    }>('SELECT purpose, school_id, slots, entry_count FROM lottery_draw WHERE id = $1', [d.drawId]);
    expect(rows[0]).toEqual({
      purpose: 'headTeacher',
      school_id: w.schoolB.id,
      slots: r.classNames,
      entry_count: 3,
    });
    expect(await headTeacherTable(db, w.users.clerkB, p.id)).toEqual({
      drawId: d.drawId,
      teachers: ['王老师', '李老师', '张老师'],
      rows: null,
    });
    await conductDraw(db, w.users.clerkB, d.drawId, {
      seed: '12345678901234567890123',
      operatorName: '操作员',
      witnesses: [{ name: '家长代表', role: '家长代表' }],
      place: '学校会议室',
    });
    const table = (await headTeacherTable(db, w.users.clerkB, p.id))!;
    expect(table.rows!.map((x) => x.className)).toEqual(r.classNames);
    expect(table.rows!.map((x) => x.teacher).sort()).toEqual(['张老师', '李老师', '王老师']);
    // Published placement, public draw: another school sees the same table (teachers are adults
    // in a public role); a draft's table would be hidden with the draft.
    expect((await headTeacherTable(db, w.users.clerkA, p.id))!.rows).toEqual(table.rows);
    expect(
      (
        await rejection(
          createHeadTeacherDraw(db, w.users.clerkB, p.id, {
            expectedVersion: d.version,
            teachers: ['a', 'b', 'c'],
          }),
        )
      ).code,
    ).toBe('wrongState');
  });

  it('the head-teacher draw comes only after 公示, once; the classes can no longer change', async () => {
    const Y = FIXTURE_YEAR + 2;
    const p = await newPlacement(Y);
    const ran = await runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 });
    const teachers = ['王老师', '李老师', '张老师'];
    // A run but unpublished placement: no draw (the school could still re-place the children).
    const early = await rejection(
      createHeadTeacherDraw(db, w.users.clerkB, p.id, { expectedVersion: ran.version, teachers }),
    );
    expect(early.code).toBe('wrongState');
    expect(early.message).toContain('请先公示分班结果');
    expect(
      (await db.query('SELECT 1 FROM lottery_draw WHERE school_id = $1 AND year = $2', [w.schoolB.id, Y]))
        .rows,
    ).toEqual([]);
    const pub = await publishPlacement(db, w.users.clerkB, p.id, { expectedVersion: ran.version });
    const d = await createHeadTeacherDraw(db, w.users.clerkB, p.id, {
      expectedVersion: pub.version,
      teachers,
    });
    // Neither re-run with another seed nor renamed classes: the published placement is final.
    for (const change of [{ seed: 'other' }, { classNames: ['甲班', '乙班', '丙班'] }, {}]) {
      const err = await rejection(
        runPlacement(db, w.users.clerkB, p.id, { expectedVersion: d.version, ...change }),
      );
      expect(err.code).toBe('wrongState');
    }
    // The bureau may not replace the draw either.
    const again = await rejection(
      createHeadTeacherDraw(db, w.users.bureau, p.id, { expectedVersion: d.version, teachers }),
    );
    expect(again.code).toBe('wrongState');
    expect(again.message).toContain('只派位一次');
    // Another placement of the same grade cannot be published (and so gets no draw).
    const second = await newPlacement(Y);
    const ran2 = await runPlacement(db, w.users.clerkB, second.id, { expectedVersion: 1, seed: 'suits-us' });
    const refused = await rejection(
      publishPlacement(db, w.users.clerkB, second.id, { expectedVersion: ran2.version }),
    );
    expect(refused.code).toBe('wrongState');
    expect(refused.message).toContain(`已公示分班方案 ${p.id}`);
    expect(
      (
        await rejection(
          createHeadTeacherDraw(db, w.users.clerkB, second.id, { expectedVersion: ran2.version, teachers }),
        )
      ).code,
    ).toBe('wrongState');
    const after = await getPlacement(db, w.users.clerkB, p.id);
    expect(after).toMatchObject({ headTeacherDrawId: d.drawId, headTeachers: teachers, version: d.version });
    expect(after.assignment).toEqual(pub.assignment);
  });

  it('the schema keeps a published placement and its draw as they are', async () => {
    const Y = FIXTURE_YEAR + 3;
    const p = await newPlacement(Y);
    const ran = await runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 });
    const pub = await publishPlacement(db, w.users.clerkB, p.id, { expectedVersion: ran.version });
    const d = await createHeadTeacherDraw(db, w.users.clerkB, p.id, {
      expectedVersion: pub.version,
      teachers: ['王老师', '李老师', '张老师'],
    });
    const sqlError = async (sql: string, params: unknown[] = []) => {
      const e = await db.query(sql, params).then(
        () => null,
        (x: unknown) => x as { code?: string },
      );
      expect(e, sql).not.toBeNull();
      return e!.code;
    };
    // Unlinked, replaced, re-run, un-published, deleted: all refused by the trigger.
    expect(
      await sqlError(
        'UPDATE class_placement SET head_teacher_draw_id = NULL, head_teachers = NULL WHERE id = $1',
        [p.id],
      ),
    ).toBe('JH011');
    const other = await createDraw(db, w.users.clerkB, {
      countyCode: COUNTY,
      schoolId: w.schoolB.id,
      year: Y,
      purpose: 'headTeacher',
      title: '另一次班主任派位',
      entries: ['甲', '乙', '丙'].map((t) => ({ ticket: t, secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' })),
      slots: pub.classNames,
    });
    expect(
      await sqlError('UPDATE class_placement SET head_teacher_draw_id = $2 WHERE id = $1', [p.id, other.id]),
    ).toBe('JH011');
    expect(await sqlError(`UPDATE class_placement SET assignment = '{}'::jsonb WHERE id = $1`, [p.id])).toBe(
      'JH011',
    );
    expect(await sqlError(`UPDATE class_placement SET seed = 'x' WHERE id = $1`, [p.id])).toBe('JH011');
    expect(
      await sqlError(
        `UPDATE class_placement SET status = 'draft', published_at = NULL, published_by = NULL,
                head_teacher_draw_id = NULL, head_teachers = NULL WHERE id = $1`,
        [p.id],
      ),
    ).toBe('JH011');
    expect(await sqlError('DELETE FROM class_placement WHERE id = $1', [p.id])).toBe('JH011');
    // A draft never has a draw; one draw links one placement; one published placement per grade.
    const draft = await newPlacement(Y);
    await runPlacement(db, w.users.clerkB, draft.id, { expectedVersion: 1 });
    expect(
      await sqlError(
        `UPDATE class_placement SET head_teacher_draw_id = $2, head_teachers = '[]' WHERE id = $1`,
        [draft.id, other.id],
      ),
    ).toBe('23514');
    expect(
      await sqlError(
        `UPDATE class_placement SET status = 'published', published_at = now(), published_by = updated_by WHERE id = $1`,
        [draft.id],
      ),
    ).toBe('23505');
    const row = await getPlacement(db, w.users.clerkB, p.id);
    expect(row).toMatchObject({ status: 'published', headTeacherDrawId: d.drawId, version: d.version });
  });

  it('shows each viewer only what it may see: flags to the school and its bureau, figures to officials, lists to the rest', async () => {
    const Y = FIXTURE_YEAR + 4;
    const p = await newPlacement(Y);
    const ran = await runPlacement(db, w.users.clerkB, p.id, { expectedVersion: 1 });
    await publishPlacement(db, w.users.clerkB, p.id, { expectedVersion: ran.version });
    // Entrant 4 (张三丰) is 随班就读, 5 and 6 留守; 王大明/王小明 同班组 A1, 赵甲/赵乙 分开组 B1.
    for (const who of ['clerkB', 'bureau'] as const) {
      const v = await getPlacement(db, w.users[who], p.id);
      expect(v.detail, who).toBe('full');
      expect(v.roster!.filter((r) => r.specialNeeds).map((r) => r.maskedName)).toEqual(['张*丰']);
      expect(v.report!.constraints[0]!.members).toEqual(['王*明', '王*明']);
      expect(v.assignment).not.toBeNull();
    }
    for (const who of ['inspector', 'city', 'admin'] as const) {
      const v = await getPlacement(db, w.users[who], p.id);
      expect(v.detail, who).toBe('aggregate');
      expect(v.roster, who).toBeNull();
      expect(v.assignment, who).toBeNull();
      // Per-class figures, but no child: 1 随班就读 and 2 留守 in all, constraint outcomes without members.
      expect(v.report!.classes.reduce((a, c) => a + c.specialNeeds, 0)).toBe(1);
      expect(v.report!.classes.reduce((a, c) => a + c.leftBehind, 0)).toBe(2);
      expect(v.report!.constraints.map((c) => [c.code, c.members, c.classes, c.honoured])).toEqual([
        ['A1', [], [], true],
        ['B1', [], [], true],
      ]);
    }
    for (const [who, actor] of [
      ['clerkA', w.users.clerkA],
      ['principalA', w.users.principalA],
      ['neighbour', w.users.neighbour],
      ['viewer', w.users.viewer],
      ['public', PUBLIC_ACTOR],
    ] as const) {
      const v = await getPlacement(db, actor, p.id);
      expect(v.detail, who).toBe('lists');
      expect(v.roster, who).toBeNull();
      expect(v.assignment, who).toBeNull();
      expect(v.report, who).toBeNull();
      expect(v.classLists!.flatMap((l) => l.students).length).toBe(10);
      const text = JSON.stringify(v);
      for (const word of ['specialNeeds', 'leftBehind', 'together', 'apart', 'A1', 'B1'])
        expect(text, who).not.toContain(word);
    }
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
