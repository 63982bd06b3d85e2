/**
 * Nobody can lock someone else out: wrong passwords pause a username only from the address they
 * came from, unknown names get exactly the answers real ones get, and an administrator can unlock
 * (audited). Look-alike usernames (full-width letters, zero-width spaces, direction marks, letters
 * of another script) are normalised or refused when created, renamed and typed at login.
 */
import { type Actor, MAX_FAILED_LOGINS, type Refusal, type UserChanges } from '@junheng/core';
import { type Database, migrate } from '@junheng/db';
import {
  COUNTY,
  createTestDatabase,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from './accountCreation.js';
import { authenticate } from './login.js';
import { createUserAs, listUsers, unlockUser, updateUser } from './userCommands.js';

const PASSWORD = 'Qingyuan-2025-mima';
const T0 = new Date('2026-03-02T01:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const ATTACKER = '203.0.113.7';
const OWNER = '10.1.2.3';

// How typed names are normalised and refused: core's accounts/accounts.test.ts (normaliseUsername).

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
  /** A command context of one of the world's users. */
  const as = (actor: Actor, ip?: string) => ({ db, actor, ip });

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
    const listed = await listUsers(as(w.users.admin), { q: 'admin', pageSize: 100 });
    const locked = listed.items.find((u) => u.id === victim)!;
    expect(locked.lockedUntil).not.toBeNull();
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n;
    const unlocked = await unlockUser(as(w.users.admin, '10.9.9.9'), { id: victim });
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
    await unlockUser(as(w.users.admin), { id: victim });
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0]!.n).toBe(
      count,
    );
    // Only a system administrator may unlock.
    expect((await rejection(unlockUser(as(w.users.bureau), { id: victim }))).code).toBe('notAllowed');
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
    for (const [username, code, key] of [
      ['ａdmin', 'usernameTaken', 'accounts.usernameTaken'], // full-width: NFKC makes it admin, which exists
      ['ad\u200bmin', 'invalidRequest', 'accounts.usernameInvisible'],
      ['admin\u200f', 'invalidRequest', 'accounts.usernameInvisible'],
      ['\u0430dmin', 'invalidRequest', 'accounts.usernameCharacters'],
    ] as const) {
      const err = (await rejection(createUserAs(as(w.users.admin), { ...input, username }))) as Refusal;
      expect([err.code, err.key], username).toEqual([code, key]);
    }
    const made = await createUserAs(as(w.users.admin), { ...input, username: 'ｚｈａｏ６' });
    expect(made.username).toBe('zhao6');
    const change = (changes: UserChanges) => updateUser(as(w.users.admin), { id: made.id, changes });
    expect(await rejection(change({ username: 'zh\u200bao6' }))).toMatchObject({
      code: 'invalidRequest',
      key: 'accounts.usernameInvisible',
    });
    expect(await rejection(change({ username: 'ＡＤＭＩＮ' }))).toMatchObject({
      code: 'usernameTaken',
      key: 'accounts.usernameTakenOtherCase',
    });
    expect(await rejection(change({ displayName: '仿\u200b冒' }))).toMatchObject({
      code: 'invalidRequest',
      key: 'accounts.displayNameInvisible',
    });
    const renamed = await change({ username: 'ｚｈａｏ７' });
    expect(renamed.username).toBe('zhao7');
    expect(await authenticate(db, 'zhao7', PASSWORD, T0, OWNER)).toMatchObject({ ok: true });
  });
});
