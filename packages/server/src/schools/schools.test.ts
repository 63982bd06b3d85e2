import type { Actor, School } from '@junheng/core';
import { type Database, migrate } from '@junheng/db';
import {
  createTestDatabase,
  FIXTURE_YEAR,
  NEIGHBOUR_SCHOOL,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchool as getSchoolCommand, listSchools as listSchoolsCommand } from './schoolCommands.js';

const studentsOf = (s: School): number => s.stages.reduce((sum, r) => sum + (r.students ?? 0), 0);

// The commands with a context of the database and the actor, as the tests before them called them.
const listSchools = (db: Database, actor: Actor, q: Parameters<typeof listSchoolsCommand>[1]) =>
  listSchoolsCommand({ db, actor }, q);
const getSchool = (db: Database, actor: Actor, id: string, year: number) =>
  getSchoolCommand({ db, actor }, { id, year });

describe.each(testEngines())('school queries on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  let closed: School;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
    // One teaching point closed, with its history.
    closed = w.ds.schools.filter((s) => s.type === 'teachingPoint')[1]!;
    await db.query(`UPDATE school SET status = 'closed' WHERE id = $1`, [closed.id]);
    await db.query(
      `INSERT INTO school_status_history (school_id, status, effective_on, reason, changed_by)
       VALUES ($1, 'open', '2010-09-01', '建校', NULL), ($1, 'closed', '2025-07-01', '生源不足，学生并入中心小学', $2)`,
      [closed.id, Number(w.users.bureau.id)],
    );
  });
  afterAll(() => t?.dispose());

  it('lists the county’s schools for its bureau, with stages, students and the year’s reports', async () => {
    const page = await listSchools(db, w.users.bureau, { year: FIXTURE_YEAR, pageSize: 100 });
    expect(page.total).toBe(12);
    expect(page.items.map((s) => s.id).sort()).toEqual(w.ds.schools.map((s) => s.id).sort());
    expect(page.items.map((s) => s.id)).toEqual([...page.items.map((s) => s.id)].sort()); // by id
    const nine = w.schoolOfType('nineYear');
    const item = page.items.find((s) => s.id === nine.id)!;
    expect(item).toMatchObject({
      name: nine.name,
      type: 'nineYear',
      typeName: '九年一贯制学校',
      locality: nine.locality,
      regionCode: '130660',
      countyCode: '130660',
      status: 'open',
      stages: ['primary', 'junior'],
      students: studentsOf(nine),
      reports: { primary: { status: 'draft', version: 1 }, junior: { status: 'draft', version: 1 } },
    });
    expect(page.items.find((s) => s.id === w.schoolA.id)!.reports).toEqual({
      primary: { status: 'draft', version: 1 },
    });
  });

  it('scopes the list: admin and city see both counties, others their county, school, or nothing', async () => {
    const ids = async (who: keyof World['users']) =>
      (await listSchools(db, w.users[who], { year: FIXTURE_YEAR, pageSize: 100 })).items.map((s) => s.id);
    expect(await ids('admin')).toHaveLength(13);
    expect(await ids('city')).toContain(NEIGHBOUR_SCHOOL);
    expect(await ids('city')).toHaveLength(13);
    expect(await ids('inspector')).toHaveLength(12);
    expect(await ids('bureau')).not.toContain(NEIGHBOUR_SCHOOL);
    expect(await ids('neighbour')).toEqual([NEIGHBOUR_SCHOOL]);
    expect(await ids('clerkA')).toEqual([w.schoolA.id]);
    expect(await ids('principalA')).toEqual([w.schoolA.id]);
    const none = await listSchools(db, w.users.viewer, { year: FIXTURE_YEAR });
    expect(none).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('filters by id prefix, name part, type, locality and status; % and _ are plain text', async () => {
    const list = (q: Partial<Parameters<typeof listSchools>[2]>) =>
      listSchools(db, w.users.bureau, { year: FIXTURE_YEAR, pageSize: 100, ...q });
    const prefix = w.schoolA.id.slice(0, 4);
    const byPrefix = await list({ q: prefix });
    expect(byPrefix.total).toBe(w.ds.schools.filter((s) => s.id.startsWith(prefix)).length);
    expect(byPrefix.total).toBeGreaterThan(0);
    const points = await list({ q: ' 教学点 ' });
    expect(points.items.map((s) => s.type)).toEqual(['teachingPoint', 'teachingPoint']);
    expect((await list({ q: '%' })).total).toBe(0);
    expect((await list({ q: '_' })).total).toBe(0);
    expect((await list({ type: 'junior' })).items.map((s) => s.id)).toEqual([w.schoolB.id]);
    const rural = await list({ locality: 'rural' });
    expect(rural.total).toBe(w.ds.schools.filter((s) => s.locality === 'rural').length);
    expect(rural.items.every((s) => s.locality === 'rural')).toBe(true);
    expect((await list({ status: 'closed' })).items.map((s) => s.id)).toEqual([closed.id]);
    expect((await list({ status: 'open' })).total).toBe(11);
    await expect(list({ type: 'kindergarten' as never })).rejects.toMatchObject({ code: 'invalidRequest' });
  });

  it('sorts by a whitelisted field and pages through the same order', async () => {
    const all = await listSchools(db, w.users.bureau, {
      year: FIXTURE_YEAR,
      sort: 'students',
      order: 'desc',
      pageSize: 100,
    });
    const students = all.items.map((s) => s.students!);
    expect(students).toEqual([...students].sort((a, b) => b - a));
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const p = await listSchools(db, w.users.bureau, {
        year: FIXTURE_YEAR,
        sort: 'students',
        order: 'desc',
        page,
        pageSize: 5,
      });
      expect(p).toMatchObject({ total: 12, page, pageSize: 5 });
      pages.push(...p.items.map((s) => s.id));
    }
    expect(pages).toEqual(all.items.map((s) => s.id));
    const byName = await listSchools(db, w.users.bureau, { year: FIXTURE_YEAR, sort: 'name', pageSize: 100 });
    const names = byName.items.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const capped = await listSchools(db, w.users.bureau, { year: FIXTURE_YEAR, pageSize: 10_000 });
    expect(capped.pageSize).toBe(500);
    await expect(
      listSchools(db, w.users.bureau, { year: FIXTURE_YEAR, sort: 'id; DROP TABLE school' as never }),
    ).rejects.toMatchObject({ code: 'invalidRequest' });
    await expect(listSchools(db, w.users.bureau, { year: FIXTURE_YEAR, page: 0 })).rejects.toMatchObject({
      code: 'invalidRequest',
    });
  });

  it('shows a year without reports as null students and no reports', async () => {
    const p = await listSchools(db, w.users.bureau, { year: FIXTURE_YEAR + 1, pageSize: 100 });
    expect(p.total).toBe(12);
    expect(p.items.every((s) => s.students === null && Object.keys(s.reports).length === 0)).toBe(true);
  });

  it('reads one school with its figures, reports and status history', async () => {
    const s = await getSchool(db, w.users.bureau, closed.id, FIXTURE_YEAR);
    expect(s).toMatchObject({
      id: closed.id,
      name: closed.name,
      type: 'teachingPoint',
      typeName: '教学点',
      regionName: '清源县',
      status: 'closed',
      stages: ['primary'],
      year: FIXTURE_YEAR,
    });
    expect(s.info).toMatchObject({ rosterPosition: w.ds.schools.indexOf(closed) });
    expect(s.reports).toEqual([
      expect.objectContaining({ stage: 'primary', status: 'draft', version: 1, submittedAt: null }),
    ]);
    expect(s.statusHistory.map((h) => [h.status, h.effectiveOn, h.changedByName])).toEqual([
      ['open', '2010-09-01', null],
      ['closed', '2025-07-01', '教育局甲'],
    ]);
    const nine = w.schoolOfType('nineYear');
    const detail = await getSchool(db, w.users.admin, nine.id, FIXTURE_YEAR);
    expect(detail.reports.map((r) => r.stage)).toEqual(['primary', 'junior']);
    const later = await getSchool(db, w.users.clerkA, w.schoolA.id, FIXTURE_YEAR + 1);
    expect(later).toMatchObject({ info: null, reports: [], statusHistory: [] });
  });

  it('answers a school out of scope exactly like a missing one', async () => {
    const missing = await rejection(getSchool(db, w.users.clerkB, '9999999999', FIXTURE_YEAR));
    expect(missing).toMatchObject({ code: 'notFound' });
    expect(missing.message).toContain('9999999999');
    const other = await rejection(getSchool(db, w.users.clerkB, w.schoolA.id, FIXTURE_YEAR));
    expect(other).toMatchObject({ code: 'notFound', rule: 'school.read' });
    expect(other.message).toBe(missing.message.replace('9999999999', w.schoolA.id));
    await expect(getSchool(db, w.users.neighbour, w.schoolA.id, FIXTURE_YEAR)).rejects.toMatchObject({
      code: 'notFound',
    });
    await expect(getSchool(db, w.users.viewer, w.schoolA.id, FIXTURE_YEAR)).rejects.toMatchObject({
      code: 'notFound',
    });
    await expect(getSchool(db, w.users.bureau, NEIGHBOUR_SCHOOL, FIXTURE_YEAR)).rejects.toMatchObject({
      code: 'notFound',
    });
    await expect(getSchool(db, w.users.city, NEIGHBOUR_SCHOOL, FIXTURE_YEAR)).resolves.toMatchObject({
      regionName: '邻县',
    });
    await expect(getSchool(db, w.users.bureau, w.schoolA.id, 1999)).rejects.toMatchObject({
      code: 'invalidRequest',
    });
  });
});
