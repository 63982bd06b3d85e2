import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../platform/database.js';
import { migrate } from '../platform/migrate.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../platform/testing.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  sessionIdFromToken,
} from './sessions.js';

const T0 = new Date('2026-03-02T01:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

describe.each(testEngines())('sessions on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let userId: number;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    // No real hash needed here: sessions never look at the password.
    const { rows } = await db.query<{ id: number }>(
      "INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('admin1', '$argon2id$x', '管理员', 'system_admin') RETURNING id",
    );
    userId = rows[0]!.id;
  });
  afterAll(() => t?.dispose());
  beforeEach(async () => {
    await db.query('DELETE FROM session');
    await db.query('UPDATE app_user SET locked_until = NULL, disabled_at = NULL');
  });

  it('round trip: the token finds its session and user, with the CSRF token', async () => {
    const s = await createSession(db, userId, T0, { ip: '10.1.2.3', userAgent: 'Mozilla/5.0 测试' });
    expect(s.token).toMatch(TOKEN_RE);
    expect(s.csrfToken).toMatch(TOKEN_RE);
    expect(s.csrfToken).not.toBe(s.token);
    expect(s.expiresAt).toEqual(hours(8));
    const found = await findSession(db, s.token, hours(1));
    expect(found).toMatchObject({
      session: {
        id: s.id,
        userId,
        csrfToken: s.csrfToken,
        createdAt: T0,
        expiresAt: hours(8),
        ip: '10.1.2.3',
        userAgent: 'Mozilla/5.0 测试',
      },
      user: { id: userId, username: 'admin1', role: 'system_admin', displayName: '管理员' },
    });
    const other = await createSession(db, userId, T0);
    expect(other.token).not.toBe(s.token);
    expect((await findSession(db, other.token, T0))?.session.id).toBe(other.id);
  });

  it('stores sha256(token), never the token', async () => {
    const s = await createSession(db, userId, T0);
    expect(s.id).toBe(createHash('sha256').update(s.token).digest('hex'));
    expect(sessionIdFromToken(s.token)).toBe(s.id);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM session');
    expect(rows).toEqual([{ id: s.id }]);
    const leaked = await db.query('SELECT 1 FROM session WHERE id = $1 OR csrf_token = $1', [s.token]);
    expect(leaked.rowCount).toBe(0);
    // The stored id itself is not a usable cookie.
    expect(await findSession(db, s.id, T0)).toBeNull();
  });

  it('an expired session is not found; ttlHours sets the lifetime', async () => {
    const s = await createSession(db, userId, T0, { ttlHours: 2 });
    expect(s.expiresAt).toEqual(hours(2));
    expect(await findSession(db, s.token, new Date(hours(2).getTime() - 1))).not.toBeNull();
    expect(await findSession(db, s.token, hours(2))).toBeNull();
    await expect(createSession(db, userId, T0, { ttlHours: 0 })).rejects.toThrow(RangeError);
  });

  it('unknown and malformed tokens are not found', async () => {
    await createSession(db, userId, T0);
    expect(await findSession(db, 'A'.repeat(43), T0)).toBeNull();
    expect(await findSession(db, '', T0)).toBeNull();
    expect(await findSession(db, "' OR 1=1 --", T0)).toBeNull();
  });

  it('sessions of disabled users are not found; a login lockout leaves open sessions alone', async () => {
    const s = await createSession(db, userId, T0);
    await db.query('UPDATE app_user SET disabled_at = $1', [T0]);
    expect(await findSession(db, s.token, hours(1))).toBeNull();
    await db.query('UPDATE app_user SET disabled_at = NULL, locked_until = $1', [hours(1)]);
    expect(await findSession(db, s.token, T0)).not.toBeNull();
  });

  it('records last_seen_at, at most once a minute', async () => {
    const s = await createSession(db, userId, T0);
    const lastSeen = async () =>
      (await db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM session WHERE id = $1', [s.id]))
        .rows[0]!.last_seen_at;
    await findSession(db, s.token, new Date(T0.getTime() + 30_000));
    expect(await lastSeen()).toEqual(T0);
    const found = await findSession(db, s.token, hours(1));
    expect(found?.session.lastSeenAt).toEqual(hours(1));
    expect(await lastSeen()).toEqual(hours(1));
    expect(found?.session.expiresAt).toEqual(hours(8)); // fixed from login
  });

  it('deleteSession logs out; deleteUserSessions and deleteExpiredSessions clean up', async () => {
    const a = await createSession(db, userId, T0);
    expect(await deleteSession(db, a.token)).toBe(true);
    expect(await findSession(db, a.token, T0)).toBeNull();
    expect(await deleteSession(db, a.token)).toBe(false);
    expect(await deleteSession(db, 'garbage')).toBe(false);

    const short = await createSession(db, userId, T0, { ttlHours: 1 });
    const long = await createSession(db, userId, T0, { ttlHours: 10 });
    const keep = await createSession(db, userId, T0, { ttlHours: 10 });
    expect(await deleteExpiredSessions(db, hours(1))).toBe(1);
    expect(await findSession(db, short.token, T0)).toBeNull();
    expect(await deleteUserSessions(db, userId, keep.id)).toBe(1);
    expect(await findSession(db, long.token, T0)).toBeNull();
    expect(await findSession(db, keep.token, T0)).not.toBeNull();
    expect(await deleteUserSessions(db, userId)).toBe(1);
  });

  it('deleting a user removes their sessions', async () => {
    const { rows } = await db.query<{ id: number }>(
      "INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('temp1', '$argon2id$x', '临时', 'system_admin') RETURNING id",
    );
    const s = await createSession(db, rows[0]!.id, T0);
    await db.query('DELETE FROM app_user WHERE id = $1', [rows[0]!.id]);
    expect(await findSession(db, s.token, T0)).toBeNull();
    expect((await db.query('SELECT 1 FROM session')).rowCount).toBe(0);
  });
});
