/**
 * Logging in (checked against the stored hash, counted and audited), creating an account with the
 * rules, and changing one's own password — the commands of login.ts, accountCreation.ts and
 * passwordCommands.ts (moved here from packages/db's users.test.ts).
 */
import { type Actor, Refusal } from '@junheng/core';
import { createSession, type Database, findSession, migrate } from '@junheng/db';
import { createTestDatabase, type TestDatabase, testEngines } from '@junheng/db/testing';
import { hash, verify } from '@node-rs/argon2';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUser } from './accountCreation.js';
import { authenticate } from './login.js';
import { changePassword } from './passwordCommands.js';

// argon2's verify, watched: an unknown user must cost the same hashing work as a wrong password.
// Counting the verifications (and their parameters) asserts that without timing anything.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});

/** The one answer for an unknown username and for a wrong password. */
const INVALID_LOGIN = {
  ok: false,
  code: 'invalid',
  key: 'accounts.invalidLogin',
  params: {},
  message: '用户名或密码不正确',
};

const PASSWORD = 'Qingshan-Xiaoxue-2025';
const T0 = new Date('2026-03-02T01:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe.each(testEngines())('users on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let userId: number;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    await db.exec("INSERT INTO region (code, name, level) VALUES ('130100', '某市', 'city')");
    const user = await createUser(db, {
      username: 'Zhang3',
      password: PASSWORD,
      displayName: '张三',
      role: 'bureau',
      regionCode: '130100',
      now: T0,
    });
    userId = user.id;
  });
  afterAll(() => t?.dispose());
  beforeEach(async () => {
    await db.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL, disabled_at = NULL');
    await db.query('DELETE FROM login_throttle');
    await db.query('DELETE FROM session');
  });

  const failures = async (n: number, at: Date) => {
    const results = [];
    for (let i = 0; i < n; i++) results.push(await authenticate(db, 'zhang3', 'wrong-password-1', at));
    return results;
  };
  /** The count of wrong passwords for zhang3 from an unknown address (users.ts login_throttle). */
  const throttle = async () =>
    (
      await db.query<{ failures: number; locked_until: Date | null }>(
        "SELECT failures, locked_until FROM login_throttle WHERE name_key = 'zhang3' AND source = ''",
      )
    ).rows[0] ?? { failures: 0, locked_until: null };
  const stored = async () =>
    (
      await db.query<{ password_hash: string; failed_logins: number; locked_until: Date | null }>(
        'SELECT password_hash, failed_logins, locked_until FROM app_user WHERE id = $1',
        [userId],
      )
    ).rows[0]!;

  it('creates a user (hash stored, never returned) who can log in, username in any case', async () => {
    const row = await stored();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    const r = await authenticate(db, 'ZHANG3', PASSWORD, T0);
    expect(r).toMatchObject({
      ok: true,
      user: { id: userId, username: 'Zhang3', displayName: '张三', role: 'bureau', regionCode: '130100' },
    });
    if (r.ok) {
      expect(r.user).not.toHaveProperty('passwordHash');
      expect(r.user).not.toHaveProperty('password_hash');
      expect(r.user.passwordChangedAt).toEqual(T0);
    }
  });

  it('a wrong password is rejected and counted', async () => {
    expect(await authenticate(db, 'Zhang3', 'Qingshan-Xiaoxue-2024', T0)).toEqual(INVALID_LOGIN);
    expect((await throttle()).failures).toBe(1);
  });

  it('an unknown user gets the identical answer, after the same hashing work', async () => {
    const verified = vi.mocked(verify);
    verified.mockClear();
    const wrong = await authenticate(db, 'Zhang3', 'Qingshan-Xiaoxue-2024', T0);
    const unknown = await authenticate(db, 'li4', 'Qingshan-Xiaoxue-2024', T0);
    expect(unknown).toEqual(wrong);
    expect(await authenticate(db, '', '', T0)).toEqual(wrong);
    // One argon2id verification each, with the same parameters as a stored password (the time it
    // takes is measured by npm run bench, group login).
    expect(verified).toHaveBeenCalledTimes(3);
    for (const [storedHash] of verified.mock.calls) {
      expect(String(storedHash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    }
  });

  const lastAuditId = async () =>
    (await db.query<{ id: number | null }>('SELECT max(id)::int AS id FROM audit_event')).rows[0].id ?? 0;

  it('locks after 5 wrong passwords in a row, for 15 minutes', async () => {
    const since = await lastAuditId();
    const results = await failures(5, T0);
    expect(results.slice(0, 4).map((r) => r.ok === false && r.code)).toEqual(Array(4).fill('invalid'));
    expect(results[4]).toMatchObject({
      ok: false,
      code: 'locked',
      message: expect.stringContaining('15 分钟'),
    });
    expect((await throttle()).locked_until).toEqual(minutes(15));
    // The pause is of the name from that address: the account itself is not locked.
    expect((await stored()).locked_until).toBeNull();
    // The right password does not help while locked.
    expect(await authenticate(db, 'Zhang3', PASSWORD, minutes(1))).toMatchObject({
      ok: false,
      code: 'locked',
      message: expect.stringContaining('请 14 分钟后再试'),
    });
    expect(await authenticate(db, 'Zhang3', PASSWORD, minutes(15), '10.0.0.9')).toMatchObject({ ok: true });
    // Audited: 4 failures, the lockout, nothing for the attempt while locked, the login (with its address).
    const { rows: events } = await db.query<{
      action: string;
      actor: string;
      after: unknown;
      ip: string | null;
    }>(
      `SELECT action, actor, after, ip FROM audit_event WHERE action LIKE 'auth.%' AND id > $1 ORDER BY id`,
      [since],
    );
    expect(events.map((e) => e.action)).toEqual([
      ...Array(4).fill('auth.loginFailed'),
      'auth.lockout',
      'auth.login',
    ]);
    expect(events[3].after).toEqual({ failedLogins: 4 });
    expect(events[4].after).toEqual({ lockedUntil: minutes(15).toISOString() });
    expect(events[5]).toMatchObject({ actor: 'Zhang3', ip: '10.0.0.9' });
  });

  it('does not audit attempts on names that do not exist', async () => {
    const since = await lastAuditId();
    await authenticate(db, 'nobody-here', 'x', T0);
    const { rows } = await db.query('SELECT 1 FROM audit_event WHERE id > $1', [since]);
    expect(rows).toEqual([]);
  });

  it('a success resets the failure count', async () => {
    await failures(4, T0);
    expect(await authenticate(db, 'Zhang3', PASSWORD, T0)).toMatchObject({
      ok: true,
      user: { failedLogins: 0 },
    });
    const again = await failures(4, T0);
    expect(again.every((r) => r.ok === false && r.code === 'invalid')).toBe(true);
    expect((await throttle()).failures).toBe(4);
  });

  it('a disabled account says so only to someone who knows the password', async () => {
    await db.query('UPDATE app_user SET disabled_at = $2 WHERE id = $1', [userId, T0]);
    expect(await authenticate(db, 'Zhang3', 'Qingshan-Xiaoxue-2024', T0)).toMatchObject({ code: 'invalid' });
    expect(await authenticate(db, 'Zhang3', PASSWORD, T0)).toEqual({
      ok: false,
      code: 'disabled',
      key: 'accounts.accountDisabled',
      params: {},
      message: '该账户已停用，请联系管理员',
    });
  });

  it('rehashes a password stored with older parameters on login', async () => {
    const old = await hash('Old-Params-Pass-1', { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    const { rows } = await db.query<{ id: number }>(
      "INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('legacy', $1, '旧账户', 'system_admin') RETURNING id",
      [old],
    );
    expect(await authenticate(db, 'legacy', 'Old-Params-Pass-1', T0)).toMatchObject({ ok: true });
    const after = await db.query<{ password_hash: string }>(
      'SELECT password_hash FROM app_user WHERE id = $1',
      [rows[0]!.id],
    );
    expect(after.rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('rejects weak passwords with the reason', async () => {
    const attempt = (password: string) =>
      createUser(db, { username: 'wang5', password, displayName: '王五', role: 'system_admin' });
    await expect(attempt('short')).rejects.toMatchObject({
      code: 'weakPassword',
      message: '密码至少需要 10 个字符（当前 5 个）',
    });
    await expect(attempt('12345678901')).rejects.toMatchObject({
      message: '密码不能全是数字，请加入字母或符号',
    });
    await expect(attempt('Wang5-Is-Great')).rejects.toMatchObject({ message: '密码不能包含用户名' });
    await expect(attempt('Admin@123456')).rejects.toMatchObject({
      message: expect.stringContaining('过于常见'),
    });
    expect((await db.query("SELECT 1 FROM app_user WHERE username = 'wang5'")).rowCount).toBe(0);
  });

  it('refuses a username that differs from an existing one only in case, naming both', async () => {
    const err = await createUser(db, {
      username: 'ZHANG3',
      password: 'Another-Good-Pass-1',
      displayName: '另一个张三',
      role: 'system_admin',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Refusal);
    expect(err).toMatchObject({
      code: 'usernameTaken',
      message: '用户名“ZHANG3”已被使用（已有用户“Zhang3”，用户名不区分大小写）',
    });
  });

  it('checks username and scope before anything is stored', async () => {
    const base = { password: PASSWORD, displayName: '某人' } as const;
    await expect(createUser(db, { ...base, username: 'a b', role: 'system_admin' })).rejects.toMatchObject({
      code: 'invalidRequest',
      key: 'accounts.usernameSpace',
    });
    await expect(createUser(db, { ...base, username: 'xiaozhang', role: 'school' })).rejects.toMatchObject({
      code: 'invalidRequest',
      message: '校长和学校填报员账户必须指定所属学校',
    });
    await expect(createUser(db, { ...base, username: 'duxue1', role: 'inspector' })).rejects.toMatchObject({
      code: 'invalidRequest',
      message: '教育局、督学和只读账户必须指定所辖区域',
    });
    await expect(
      createUser(db, { ...base, username: 'duxue1', role: 'inspector', regionCode: '999999' }),
    ).rejects.toMatchObject({ code: 'invalidRequest', message: '区域代码 999999 不存在' });
  });

  it('changePassword checks the old one and the rules, then ends the other sessions but not this one', async () => {
    const li = await createUser(db, {
      username: 'li4',
      password: 'Li-Si-First-Pass',
      displayName: '李四',
      role: 'system_admin',
    });
    const other = await createSession(db, li.id, T0);
    const current = await createSession(db, li.id, T0);
    const zhangs = await createSession(db, userId, T0);
    const at = minutes(30);
    // li4 acting, at `at`.
    const actor: Actor = { id: String(li.id), role: 'system_admin', regionCode: null };
    const ctx = { db, actor, now: () => at };
    const change = (oldPassword: string, newPassword: string, keepSessionId?: string) =>
      changePassword(ctx, { oldPassword, newPassword, keepSessionId });

    await expect(change('Li-Si-Wrong-Pass', 'Li-Si-Second-Pass')).rejects.toMatchObject({
      code: 'wrongPassword',
      message: '原密码不正确',
    });
    await expect(change('Li-Si-First-Pass', 'short')).rejects.toMatchObject({
      code: 'weakPassword',
    });
    await expect(change('Li-Si-First-Pass', 'Li-Si-First-Pass', current.id)).rejects.toMatchObject({
      code: 'weakPassword',
      message: '新密码不能与原密码相同',
    });
    expect(await findSession(db, other.token, at)).not.toBeNull();

    expect(await change('Li-Si-First-Pass', 'Li-Si-Second-Pass', current.id)).toEqual({
      sessionsEnded: 1,
    });
    expect(await findSession(db, other.token, at)).toBeNull();
    expect(await findSession(db, current.token, at)).toMatchObject({
      user: { id: li.id, passwordChangedAt: at },
    });
    expect(await findSession(db, zhangs.token, at)).not.toBeNull();
    expect(await authenticate(db, 'li4', 'Li-Si-First-Pass', at)).toMatchObject({ code: 'invalid' });
    expect(await authenticate(db, 'li4', 'Li-Si-Second-Pass', at)).toMatchObject({ ok: true });
    // The wrong old password above counted once; the change reset it.
    expect((await db.query('SELECT failed_logins FROM app_user WHERE id = $1', [li.id])).rows[0]).toEqual({
      failed_logins: 0,
    });
  });
});
