/**
 * Five anonymous wrong passwords cannot lock anyone out: the name is paused only from the address
 * they came from, an unknown name gets the very same answers (the reply never confirms a name),
 * the administrator sees the pause and can lift it (audited), and look-alike usernames are refused.
 */

import { testEngines } from '@junheng/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../platform/app.js';
import { ApiClient, startTestServer, type TestServer, testCipher } from '../platform/testing.js';

const ATTACKER = '203.0.113.7';
const OWNER = '10.1.2.3';

/** A client whose requests come, through the trusted proxy, from `address`. */
function from(url: string, address: string): ApiClient {
  const c = new ApiClient(url);
  const request = c.request.bind(c);
  c.request = (method, path, body, headers = {}) =>
    request(method, path, body, { ...headers, 'x-forwarded-for': address });
  return c;
}

describe.each(testEngines())('login lockout on %s', (engine) => {
  let server: TestServer;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 6 });
    // Behind one reverse proxy, as a county deploys it: X-Forwarded-For names the client.
    app = await buildApp({
      db: server.db,
      webRoot: null,
      personal: testCipher(),
      trustProxy: true,
      loginRateLimit: 1000,
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  const guesses = async (username: string, n: number) => {
    const attacker = from(url, ATTACKER);
    const out = [];
    for (let i = 0; i < n; i++)
      out.push(await attacker.post('/api/auth/login', { username, password: 'Wrong#Guess-123' }));
    return out.map((r) => ({ status: r.status, body: r.body }));
  };

  it('pauses the name only from the attacking address; the owner elsewhere signs in', async () => {
    const tries = await guesses('admin', 5);
    expect(tries.map((t) => t.status)).toEqual([401, 401, 401, 401, 429]);
    expect(tries[4]!.body).toMatchObject({ code: 'lockedOut', message: expect.stringContaining('15 分钟') });
    const attacker = from(url, ATTACKER);
    expect(
      (await attacker.post('/api/auth/login', { username: 'admin', password: 'Qingyuan#2025' })).status,
    ).toBe(429);
    const owner = from(url, OWNER);
    await owner.login('admin');
    expect((await owner.get('/api/auth/me')).status).toBe(200);
  });

  it('gives an unknown name exactly the answers a real one gets', async () => {
    const real = await guesses('duxue', 6);
    const unknown = await guesses('no-such-user', 6);
    expect(unknown).toEqual(real);
    expect(JSON.stringify(unknown)).not.toMatch(/账户|账号/);
  });

  it('shows the pause to the administrator, who unlocks it with an audited action', async () => {
    const owner = await from(url, OWNER).login('admin');
    const list = await owner.get<{ items: { id: number; username: string; lockedUntil: string | null }[] }>(
      '/api/users?q=duxue',
    );
    const duxue = list.body.items.find((u) => u.username === 'duxue')!;
    expect(new Date(duxue.lockedUntil!).getTime()).toBeGreaterThan(Date.now());
    const r = await owner.post<{ lockedUntil: string | null }>(`/api/users/${duxue.id}/unlock`);
    expect(r.status).toBe(200);
    expect(r.body.lockedUntil).toBeNull();
    expect(
      (await from(url, ATTACKER).post('/api/auth/login', { username: 'duxue', password: 'Qingyuan#2025' }))
        .status,
    ).toBe(200);
    const audit = await owner.get<{ items: { action: string; entityId: string; ip: string }[] }>(
      '/api/audit?entity=app_user&pageSize=5',
    );
    expect(audit.body.items.find((e) => e.action === 'user.unlock')).toMatchObject({
      entityId: String(duxue.id),
      ip: OWNER,
    });
    // Only a system administrator may unlock.
    const bureau = await from(url, OWNER).login('jiaoyuju');
    expect((await bureau.post(`/api/users/${duxue.id}/unlock`)).status).toBe(403);
  });

  it('refuses look-alike usernames when creating an account and at login', async () => {
    const admin = await from(url, OWNER).login('admin');
    const user = {
      displayName: '仿冒',
      role: 'viewer',
      regionCode: server.seed.countyCode,
      password: 'Abcdef#12345xyz',
    };
    const fullWidth = await admin.post('/api/users', { ...user, username: 'ａdmin' });
    expect(fullWidth.status).toBe(409);
    expect(fullWidth.body).toMatchObject({ code: 'usernameTaken' });
    for (const username of ['ad\u200bmin', 'admin\u200f', '\u0430dmin']) {
      const r = await admin.post('/api/users', { ...user, username });
      expect(r.status, username).toBe(400);
      expect(r.body).toMatchObject({ code: 'invalidRequest', message: expect.stringMatching(/用户名/) });
    }
    const login = await from(url, OWNER).post('/api/auth/login', {
      username: 'ad\u200bmin',
      password: 'Qingyuan#2025',
    });
    expect(login.status).toBe(401);
    expect(login.body).toMatchObject({ message: expect.stringMatching(/看不见的字符/) });
    // Full-width letters typed through an IME are the same name.
    expect(
      (await from(url, OWNER).post('/api/auth/login', { username: 'ａｄｍｉｎ', password: 'Qingyuan#2025' }))
        .status,
    ).toBe(200);
  });
});
