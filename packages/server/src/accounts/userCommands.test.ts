import { type Actor, Refusal, type UserChanges } from '@junheng/core';
import { createSession, type Database, findSession, migrate, verifyAuditChain } from '@junheng/db';
import {
  addUser,
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
import { authenticate } from './login.js';
import { createUserAs, listUsers, updateUser } from './userCommands.js';

const PASSWORD = 'Qingyuan-2025-xuexiao';

describe.each(testEngines())('user administration on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  /** A command context of one of the world's users (from `ip`). */
  const as = (actor: Actor, ip?: string) => ({ db, actor, ip });
  /** The admin changes account `id`. */
  const change = (id: number, changes: UserChanges, actor: Actor = w.users.admin, ip?: string) =>
    updateUser(as(actor, ip), { id, changes });

  /** Users and audit events, for "nothing was written" checks. */
  const state = async () => ({
    users: (
      await db.query<{ v: unknown }>(
        `SELECT jsonb_agg(jsonb_build_array(id, username, display_name, disabled_at, password_hash) ORDER BY id) AS v FROM app_user`,
      )
    ).rows[0]!.v,
    audit: await auditCount(db),
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
  });
  afterAll(() => t?.dispose());

  it('lists accounts for the admin, without hashes, with region and school names', async () => {
    const p = await listUsers(as(w.users.admin), { pageSize: 100 });
    expect(p.total).toBe(9);
    expect(p.items.map((u) => u.username)).toEqual([
      'admin1',
      'bureau1',
      'inspector1',
      'city1',
      'bureau2',
      'clerkA',
      'principalA',
      'clerkB',
      'viewer1',
    ]);
    expect(JSON.stringify(p)).not.toContain('argon2');
    expect(p.items.find((u) => u.username === 'bureau1')).toMatchObject({
      displayName: '教育局甲',
      role: 'bureau',
      roleName: '教育局用户',
      regionCode: COUNTY,
      regionName: '清源县',
      schoolId: null,
      schoolName: null,
      disabled: false,
      lockedUntil: null,
    });
    expect(p.items.find((u) => u.username === 'clerkA')).toMatchObject({
      schoolId: w.schoolA.id,
      schoolName: w.schoolA.name,
    });
    const clerks = await listUsers(as(w.users.admin), { q: 'CLERK' });
    expect(clerks.items.map((u) => u.username)).toEqual(['clerkA', 'clerkB']);
    const byName = await listUsers(as(w.users.admin), { q: '教育局' });
    expect(byName.items.map((u) => u.username)).toEqual(['bureau1', 'city1', 'bureau2']);
    const page3 = await listUsers(as(w.users.admin), { page: 3, pageSize: 4 });
    expect(page3).toMatchObject({ total: 9, page: 3, pageSize: 4 });
    expect(page3.items.map((u) => u.username)).toEqual(['viewer1']);
  });

  it('refuses everyone but the admin with notAllowed', async () => {
    for (const who of ['bureau', 'city', 'inspector', 'clerkA', 'viewer'] as const) {
      const err = await rejection(listUsers(as(w.users[who])));
      expect(err).toMatchObject({ code: 'notAllowed' });
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('creates an account, audited without the password', async () => {
    const before = await auditCount(db);
    const u = await createUserAs(as(w.users.admin, '10.9.8.7'), {
      username: 'zhang3',
      displayName: ' 张三 ',
      role: 'school',
      schoolId: w.schoolB.id,
      password: PASSWORD,
    });
    expect(u).toMatchObject({
      username: 'zhang3',
      displayName: '张三',
      role: 'school',
      schoolId: w.schoolB.id,
      schoolName: w.schoolB.name,
      disabled: false,
    });
    expect(await auditCount(db)).toBe(before + 1);
    const e = await db.query<{
      action: string;
      actor: string;
      entity: string;
      entity_id: string;
      after: unknown;
      ip: string;
    }>('SELECT action, actor, entity, entity_id, after, ip FROM audit_event ORDER BY id DESC LIMIT 1');
    expect(e.rows[0]).toEqual({
      action: 'user.create',
      actor: 'admin1',
      entity: 'app_user',
      entity_id: String(u.id),
      after: {
        username: 'zhang3',
        displayName: '张三',
        role: 'school',
        regionCode: null,
        schoolId: w.schoolB.id,
      },
      ip: '10.9.8.7',
    });
    expect(JSON.stringify(e.rows[0])).not.toContain(PASSWORD);
    await expect(authenticate(db, 'zhang3', PASSWORD, new Date())).resolves.toMatchObject({ ok: true });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses duplicates, weak passwords, bad scopes and non-admins, writing nothing', async () => {
    const before = await state();
    const input = {
      username: 'Zhang3',
      displayName: '张三',
      role: 'school' as const,
      schoolId: w.schoolB.id,
      password: PASSWORD,
    };
    const dup = await rejection(createUserAs(as(w.users.admin), input));
    expect(dup).toBeInstanceOf(Refusal);
    expect(dup).toMatchObject({ code: 'usernameTaken' });
    await expect(
      createUserAs(as(w.users.admin), { ...input, username: 'li4', password: 'li4-12345' }),
    ).rejects.toMatchObject({
      code: 'weakPassword',
    });
    await expect(
      createUserAs(as(w.users.admin), { ...input, username: 'li4', schoolId: '9999999999' }),
    ).rejects.toMatchObject({ code: 'invalidRequest', key: 'accounts.schoolMissing' });
    await expect(createUserAs(as(w.users.bureau), { ...input, username: 'li4' })).rejects.toMatchObject({
      code: 'notAllowed',
    });
    expect(await state()).toEqual(before);
  });

  it('reports a duplicate created concurrently as usernameTaken', async () => {
    const input = { displayName: '王五', role: 'viewer' as const, regionCode: COUNTY, password: PASSWORD };
    const results = await Promise.allSettled([
      createUserAs(as(w.users.admin), { ...input, username: 'wang5' }),
      createUserAs(as(w.users.admin), { ...input, username: 'WANG5' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'usernameTaken' });
  });

  it('renames, disables (ending sessions) and re-enables (lifting a lockout), each audited', async () => {
    const target = await addUser(db, 'target1', 'viewer', { regionCode: COUNTY }, '目标甲');
    const id = Number(target.id);
    const now = new Date();
    const session = await createSession(db, id, now);
    const before = await auditCount(db);

    const renamed = await change(id, { displayName: '目标乙' });
    expect(renamed.displayName).toBe('目标乙');
    const disabled = await change(id, { disabled: true }, w.users.admin, '10.0.0.1');
    expect(disabled).toMatchObject({ disabled: true });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await findSession(db, session.token, now)).toBeNull();
    expect((await db.query('SELECT 1 FROM session WHERE user_id = $1', [id])).rows).toHaveLength(0);
    // Disabling again changes nothing: no event.
    await change(id, { disabled: true });

    await db.query(
      `UPDATE app_user SET failed_logins = 2, locked_until = now() + interval '10 minutes' WHERE id = $1`,
      [id],
    );
    const enabled = await change(id, { disabled: false });
    expect(enabled).toMatchObject({ disabled: false, disabledAt: null, lockedUntil: null, failedLogins: 0 });

    const events = await db.query<{
      action: string;
      entity_id: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      ip: string | null;
    }>(
      'SELECT action, entity_id, before, after, ip FROM audit_event WHERE id > (SELECT max(id) - 3 FROM audit_event) ORDER BY id',
    );
    expect(await auditCount(db)).toBe(before + 3);
    expect(events.rows.map((e) => [e.action, e.entity_id])).toEqual([
      ['user.update', String(id)],
      ['user.update', String(id)],
      ['user.update', String(id)],
    ]);
    expect(events.rows[0]).toMatchObject({
      before: { displayName: '目标甲' },
      after: { displayName: '目标乙' },
    });
    expect(events.rows[1]).toMatchObject({
      before: { disabled: false },
      after: { disabled: true, sessionsEnded: 1 },
      ip: '10.0.0.1',
    });
    expect(events.rows[2]!.before).toMatchObject({ disabled: true });
    expect(events.rows[2]!.after).toEqual({ disabled: false, lockedUntil: null });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('sets a new password after the strength check, ending sessions, never auditing it', async () => {
    const target = await addUser(db, 'target2', 'viewer', { regionCode: COUNTY });
    const id = Number(target.id);
    const session = await createSession(db, id, new Date());
    const before = await state();
    const weak = await rejection(change(id, { password: 'target2-password' }));
    expect(weak).toBeInstanceOf(Refusal);
    expect(weak).toMatchObject({ code: 'weakPassword' });
    expect(weak.message).toContain('用户名');
    expect(await state()).toEqual(before);

    const newPassword = 'Lishan-Reset-7391';
    const u = await change(id, { password: newPassword });
    expect(u.passwordChangedAt.getTime()).toBeGreaterThan(0);
    await expect(authenticate(db, 'target2', newPassword, new Date())).resolves.toMatchObject({ ok: true });
    expect(await findSession(db, session.token, new Date())).toBeNull();
    const e = await db.query<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_event WHERE action NOT LIKE 'auth.%' ORDER BY id DESC LIMIT 1",
    );
    expect(e.rows[0]).toEqual({ before: {}, after: { passwordChanged: true, sessionsEnded: 1 } });
    const all = await db.query<{ t: string }>(
      "SELECT string_agg(before::text || after::text, '') AS t FROM audit_event",
    );
    expect(all.rows[0]!.t).not.toContain(newPassword);
    expect(all.rows[0]!.t).not.toContain('argon2');
  });

  it('refuses missing accounts, non-admins, bad fields and disabling oneself', async () => {
    const target = await addUser(db, 'target3', 'viewer', { regionCode: COUNTY });
    const id = Number(target.id);
    const before = await state();
    const missing = await rejection(change(987654, { displayName: '某人' }));
    expect(missing).toMatchObject({ code: 'notFound' });
    expect(missing.message).toContain('987654');
    for (const who of ['bureau', 'clerkA'] as const) {
      await expect(change(id, { disabled: true }, w.users[who])).rejects.toMatchObject({
        code: 'notAllowed',
      });
    }
    await expect(change(id, { displayName: '  ' })).rejects.toMatchObject({
      code: 'invalidRequest',
      key: 'accounts.displayNameEmpty',
    });
    await expect(change(id, { disabled: 'yes' as never })).rejects.toMatchObject({
      code: 'invalidRequest',
    });
    const self = await rejection(change(Number(w.users.admin.id), { disabled: true }));
    expect(self).toMatchObject({ code: 'invalidRequest' });
    expect(await state()).toEqual(before);
  });

  it('does not let a disabled admin’s session write', async () => {
    const second = await addUser(db, 'admin2', 'system_admin', {});
    await change(Number(second.id), { disabled: true });
    const before = await state();
    const err = await rejection(
      createUserAs(as(second), {
        username: 'ghost',
        displayName: '幽灵',
        role: 'system_admin',
        password: PASSWORD,
      }),
    );
    expect(err).toMatchObject({ code: 'notAllowed' });
    expect(await state()).toEqual(before);
  });
});
