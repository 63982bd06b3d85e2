/**
 * Stored 电脑派位 draws on both engines: the commands (as the actor, with a context `{ db, actor }`;
 * refusals are core Refusals with the API's codes), the database's refusal to change a
 * drawn draw (even with raw SQL), two people drawing at once, and the audit events. Expected
 * hashes are the worked example of docs/lottery.md (computed by an independent node:crypto script)
 * or recomputed here with node:crypto from the specification, never taken from the code under test.
 */
import { createHash } from 'node:crypto';
import { type Actor, type NewDraw, PUBLIC_ACTOR } from '@junheng/core';
import { type Database, drawRanks, ERROR_CODES, migrate } from '@junheng/db';
import {
  COUNTY,
  createTestDatabase,
  FIXTURE_YEAR,
  NEIGHBOUR,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as commands from './commands/index.js';

/** The commands as the actor (no request: no address in the audit events). */
const as = (db: Database, actor: Actor) => ({ db, actor });
const createDraw = (db: Database, actor: Actor, input: NewDraw) => commands.createDraw(as(db, actor), input);
const conductDraw = (
  db: Database,
  actor: Actor,
  id: number,
  input: Parameters<typeof commands.conductDraw>[2],
) => commands.conductDraw(as(db, actor), id, input);
const getDraw = (db: Database, actor: Actor, id: number) => commands.getDraw(as(db, actor), id);
const getPublicDraw = (db: Database, id: number) => commands.getPublicDraw({ db }, id);
const listDraws = async (db: Database, actor: Actor, q: Parameters<typeof commands.listDraws>[1]) =>
  (await commands.listDraws(as(db, actor), q)).items;
const listPublicDraws = (db: Database, code: string) => commands.listPublicDraws({ db }, code);
/** The protocol is public like the draw: read here without an account. */
const drawProtocol = (db: Database, id: number) => commands.drawProtocol(as(db, PUBLIC_ACTOR), id);
const createStandaloneDraw = (db: Database, actor: Actor, input: commands.NewStandaloneDraw) =>
  commands.createStandaloneDraw(as(db, actor), input);

// docs/lottery.md §6.
const GOLDEN = [
  { ticket: '2026-000103', secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
  { ticket: '张*明 2019-03', secret: '00112233445566778899aabbccddeeff' },
  { ticket: '2026-000101', secret: 'a3f5c8e1d2b4967088f1e2d3c4b5a697' },
  { ticket: '2026-000105', secret: 'deadbeefcafebabe0123456789abcdef' },
  { ticket: '2026-000102', secret: '9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3' },
];
const GOLDEN_LIST = [
  '2026-000101,f2ee04208f9b65760b7029bedd8ea46f88d5f29fe27abe10a71bcc9325ee6faa',
  '2026-000102,3a72023797bb19aa18a476668a39143121be9e343e09cac2946ed01d200ad54d',
  '2026-000103,bf169abab924ae6536e5f6e33ab3fb5393367c056303131ec4a7661578507bb3',
  '2026-000105,156bda71fbb5e9f76db39b631e9cfed4418ba4a16399f8ee8eda13bf66b11c4a',
  '张*明 2019-03,2403ba322cecd16289ac0a6c9a5541d00db24d8a40ee31999837098b1f693d2e',
]
  .map((l) => `${l}\n`)
  .join('');
const GOLDEN_COMMITMENT = '35b36423183948c5e5bfb029f23811f8120bef24433d25829204784dbc9a11f4';
const GOLDEN_SEED = '2026 0710 3141 5926 5358';
const GOLDEN_RESULT_HASH = 'f47216985d0f5476a268a1ed30f8cb0cb7a38b0a6167906e47fba77b923e0519';
const GOLDEN_ORDER = ['2026-000105', '2026-000102', '张*明 2019-03', '2026-000101', '2026-000103'];

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hex32 = (i: number) => sha256(`secret-${i}`).slice(0, 32);

const AT = {
  operatorName: '教育局 李操作',
  witnesses: [
    { name: '王家长', role: '家长代表' },
    { name: '刘公证', role: '公证员' },
  ],
  place: '县教育局三楼会议室',
  notary: '清源县公证处 刘公证',
};

describe.each(testEngines())('lottery draws on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;

  const admission = (over: Partial<NewDraw> = {}): NewDraw => ({
    countyCode: COUNTY,
    year: FIXTURE_YEAR + 1,
    purpose: 'admission',
    title: '2026年城区小学招生电脑派位',
    entries: GOLDEN,
    ...over,
  });

  const events = async (action: string, id: number) =>
    (
      await db.query<{ before: unknown; after: Record<string, unknown>; actor: string }>(
        'SELECT before, after, actor FROM audit_event WHERE action = $1 AND entity_id = $2 ORDER BY id',
        [action, String(id)],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
  });
  afterAll(() => t?.dispose());

  it('creates a committed draw: the canonical list and its commitment, audited', async () => {
    const d = await createDraw(db, w.users.bureau, admission());
    expect(d).toMatchObject({
      status: 'committed',
      entryCount: 5,
      commitment: GOLDEN_COMMITMENT,
      seed: null,
      resultHash: null,
      countyName: '清源县',
      committedByName: '教育局甲',
      canDraw: true,
    });
    const pub = await getPublicDraw(db, d.id);
    expect(pub.listText).toBe(GOLDEN_LIST);
    expect(sha256(pub.listText)).toBe(GOLDEN_COMMITMENT);
    expect(pub.order).toBeNull();
    const [ev] = await events('lotteryDraw.commit', d.id);
    expect(ev).toMatchObject({ actor: 'bureau1', after: { commitment: GOLDEN_COMMITMENT, entryCount: 5 } });
    expect(await drawRanks(db, d.id)).toBeNull();
  });

  it('refuses duplicate tickets, bad secrets and a head-teacher draw without classes, in Chinese', async () => {
    const dup = await rejection(
      createDraw(
        db,
        w.users.bureau,
        admission({ entries: [...GOLDEN, { ticket: '2026-000101', secret: hex32(1) }] }),
      ),
    );
    expect(dup).toMatchObject({ code: 'invalidRequest' });
    expect(dup.message).toContain('编号 “2026-000101” 重复');
    const bad = await rejection(
      createDraw(db, w.users.bureau, admission({ entries: [{ ticket: '2026-1', secret: '123456' }] })),
    );
    expect(bad.message).toContain('核验码应为 32–128 位十六进制数字');
    const noSlots = await rejection(createDraw(db, w.users.bureau, admission({ purpose: 'headTeacher' })));
    expect(noSlots.message).toContain('班级名称');
    const tooMany = await rejection(
      createDraw(
        db,
        w.users.clerkA,
        admission({
          purpose: 'headTeacher',
          schoolId: w.schoolA.id,
          slots: ['1班', '2班', '3班', '4班', '5班', '6班'],
        }),
      ),
    );
    expect(tooMany.message).toContain('班级数（6）多于参加派位的人数（5）');
  });

  it('lets only the county bureau and a school (for its own draws) create draws', async () => {
    for (const u of ['clerkA', 'inspector', 'city', 'neighbour', 'viewer', 'admin'] as const) {
      const err = await rejection(createDraw(db, w.users[u], admission()));
      expect(err.code, u).toBe('notAllowed');
    }
    const own = await createDraw(
      db,
      w.users.clerkA,
      admission({ purpose: 'headTeacher', schoolId: w.schoolA.id, slots: ['一（1）班', '一（2）班'] }),
    );
    expect(own).toMatchObject({ schoolId: w.schoolA.id, schoolName: w.schoolA.name, canDraw: true });
    const other = await rejection(
      createDraw(
        db,
        w.users.clerkB,
        admission({ purpose: 'headTeacher', schoolId: w.schoolA.id, slots: ['一（1）班'] }),
      ),
    );
    expect(other.code).toBe('notAllowed');
    // The school's draw is readable by all (public), drawable by the school and the county bureau.
    expect((await getDraw(db, w.users.clerkB, own.id)).canDraw).toBe(false);
    expect((await getDraw(db, w.users.bureau, own.id)).canDraw).toBe(true);
    expect((await getDraw(db, w.users.neighbour, own.id)).canDraw).toBe(false);
  });

  it('creates standalone draws only as the county bureau’s own admission draw; a head-teacher draw is refused with where to make it', async () => {
    const count = async () =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM lottery_draw')).rows[0]!.n);
    const before = await count();
    const base = { countyCode: COUNTY, year: FIXTURE_YEAR + 1, title: '民办学校超额摇号', entries: GOLDEN };
    // A head-teacher draw: refused for everyone, the school included, whatever its classes.
    for (const u of ['clerkA', 'principalA', 'bureau'] as const) {
      const err = await rejection(
        createStandaloneDraw(db, w.users[u], {
          ...base,
          purpose: 'headTeacher',
          schoolId: w.schoolA.id,
          slots: ['一（1）班', '一（2）班'],
        }),
      );
      expect(err.code, u).toBe('invalidRequest');
      expect(err.message, u).toContain('班主任派位请在“均衡分班”页面公示分班结果后进行');
    }
    // A school's own admission draw: refused, the list goes to the bureau.
    const school = await rejection(
      createStandaloneDraw(db, w.users.clerkA, { ...base, schoolId: w.schoolA.id }),
    );
    expect(school.code).toBe('invalidRequest');
    expect(school.message).toContain('由教育局');
    // The county's admission draw by a school user, an inspector, the city, the neighbour, admin: 403.
    for (const u of ['clerkA', 'principalA', 'inspector', 'city', 'neighbour', 'admin'] as const) {
      const err = await rejection(createStandaloneDraw(db, w.users[u], base));
      expect(err.code, u).toBe('notAllowed');
    }
    const clerk = await rejection(createStandaloneDraw(db, w.users.clerkA, base));
    expect(clerk.message).toContain('只有县教育局可以新建电脑派位');
    expect(await count()).toBe(before);
    // The bureau: a county admission draw without school, classes or round (a roundId is not taken).
    const d = await createStandaloneDraw(db, w.users.bureau, {
      ...base,
      roundId: 1,
    } as commands.NewStandaloneDraw);
    expect(d).toMatchObject({
      purpose: 'admission',
      schoolId: null,
      slots: null,
      roundId: null,
      commitment: GOLDEN_COMMITMENT,
      status: 'committed',
    });
    const slots = await rejection(createStandaloneDraw(db, w.users.bureau, { ...base, slots: ['1班'] }));
    expect(slots.code).toBe('invalidRequest');
    expect(await count()).toBe(before + 1);
  });

  it('refuses a 6-digit seed with the reason, and a draw without witnesses', async () => {
    const d = await createDraw(db, w.users.bureau, admission());
    const before = await db.query('SELECT count(*) AS n FROM audit_event');
    const short = await rejection(conductDraw(db, w.users.bureau, d.id, { ...AT, seed: '123456' }));
    expect(short.code).toBe('invalidRequest');
    expect(short.message).toContain('随机种子只有 6 位，至少需要 20 位数字');
    expect(short.message).toContain('试遍所有种子');
    const letters = await rejection(
      conductDraw(db, w.users.bureau, d.id, { ...AT, seed: '2026a0710314159265358' }),
    );
    expect(letters.message).toContain('只能由数字 0–9 组成');
    const alone = await rejection(
      conductDraw(db, w.users.bureau, d.id, { ...AT, seed: GOLDEN_SEED, witnesses: [] }),
    );
    expect(alone.message).toContain('至少填写一位见证人');
    expect((await db.query('SELECT count(*) AS n FROM audit_event')).rows).toEqual(before.rows);
    expect((await getDraw(db, w.users.bureau, d.id)).status).toBe('committed');
  });

  it('draws: the result of docs/lottery.md, stored with its hash, audited with commitment, seed and hash', async () => {
    const d = await createDraw(db, w.users.bureau, admission());
    const drawn = await conductDraw(db, w.users.bureau, d.id, { ...AT, seed: GOLDEN_SEED });
    expect(drawn).toMatchObject({
      status: 'drawn',
      seed: '20260710314159265358',
      resultHash: GOLDEN_RESULT_HASH,
      operatorName: AT.operatorName,
      witnesses: AT.witnesses,
      place: AT.place,
      notary: AT.notary,
    });
    expect(drawn.drawnAt).toBeInstanceOf(Date);
    const pub = await getPublicDraw(db, d.id);
    expect(pub.order).toEqual(GOLDEN_ORDER);
    expect(sha256(pub.resultText!)).toBe(GOLDEN_RESULT_HASH);
    const ranks = await drawRanks(db, d.id);
    expect(ranks?.get('张*明 2019-03')).toBe(3);
    expect(ranks?.get('2026-000105')).toBe(1);
    const [ev] = await events('lotteryDraw.draw', d.id);
    expect(ev!.after).toMatchObject({
      commitment: GOLDEN_COMMITMENT,
      seed: '20260710314159265358',
      resultHash: GOLDEN_RESULT_HASH,
      witnesses: AT.witnesses,
    });
    // Drawing again: 409 with who and when; nothing changes.
    const again = await rejection(conductDraw(db, w.users.bureau, d.id, { ...AT, seed: '9'.repeat(24) }));
    expect(again.code).toBe('conflict');
    expect(again.message).toContain('已于');
    expect(again.message).toContain('不可更改');
    expect((await getDraw(db, w.users.bureau, d.id)).resultHash).toBe(GOLDEN_RESULT_HASH);
  });

  it('prints the protocol from a replay, with the circumstances and signature lines', async () => {
    const d = await createDraw(db, w.users.bureau, admission());
    expect((await rejection(drawProtocol(db, d.id))).code).toBe('wrongState');
    await conductDraw(db, w.users.bureau, d.id, { ...AT, seed: GOLDEN_SEED });
    const p = await drawProtocol(db, d.id);
    expect(p.record).toMatchObject({
      operator: AT.operatorName,
      witnesses: ['王家长（家长代表）', '刘公证（公证员）'],
      notary: AT.notary,
      commitment: GOLDEN_COMMITMENT,
      seed: '20260710314159265358',
      resultHash: GOLDEN_RESULT_HASH,
      entryCount: 5,
    });
    expect(p.record.drawnAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(p.text).toContain('派位事项：2026年城区小学招生电脑派位');
    expect(p.text).toContain('派位地点：县教育局三楼会议室');
    expect(p.text).toContain('随机种子（现场公开摇号，20 位）：2026 0710 3141 5926 5358');
    expect(p.text).toContain('  3. 张*明 2019-03');
    expect(p.text).toContain('操作人员签字');
  });

  it('gives a head-teacher draw its classes by rank', async () => {
    const d = await createDraw(
      db,
      w.users.clerkA,
      admission({
        purpose: 'headTeacher',
        schoolId: w.schoolA.id,
        slots: ['一（1）班', '一（2）班', '一（3）班', '一（4）班'],
      }),
    );
    await conductDraw(db, w.users.principalA, d.id, { ...AT, seed: GOLDEN_SEED, notary: null });
    const p = await drawProtocol(db, d.id);
    // Same list and seed as the worked example: rank 1 is 2026-000105, rank 5 (no class) the reserve.
    expect(p.text).toContain('  1. 2026-000105 → 一（1）班');
    expect(p.text).toContain('  4. 2026-000101 → 一（4）班');
    expect(p.text).toContain('  5. 2026-000103（候补）');
    expect(p.text).toContain('公证人员：（无）');
  });

  it('lets one of two people pressing 开始派位 at once win; the other gets a Chinese 409', async () => {
    const d = await createDraw(db, w.users.bureau, admission());
    const results = await Promise.allSettled([
      conductDraw(db, w.users.bureau, d.id, { ...AT, seed: GOLDEN_SEED }),
      conductDraw(db, w.users.bureau, d.id, { ...AT, seed: '1'.repeat(30) }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'conflict' });
    expect(lost[0]!.reason.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await events('lotteryDraw.draw', d.id)).toHaveLength(1);
    const stored = await getDraw(db, w.users.bureau, d.id);
    expect(stored.seed).toBe((won[0] as PromiseFulfilledResult<{ seed: string }>).value.seed);
  });

  it('the database refuses to change or delete a drawn draw, even with raw SQL', async () => {
    const d = await createDraw(db, w.users.bureau, admission());
    await conductDraw(db, w.users.bureau, d.id, { ...AT, seed: GOLDEN_SEED });
    const raw = async (sql: string, params: unknown[] = [d.id]) =>
      (await rejection(db.query(sql, params))).code;
    expect(await raw("UPDATE lottery_draw SET title = '改过的名称' WHERE id = $1")).toBe(
      ERROR_CODES.lotteryDrawLocked,
    );
    expect(await raw("UPDATE lottery_draw SET seed = '99999999999999999999' WHERE id = $1")).toBe(
      ERROR_CODES.lotteryDrawLocked,
    );
    expect(await raw("UPDATE lottery_draw SET witnesses = '[]' WHERE id = $1")).toBe(
      ERROR_CODES.lotteryDrawLocked,
    );
    expect(await raw('DELETE FROM lottery_draw WHERE id = $1')).toBe(ERROR_CODES.lotteryDrawLocked);
    // CASCADE: other tables (class placements) refer to draws; the trigger still refuses.
    expect(await raw('TRUNCATE lottery_draw CASCADE', [])).toBe(ERROR_CODES.lotteryDrawLocked);
    expect((await getDraw(db, w.users.bureau, d.id)).resultHash).toBe(GOLDEN_RESULT_HASH);
  });

  it('the database lets a committed draw change only by being drawn, its list untouched', async () => {
    const d = await createDraw(db, w.users.bureau, admission());
    const raw = async (sql: string) => (await rejection(db.query(sql, [d.id]))).code;
    expect(await raw("UPDATE lottery_draw SET title = '改名' WHERE id = $1")).toBe(
      ERROR_CODES.lotteryDrawLocked,
    );
    expect(await raw('DELETE FROM lottery_draw WHERE id = $1')).toBe(ERROR_CODES.lotteryDrawLocked);
    // Drawing while swapping the list: refused, whatever the hashes say.
    const other = GOLDEN_LIST.replace('2026-000101', '2026-000100');
    const swap = await rejection(
      db.query(
        `UPDATE lottery_draw SET list_text = $2, commitment = encode(sha256(convert_to($2, 'UTF8')), 'hex'),
                seed = '11111111111111111111', result_text = '1,2026-000100\n',
                result_hash = encode(sha256(convert_to('1,2026-000100\n', 'UTF8')), 'hex'),
                drawn_at = now(), operator_name = 'x', place = 'y' WHERE id = $1`,
        [d.id, other],
      ),
    );
    expect(swap.code).toBe(ERROR_CODES.lotteryDrawLocked);
    // A result hash that is not the hash of the stored result: the CHECK refuses it.
    const forged = await rejection(
      db.query(
        `UPDATE lottery_draw SET seed = '11111111111111111111', result_text = '1,2026-000101\n',
                result_hash = $2, drawn_at = now(), operator_name = 'x', place = 'y' WHERE id = $1`,
        [d.id, GOLDEN_RESULT_HASH],
      ),
    );
    expect(forged.code).toBe(ERROR_CODES.checkViolation);
    // Inserting an already drawn draw (seed before the list was published): refused.
    const early = await rejection(
      db.query(
        `INSERT INTO lottery_draw (county_code, year, purpose, title, list_text, entry_count, commitment, seed,
                                   result_text, result_hash, drawn_at, operator_name, place)
         VALUES ($1, 2026, 'admission', 't', $2, 5, $3, '11111111111111111111', '1,a\n',
                 encode(sha256(convert_to('1,a\n', 'UTF8')), 'hex'), now(), 'x', 'y')`,
        [COUNTY, GOLDEN_LIST, GOLDEN_COMMITMENT],
      ),
    );
    expect(early.code).toBe(ERROR_CODES.lotteryDrawLocked);
    expect((await getDraw(db, w.users.bureau, d.id)).status).toBe('committed');
  });

  it('links a draw to an admission round only of its county and year, once per round', async () => {
    const round = async (county: string, year: number) =>
      Number(
        (
          await db.query<{ id: number }>(
            `INSERT INTO admission_round (county_code, year, stage, title, categories)
             VALUES ($1, $2, 'primary', '测试轮次', '[{"id": "a", "name": "甲"}]') RETURNING id`,
            [county, year],
          )
        ).rows[0]!.id,
      );
    const year = FIXTURE_YEAR + 1;
    const mine = await round(COUNTY, year);
    const theirs = await round(NEIGHBOUR, year);
    const lastYear = await round(COUNTY, year - 1);
    const missing = await rejection(createDraw(db, w.users.bureau, admission({ roundId: 999_999 })));
    expect(missing.code).toBe('notFound');
    expect(missing.message).toContain('招生轮次');
    // Another county's round: invisible, as if it did not exist.
    const other = await rejection(createDraw(db, w.users.bureau, admission({ roundId: theirs })));
    expect(other.code).toBe('notFound');
    const wrongYear = await rejection(createDraw(db, w.users.bureau, admission({ roundId: lastYear })));
    expect(wrongYear.code).toBe('invalidRequest');
    expect(wrongYear.message).toContain(`${year - 1}`);
    const head = await rejection(
      createDraw(
        db,
        w.users.clerkA,
        admission({ purpose: 'headTeacher', schoolId: w.schoolA.id, slots: ['一（1）班'], roundId: mine }),
      ),
    );
    expect(head.code).toBe('invalidRequest');
    const d = await createDraw(db, w.users.bureau, admission({ roundId: mine }));
    expect(d.roundId).toBe(mine);
    const twice = await rejection(createDraw(db, w.users.bureau, admission({ roundId: mine })));
    expect(twice.code).toBe('conflict');
    expect(twice.message).toContain(`${d.id}`);
    // The database itself: one draw per round.
    const raw = await rejection(
      db.query(
        `INSERT INTO lottery_draw (county_code, year, purpose, title, round_id, list_text, entry_count, commitment)
         VALUES ($1, $2, 'admission', 't', $3, $4, 5, $5)`,
        [COUNTY, year, mine, GOLDEN_LIST, GOLDEN_COMMITMENT],
      ),
    );
    expect(raw.code).toBe(ERROR_CODES.uniqueViolation);
  });

  it('lists a county’s draws (public), with what the actor may do', async () => {
    const all = await listDraws(db, w.users.bureau, { countyCode: COUNTY });
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((d) => d.countyCode === COUNTY && d.canDraw)).toBe(true);
    const heads = await listDraws(db, w.users.clerkB, { countyCode: COUNTY, purpose: 'headTeacher' });
    expect(heads.length).toBeGreaterThan(0);
    expect(heads.every((d) => d.purpose === 'headTeacher' && !d.canDraw)).toBe(true);
    expect(await listDraws(db, w.users.bureau, { countyCode: COUNTY, year: 2001 })).toEqual([]);
    expect(await listDraws(db, w.users.neighbour, { countyCode: NEIGHBOUR })).toEqual([]);
    expect((await rejection(listDraws(db, w.users.bureau, { countyCode: '999999' }))).code).toBe('notFound');
    const pub = await listPublicDraws(db, COUNTY);
    expect(pub.map((d) => d.id)).toEqual(all.map((d) => d.id));
    expect((await rejection(getPublicDraw(db, 999_999))).code).toBe('notFound');
  });

  it('handles 100,000 children', async () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => ({
      ticket: `2026-${String(i + 1).padStart(6, '0')}`,
      secret: hex32(i),
    }));
    const d = await createDraw(db, w.users.bureau, admission({ entries }));
    const drawn = await conductDraw(db, w.users.bureau, d.id, { ...AT, seed: '0'.repeat(20) });
    const pub = await getPublicDraw(db, d.id);
    expect(pub.order).toHaveLength(100_000);
    expect(new Set(pub.order).size).toBe(100_000);
    expect(sha256(pub.listText)).toBe(d.commitment);
    expect(sha256(pub.resultText!)).toBe(drawn.resultHash);
    const p = await drawProtocol(db, d.id);
    expect(p.ranksShown).toBe(500);
  }, 60_000);
});
