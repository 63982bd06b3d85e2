/**
 * Nobody can lock someone else out: wrong passwords pause a username only from the address they
 * came from, unknown names get exactly the answers real ones get, and an administrator can unlock
 * (audited). Look-alike usernames (full-width letters, zero-width spaces, direction marks, letters
 * of another script) are normalised or refused when created, renamed and typed at login.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../platform/database.js';
import { migrate } from '../platform/migrate.js';
import { COUNTY, rejection, seedWorld, type World } from '../platform/testFixtures.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../platform/testing.js';
import { createUserAs, listUsers, unlockUser, updateUser } from './userAdmin.js';
import { authenticate, createUser, MAX_FAILED_LOGINS, normaliseUsername } from './users.js';

const PASSWORD = 'Qingyuan-2025-mima';
const T0 = new Date('2026-03-02T01:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const ATTACKER = '203.0.113.7';
const OWNER = '10.1.2.3';

describe('normaliseUsername', () => {
  it.each([
    ['ｚｈａｏ６', 'zhao6'],
    ['  li4  ', 'li4'],
    ['张老师', '张老师'],
    ['wang.wu-01@xx', 'wang.wu-01@xx'],
    ['李si', '李si'],
  ])('accepts %j as %j', (raw, name) => {
    expect(normaliseUsername(raw)).toEqual({ ok: true, name });
  });
  it.each([
    ['ad\u200bmin', /看不见的字符/],
    ['admin\u200f', /看不见的字符/],
    ['\u202eadmin', /看不见的字符/],
    ['ad\u2060min', /看不见的字符/],
    ['\u0430dmin', /其他文字/], // Cyrillic а
    ['\u03bfk', /其他文字/], // Greek ο
    ['ad min', /空格/],
    ['a', /2–64/],
  ])('refuses %j', (raw, message) => {
    const r = normaliseUsername(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe.each(testEngines())('login throttle on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  let victim: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
    victim = (
      await createUser(db, {
        username: 'admin',
        password: PASSWORD,
        displayName: '系统管理员',
        role: 'system_admin',
        now: T0,
      })
    ).id;
  });
  afterAll(() => t?.dispose());
  beforeEach(async () => {
    await db.query('DELETE FROM login_throttle');
  });

  const attempts = async (name: string, n: number, ip: string, at = T0) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await authenticate(db, name, 'Wrong-Guess-123', at, ip));
    return out;
  };

  it('pauses a name only from the address the wrong passwords came from', async () => {
    const tries = await attempts('admin', MAX_FAILED_LOGINS, ATTACKER);
    expect(tries.map((r) => !r.ok && r.code)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'locked']);
    // From the attacker's address even the right password waits…
    expect(await authenticate(db, 'admin', PASSWORD, minutes(1), ATTACKER)).toMatchObject({
      ok: false,
      code: 'locked',
      message: expect.stringContaining('14 分钟'),
    });
    // …the owner, elsewhere, signs in.
    expect(await authenticate(db, 'admin', PASSWORD, minutes(1), OWNER)).toMatchObject({ ok: true });
    // After 15 minutes the attacker's address may try again.
    expect(await authenticate(db, 'admin', PASSWORD, minutes(15), ATTACKER)).toMatchObject({ ok: true });
  });

  it('answers an unknown name exactly like a real one, lock included (no telling whether a name exists)', async () => {
    const real = await attempts('admin', MAX_FAILED_LOGINS + 1, ATTACKER);
    const unknown = await attempts('nobody-here', MAX_FAILED_LOGINS + 1, ATTACKER);
    expect(unknown).toEqual(real);
    expect(unknown[MAX_FAILED_LOGINS - 1]).toMatchObject({ code: 'locked' });
    expect(JSON.stringify(unknown)).not.toMatch(/账户|账号/);
  });

  it('lets an administrator unlock, audited, and shows the lock in the user list', async () => {
    await attempts('admin', MAX_FAILED_LOGINS, ATTACKER, new Date());
    const listed = await listUsers(db, w.users.admin, { q: 'admin', pageSize: 100 });
    const locked = listed.items.find((u) => u.id === victim)!;
    expect(locked.lockedUntil).not.toBeNull();
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n;
    const unlocked = await unlockUser(db, w.users.admin, victim, { ip: '10.9.9.9' });
    expect(unlocked.lockedUntil).toBeNull();
    expect(await authenticate(db, 'admin', PASSWORD, new Date(), ATTACKER)).toMatchObject({ ok: true });
    const { rows } = await db.query<{
      action: string;
      entity_id: string;
      before: unknown;
      after: unknown;
      ip: string;
    }>('SELECT action, entity_id, before, after, ip FROM audit_event WHERE id > $1 ORDER BY id', [before]);
    expect(rows[0]).toMatchObject({
      action: 'user.unlock',
      entity_id: String(victim),
      before: { lockedUntil: locked.lockedUntil!.toISOString() },
      after: { lockedUntil: null },
      ip: '10.9.9.9',
    });
    // Nothing to unlock: nothing written.
    const count = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n;
    await unlockUser(db, w.users.admin, victim);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n).toBe(
      count,
    );
    // Only a system administrator may unlock.
    expect((await rejection(unlockUser(db, w.users.bureau, victim))).code).toBe('notAllowed');
  });

  it('signs in with full-width letters typed by an IME, and refuses invisible characters at login', async () => {
    expect(await authenticate(db, 'ａｄｍｉｎ', PASSWORD, T0, OWNER)).toMatchObject({
      ok: true,
      user: { id: victim },
    });
    expect(await authenticate(db, 'ad\u200bmin', PASSWORD, T0, OWNER)).toMatchObject({
      ok: false,
      code: 'invalid',
      message: expect.stringMatching(/看不见的字符/),
    });
  });

  it('refuses look-alike usernames when an administrator creates or renames an account', async () => {
    const input = { displayName: '仿冒', role: 'viewer' as const, regionCode: COUNTY, password: PASSWORD };
    for (const [username, code] of [
      ['ａdmin', 'duplicate_username'], // full-width: NFKC makes it admin, which exists
      ['ad\u200bmin', 'invalid_username'],
      ['admin\u200f', 'invalid_username'],
      ['\u0430dmin', 'invalid_username'],
    ] as const) {
      expect((await rejection(createUserAs(db, w.users.admin, { ...input, username }))).code, username).toBe(
        code,
      );
    }
    const made = await createUserAs(db, w.users.admin, { ...input, username: 'ｚｈａｏ６' });
    expect(made.username).toBe('zhao6');
    expect((await rejection(updateUser(db, w.users.admin, made.id, { username: 'zh\u200bao6' }))).code).toBe(
      'invalid_username',
    );
    expect((await rejection(updateUser(db, w.users.admin, made.id, { username: 'ＡＤＭＩＮ' }))).code).toBe(
      'duplicate_username',
    );
    expect(
      (await rejection(updateUser(db, w.users.admin, made.id, { displayName: '仿\u200b冒' }))).code,
    ).toBe('invalid_display_name');
    const renamed = await updateUser(db, w.users.admin, made.id, { username: 'ｚｈａｏ７' });
    expect(renamed.username).toBe('zhao7');
    expect(await authenticate(db, 'zhao7', PASSWORD, T0, OWNER)).toMatchObject({ ok: true });
  });
});
