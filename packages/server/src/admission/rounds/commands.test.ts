/**
 * 招生申请 commands on a seeded county: a round created and changed, its applicants sealed, checked,
 * changed with versions, read in full and exported with audit events, imported all or nothing; the
 * list committed as ONE draw (one entry a family), admitted after the draw; who sees what.
 */
import { type Actor, type ApplicantFields, findMyEntry, residentIdCheckChar } from '@junheng/core';
import {
  createPersonalCipher,
  type Database,
  migrate,
  type Queryable,
  TEST_PERSONAL_KEY,
  verifyAuditChain,
} from '@junheng/db';
import {
  auditCount,
  COUNTY,
  createTestDatabase,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../platform/commands.js';
import { conductDraw, getDraw, getPublicDraw } from '../lottery/commands/index.js';
import {
  addApplicant,
  admitRound,
  commitRoundDraw,
  createRound,
  exportApplicants,
  getApplicant,
  getRound,
  importApplicants,
  listApplicants,
  listRounds,
  removeApplicant,
  roundResults,
  updateApplicant,
  updateRound,
} from './commands/index.js';

const cipher = createPersonalCipher(TEST_PERSONAL_KEY);

/** A valid 18-digit ID number (GB 11643 check character) for a child born on `birth` (YYYYMMDD). */
function idNumber(birth: string, seq: number): string {
  const body = `130660${birth}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

describe.each(testEngines())('admission rounds and applicants on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  let schoolA: string;
  let schoolP: string;
  let roundId: number;
  const as = (actor: Actor): CommandContext => ({ db, actor, personal: cipher });

  const fields = (name: string, seq: number, more: Partial<ApplicantFields> = {}): ApplicantFields => ({
    name,
    idNumber: idNumber('20190315', seq),
    guardianName: `${name.slice(0, 1)}建国`,
    phone: '13812345678',
    address: '清源县城关镇幸福路 8 号',
    areaName: '幸福小区',
    zoneSchoolId: schoolA,
    category: 'hukou',
    migrantEligible: false,
    specialNeeds: null,
    siblingAtSchool: false,
    familyKey: null,
    choices: [],
    ...more,
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
    schoolA = w.schoolA.id;
    const other = w.ds.schools.find((s) => s.type === 'primary' && s.id !== schoolA);
    if (!other) throw new Error('fixture needs two 小学');
    schoolP = other.id;
  });
  afterAll(() => t?.dispose());

  it('creates a round with the five default categories for the bureau only', async () => {
    const r = await createRound(as(w.users.bureau), {
      countyCode: COUNTY,
      year: 2026,
      stage: 'primary',
      title: '2026年清源县小学招生',
      places: [
        { schoolId: schoolA, places: 2 },
        { schoolId: schoolP, places: 5 },
      ],
    });
    roundId = r.id;
    expect(r.status).toBe('open');
    expect(r.categories.map((c) => c.name)).toEqual([
      '户籍与房产一致',
      '户籍',
      '房产',
      '居住证随迁子女',
      '其他',
    ]);
    expect(r.schools.map((s) => [s.schoolId, s.places])).toEqual(
      expect.arrayContaining([
        [schoolA, 2],
        [schoolP, 5],
      ]),
    );
    expect(r.canEdit).toBe(true);
    expect(
      (
        await rejection(
          createRound(as(w.users.inspector), {
            countyCode: COUNTY,
            year: 2026,
            stage: 'primary',
            title: 'x',
          }),
        )
      ).code,
    ).toBe('notAllowed');
    expect(
      (
        await rejection(
          createRound(as(w.users.neighbour), {
            countyCode: COUNTY,
            year: 2026,
            stage: 'primary',
            title: 'x',
          }),
        )
      ).code,
    ).toBe('notFound');
    // A 初级中学 has no 小学 intake.
    const junior = await rejection(
      updateRound(as(w.users.bureau), {
        id: roundId,
        version: r.version,
        places: [{ schoolId: w.schoolB.id, places: 3 }],
      }),
    );
    expect(junior.message).toContain('没有小学学段');
    // Inspectors and the city read the round (aggregates), school users do not see an open round.
    expect((await getRound(as(w.users.inspector), { id: roundId })).canEdit).toBe(false);
    expect((await listRounds(as(w.users.city))).map((x) => x.id)).toContain(roundId);
    expect((await rejection(getRound(as(w.users.clerkA), { id: roundId }))).code).toBe('notFound');
    expect((await listRounds(as(w.users.clerkA))).map((x) => x.id)).not.toContain(roundId);
    expect((await listRounds(as(w.users.neighbour))).map((x) => x.id)).not.toContain(roundId);
  });

  it('edits the category order while open, and refuses a stale version with 409', async () => {
    const r = await getRound(as(w.users.bureau), { id: roundId });
    const swapped = [r.categories[1]!, r.categories[0]!, ...r.categories.slice(2)];
    const u = await updateRound(as(w.users.bureau), { id: roundId, version: r.version, categories: swapped });
    expect(u.categories[0]!.id).toBe('hukou');
    expect(u.version).toBe(r.version + 1);
    const stale = await rejection(
      updateRound(as(w.users.bureau), { id: roundId, version: r.version, title: '新名称' }),
    );
    expect(stale.code).toBe('conflict');
    const back = await updateRound(as(w.users.bureau), {
      id: roundId,
      version: u.version,
      categories: r.categories,
    });
    expect(back.categories[0]!.id).toBe('hukouProperty');
  });

  it('stores personal data sealed: no plain name or ID number in any column, masked forms for lists', async () => {
    const a = await addApplicant(as(w.users.bureau), {
      roundId,
      fields: fields('张小明', 11, { category: 'hukouProperty' }),
    });
    expect(a.ticket).toBe('2026-000001');
    expect(a.nameMasked).toBe('张*明');
    expect(a.idNumberMasked).toMatch(/^\*{16}\d[\dX]$/);
    expect(a.gender).toBe('male');
    expect(a.birthMonth).toBe('2019-03');
    const raw = await db.query<{ t: string }>(
      'SELECT row_to_json(a)::text AS t FROM applicant a WHERE id = $1',
      [a.id],
    );
    const text = raw.rows[0]!.t;
    expect(text).not.toContain('张小明');
    expect(text).not.toContain(idNumber('20190315', 11));
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('幸福路');
    expect(text).toContain('张*明');
    const audit = await db.query<{ t: string }>(
      `SELECT row_to_json(e)::text AS t FROM audit_event e WHERE entity = 'applicant'`,
    );
    for (const e of audit.rows) expect(e.t).not.toContain('张小明');
  });

  it('refuses bad fields with every problem named, and a duplicate ID number', async () => {
    const bad = await rejection(
      addApplicant(as(w.users.bureau), {
        roundId,
        fields: fields('李四', 12, { idNumber: '130660201903150121', phone: '12345', category: 'vip' }),
      }),
    );
    expect(bad.code).toBe('invalidRequest');
    expect(bad.message).toContain('“身份证号”校验位不正确');
    expect(bad.message).toContain('“联系电话”应为 11 位手机号码');
    expect(bad.message).toContain('“类别”不是本轮的招生类别');
    const dup = await rejection(addApplicant(as(w.users.bureau), { roundId, fields: fields('张晓明', 11) }));
    expect(dup.message).toContain('本轮已有该身份证号的申请（申请编号 2026-000001）');
    expect(
      (await rejection(addApplicant(as(w.users.inspector), { roundId, fields: fields('王五', 13) }))).code,
    ).toBe('notAllowed');
  });

  it('updates with the version it was read at (409 when stale) and removes', async () => {
    const b = await addApplicant(as(w.users.bureau), { roundId, fields: fields('李小红', 22) });
    const u = await updateApplicant(as(w.users.bureau), {
      id: b.id,
      fields: { ...fields('李小红', 22), areaName: '阳光花园', version: b.version },
    });
    expect(u.areaName).toBe('阳光花园');
    const stale = await rejection(
      updateApplicant(as(w.users.bureau), {
        id: b.id,
        fields: { ...fields('李小红', 22), version: b.version },
      }),
    );
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain('已被他人修改');
    await removeApplicant(as(w.users.bureau), { id: b.id, version: u.version });
    expect((await rejection(getApplicant(as(w.users.bureau), { id: b.id }))).code).toBe('notFound');
  });

  it('reads one child in full only with an audit event, and exports with one', async () => {
    const list = await listApplicants(as(w.users.bureau), { roundId: roundId });
    const id = list.items[0]!.id;
    const before = await auditCount(db);
    const full = await getApplicant({ ...as(w.users.bureau), ip: '10.0.0.1' }, { id: id });
    expect(full).toMatchObject({
      name: '张小明',
      idNumber: idNumber('20190315', 11),
      phone: '13812345678',
      lotteryTicket: '2026-000001',
    });
    expect(full.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(await auditCount(db)).toBe(before + 1);
    const ev = await db.query<{ action: string; after: { name: string } }>(
      'SELECT action, after FROM audit_event ORDER BY id DESC LIMIT 1',
    );
    expect(ev.rows[0]).toMatchObject({ action: 'applicant.read', after: { name: '张*明' } });
    const exp = await exportApplicants(as(w.users.bureau), { roundId: roundId });
    expect(exp.items.map((x) => x.name)).toEqual(['张小明']);
    expect(await auditCount(db)).toBe(before + 2);
    // Inspectors and the city see the round, never the children.
    for (const who of ['inspector', 'city'] as const) {
      expect((await rejection(listApplicants(as(w.users[who]), { roundId: roundId }))).code).toBe(
        'notAllowed',
      );
      expect((await rejection(exportApplicants(as(w.users[who]), { roundId: roundId }))).code).toBe(
        'notAllowed',
      );
      expect((await rejection(getApplicant(as(w.users[who]), { id: id }))).code).toBe('notFound');
    }
    expect(await auditCount(db)).toBe(before + 2);
  });

  it('imports all or nothing, naming row, column and value of every error', async () => {
    const before = (await listApplicants(as(w.users.bureau), { roundId: roundId })).total;
    const rows = [
      { rowNo: 2, fields: fields('王大伟', 31, { zoneSchoolId: schoolP }) },
      { rowNo: 3, fields: fields('王小伟', 33, { idNumber: '13066020190315033X' }) },
      { rowNo: 4, fields: fields('赵雷', 35, { idNumber: idNumber('20190315', 11) }) },
      { rowNo: 5, fields: fields('钱多', 37, { idNumber: idNumber('20190315', 31) }) },
    ];
    const err = await rejection(
      importApplicants(as(w.users.bureau), { roundId, rows: rows, file: 'a.xlsx' }),
    );
    expect(err.code).toBe('invalidRequest');
    const details = (
      err as unknown as { details: { row: number; column: string; value: unknown; message: string }[] }
    ).details;
    expect(details).toEqual([
      {
        row: 3,
        column: '身份证号',
        value: '13066020190315033X',
        message: expect.stringContaining('校验位不正确'),
      },
      {
        row: 4,
        column: '身份证号',
        value: expect.stringMatching(/^\*{16}\d[\dX]$/),
        message: expect.stringContaining('2026-000001'),
      },
      {
        row: 5,
        column: '身份证号',
        value: expect.stringMatching(/^\*{16}\d[\dX]$/),
        message: '与第 2 行的身份证号相同：同一儿童只能填一行，请删除重复的行',
      },
    ]);
    expect((await listApplicants(as(w.users.bureau), { roundId: roundId })).total).toBe(before);

    const good = [
      { rowNo: 2, fields: fields('王大伟', 31, { zoneSchoolId: schoolP, category: 'hukouProperty' }) },
      { rowNo: 3, fields: fields('周一', 41, { familyKey: 'T1' }) },
      { rowNo: 4, fields: fields('周二', 43, { familyKey: 'T1' }) },
      { rowNo: 5, fields: fields('吴明', 45) },
      {
        rowNo: 6,
        fields: fields('马丽', 46, { category: 'migrant', migrantEligible: true, zoneSchoolId: null }),
      },
    ];
    const ok = await importApplicants(as(w.users.bureau), { roundId, rows: good, file: 'b.xlsx' });
    expect(ok).toEqual({ created: 5, firstTicket: '2026-000003', lastTicket: '2026-000007' });
    const list = await listApplicants(as(w.users.bureau), { roundId, pageSize: 2 });
    expect(list).toMatchObject({ total: before + 5, page: 1, pageSize: 2 });
    expect(list.items.map((x) => x.ticket)).toEqual(['2026-000001', '2026-000003']);
    expect((await listApplicants(as(w.users.bureau), { roundId, zoneSchoolId: schoolP })).total).toBe(1);
    expect(
      (await listApplicants(as(w.users.bureau), { roundId, status: 'migrant' })).items.map(
        (x) => x.nameMasked,
      ),
    ).toEqual(['马*']);
  });

  it('raises the round version on every applicant write, so a commit of an older list is a 409', async () => {
    const seen = await getRound(as(w.users.bureau), { id: roundId });
    // A colleague imports one more child after the user reviewed the list.
    await importApplicants(as(w.users.bureau), {
      roundId,
      rows: [{ rowNo: 2, fields: fields('郑后来', 51) }],
    });
    const stale = await rejection(
      commitRoundDraw(as(w.users.bureau), { id: roundId, version: seen.version }),
    );
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain(`您看到的是第 ${seen.version} 版`);
    expect((await getRound(as(w.users.bureau), { id: roundId })).status).toBe('open');
    let v = (await getRound(as(w.users.bureau), { id: roundId })).version;
    expect(v).toBe(seen.version + 1);
    const late = (await listApplicants(as(w.users.bureau), { roundId, q: '2026-000008' })).items[0]!;
    expect(late.nameMasked).toBe('郑*来');
    const changed = await updateApplicant(as(w.users.bureau), {
      id: late.id,
      fields: { ...fields('郑后来', 51), areaName: '新区', version: late.version },
    });
    expect((await getRound(as(w.users.bureau), { id: roundId })).version).toBe(++v);
    await removeApplicant(as(w.users.bureau), { id: late.id, version: changed.version });
    expect((await getRound(as(w.users.bureau), { id: roundId })).version).toBe(++v);
    const added = await addApplicant(as(w.users.bureau), { roundId, fields: fields('郑又来', 53) });
    expect((await getRound(as(w.users.bureau), { id: roundId })).version).toBe(++v);
    await removeApplicant(as(w.users.bureau), { id: added.id, version: added.version });
    expect((await getRound(as(w.users.bureau), { id: roundId })).version).toBe(++v);
  });

  it('refuses to drop a school named as 志愿, and never freezes a list the admission would refuse', async () => {
    const schoolQ = w.ds.schools.find(
      (s) => s.type === 'primary' && s.id !== schoolA && s.id !== schoolP,
    )?.id;
    if (!schoolQ) throw new Error('fixture needs three 小学');
    const two = [
      { schoolId: schoolA, places: 2 },
      { schoolId: schoolP, places: 5 },
    ];
    let r = await updateRound(as(w.users.bureau), {
      id: roundId,
      version: (await getRound(as(w.users.bureau), { id: roundId })).version,
      places: [...two, { schoolId: schoolQ, places: 0 }],
    });
    const x = await addApplicant(as(w.users.bureau), {
      roundId,
      fields: fields('孙志愿', 61, { choices: [schoolQ] }),
    });
    r = await getRound(as(w.users.bureau), { id: roundId });
    const refused = await rejection(
      updateRound(as(w.users.bureau), { id: roundId, version: r.version, places: two }),
    );
    expect(refused.code).toBe('invalidRequest');
    expect(refused.message).toContain(`${schoolQ}，1 人`);
    expect(refused.message).toContain('请先修改这些申请人的志愿学校');
    expect((await getRound(as(w.users.bureau), { id: roundId })).schools).toHaveLength(3);

    // A 志愿 outside the round (only reachable behind the commands' back): the commit refuses it
    // instead of freezing a list whose admission would then fail for ever.
    await db.query('UPDATE applicant SET choices = $2::jsonb WHERE id = $1', [
      x.id,
      JSON.stringify([w.schoolB.id]),
    ]);
    r = await getRound(as(w.users.bureau), { id: roundId });
    const bad = await rejection(commitRoundDraw(as(w.users.bureau), { id: roundId, version: r.version }));
    expect(bad.code).toBe('invalidRequest');
    expect(bad.message).toContain(`申请人 ${x.ticket} 的志愿学校 ${w.schoolB.id} 不在本轮招生学校中`);
    expect((await getRound(as(w.users.bureau), { id: roundId })).status).toBe('open');
    const draws = await db.query<{ n: number }>(
      'SELECT count(*) AS n FROM lottery_draw WHERE round_id = $1',
      [roundId],
    );
    expect(Number(draws.rows[0]!.n)).toBe(0);

    const current = (await listApplicants(as(w.users.bureau), { roundId, q: x.ticket })).items[0]!;
    await removeApplicant(as(w.users.bureau), { id: x.id, version: current.version });
    r = await getRound(as(w.users.bureau), { id: roundId });
    expect(
      (await updateRound(as(w.users.bureau), { id: roundId, version: r.version, places: two })).schools,
    ).toHaveLength(2);
  });

  it('commits ONE draw with one entry per family, then freezes the applicants', async () => {
    const r = await getRound(as(w.users.bureau), { id: roundId });
    expect(r.applicantCount).toBe(6);
    expect(r.familyCount).toBe(5);
    const stale = await rejection(
      commitRoundDraw(as(w.users.bureau), { id: roundId, version: r.version - 1 }),
    );
    expect(stale.code).toBe('conflict');
    const { round, draw } = await commitRoundDraw(as(w.users.bureau), { id: roundId, version: r.version });
    expect(round.status).toBe('committed');
    expect(draw).toMatchObject({ purpose: 'admission', roundId, entryCount: 5, status: 'committed' });
    expect((await getDraw({ db, actor: w.users.bureau }, draw.id)).commitment).toMatch(/^[0-9a-f]{64}$/);
    // Frozen: no add, edit, remove or import, and no config change — also at the SQL level.
    const add = await rejection(addApplicant(as(w.users.bureau), { roundId, fields: fields('新来', 51) }));
    expect(add.code).toBe('wrongState');
    expect(add.message).toContain('已冻结');
    const first = (await listApplicants(as(w.users.bureau), { roundId: roundId })).items[0]!;
    expect(
      (await rejection(removeApplicant(as(w.users.bureau), { id: first.id, version: first.version }))).code,
    ).toBe('wrongState');
    expect(
      (await rejection(updateRound(as(w.users.bureau), { id: roundId, version: round.version, title: '改' })))
        .code,
    ).toBe('wrongState');
    const sql = await rejection(
      db.query(`UPDATE applicant SET category = 'other' WHERE id = $1`, [first.id]),
    );
    expect((sql as { code?: string }).code).toBe('JH009');
    // Every child's notice checks against the published list the way a parent checks it: the
    // family's ticket with its 核验码, twins included (one entry, the first twin's secret).
    const { listText } = await getPublicDraw({ db }, draw.id);
    const all = (await listApplicants(as(w.users.bureau), { roundId, pageSize: 50 })).items;
    const twins = all.filter((a) => a.familyKey === 'T1');
    expect(twins).toHaveLength(2);
    for (const a of all) {
      const notice = await getApplicant(as(w.users.bureau), { id: a.id });
      expect(notice.lotteryTicket).toBe(a.familyKey === 'T1' ? twins[0]!.ticket : a.ticket);
      const check = findMyEntry(listText, notice.lotteryTicket, notice.secret!);
      expect(check, `${a.ticket} (${a.nameMasked})`).toMatchObject({ listed: true, digestMatches: true });
    }
    // The export too, even when a filter leaves out the family's first child.
    const second = await exportApplicants(as(w.users.bureau), { roundId, filters: { q: twins[1]!.ticket } });
    expect(second.secrets).toBe(true);
    expect(second.items.map((x) => x.ticket)).toEqual([twins[1]!.ticket]);
    expect(second.items[0]!.lotteryTicket).toBe(twins[0]!.ticket);
    expect(findMyEntry(listText, twins[0]!.ticket, second.items[0]!.secret!).digestMatches).toBe(true);
    // Admission needs the draw first.
    expect(
      (await rejection(admitRound(as(w.users.bureau), { id: roundId, version: round.version }))).message,
    ).toContain('尚未进行');
  });

  it('admits after the draw: capacity, families together, school users see their children only', async () => {
    const r = await getRound(as(w.users.bureau), { id: roundId });
    await conductDraw({ db, actor: w.users.bureau }, r.drawId!, {
      seed: '31415926535897932384626433832795',
      operatorName: '操作员',
      witnesses: [{ name: '王公证', role: '公证员' }],
      place: '清源县教育局',
    });
    const res = await admitRound(as(w.users.bureau), { id: roundId, version: r.version });
    expect(res.round.status).toBe('admitted');
    const a = res.schools.find((s) => s.schoolId === schoolA)!;
    const p = res.schools.find((s) => s.schoolId === schoolP)!;
    // School A: 2 places; zone A has 1 户籍与房产一致 (张小明) and 户籍 吴明 + twins 周一/周二 → cut-off 户籍.
    expect(a).toMatchObject({
      capacity: 2,
      zoneApplicants: 4,
      cutOff: { categoryId: 'hukou', siblings: null },
      lotteryUsed: true,
    });
    expect(a.admittedByCategory.hukouProperty).toBe(1);
    expect(p).toMatchObject({ capacity: 5, zoneApplicants: 1, cutOff: null });
    expect(res.migrants).toEqual({ eligible: 1, placed: 1 });
    const all = (await listApplicants(as(w.users.bureau), { roundId, pageSize: 50 })).items;
    const twins = all.filter((x) => x.familyKey === 'T1');
    expect(twins[0]!.placementSchoolId).toBe(twins[1]!.placementSchoolId);
    expect(twins[0]!.lotteryRank).toBe(twins[1]!.lotteryRank);
    expect(all.filter((x) => x.placementSchoolId === schoolA).length).toBeLessThanOrEqual(2);
    expect(all.find((x) => x.nameMasked === '张*明')!.placementLabel).toBe('本片区第1类别（户籍与房产一致）');
    expect(all.find((x) => x.nameMasked === '马*')!.placementHow).toBe('migrantGuarantee');

    const atA = all.filter((x) => x.placementSchoolId === schoolA).map((x) => x.ticket);
    const seen = await listApplicants(as(w.users.clerkA), { roundId, pageSize: 50 });
    expect(seen.items.map((x) => x.ticket)).toEqual(atA);
    const mine = await roundResults(as(w.users.principalA), { id: roundId });
    expect(mine.schools.map((s) => s.schoolId)).toEqual([schoolA]);
    expect(mine.pending).toBeNull();
    // A school enrols its children; the 核验码 (printed on the families' notices) stays with the bureau.
    expect(atA.length).toBeGreaterThan(0);
    const atAFull = await getApplicant(as(w.users.clerkA), { id: seen.items[0]!.id });
    expect(atAFull.name).not.toBe('');
    expect(atAFull.secret).toBeNull();
    const schoolExport = await exportApplicants(as(w.users.principalA), { roundId: roundId });
    expect(schoolExport.secrets).toBe(false);
    expect(schoolExport.items.map((x) => x.secret)).toEqual(atA.map(() => null));
    expect((await getApplicant(as(w.users.bureau), { id: seen.items[0]!.id })).secret).toMatch(
      /^[0-9a-f]{32}$/,
    );
    // The rounds list is filtered in SQL: one query, whoever asks.
    const counting = (): Queryable & { n: number } => {
      const q = {
        n: 0,
        query: ((sql: string, params?: readonly unknown[]) => {
          q.n++;
          return db.query(sql, params);
        }) as Queryable['query'],
        exec: (sql: string) => db.exec(sql),
      };
      return q;
    };
    for (const [who, sees] of [
      ['clerkA', true],
      ['bureau', true],
      ['city', true],
      ['neighbour', false],
      ['clerkB', true],
    ] as const) {
      const q = counting();
      const ids = (await listRounds({ db: q, actor: w.users[who] })).map((x) => x.id);
      expect(q.n, who).toBe(1);
      expect(ids.includes(roundId), who).toBe(sees);
    }
    const notMine = all.find((x) => x.placementSchoolId !== schoolA)!;
    expect((await rejection(getApplicant(as(w.users.clerkA), { id: notMine.id }))).code).toBe('notFound');
    expect((await listApplicants(as(w.users.clerkB), { roundId: roundId })).total).toBe(0);
    expect(
      (await rejection(admitRound(as(w.users.bureau), { id: roundId, version: res.round.version }))).message,
    ).toContain('已经录取');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
