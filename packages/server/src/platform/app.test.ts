/**
 * The application's guards, against a running server: every /api route declares its access level,
 * sessions live in httpOnly SameSite cookies, writes need the CSRF token, login is rate-limited and
 * locks out, security headers are set, errors are Chinese JSON with stable codes, and the OpenAPI
 * document lists every route.
 */

import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/accountCreation.js';
import { buildApp } from './app.js';
import { ApiClient, startTestServer, type TestServer, testCipher } from './testing.js';

describe.each(testEngines())('server guards on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 6 });
  });
  afterAll(async () => server?.close());

  it('refuses to start with an /api route that does not declare who may call it', async () => {
    const app = await buildApp({ db: server.db, webRoot: null, personal: testCipher() });
    // A route added after the fact goes through the same onRoute check.
    expect(() => app.get('/api/forgotten', async () => ({ open: true }))).toThrow(/没有声明 config.access/);
    await app.close();
  });

  it('answers anonymous calls to signed-in routes with 401 unauthenticated in Chinese', async () => {
    const r = await server.anonymous().get('/api/schools?year=2025');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('登录') });
  });

  it('sets an httpOnly SameSite=Lax session cookie, not Secure over plain HTTP', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jiaoyuju', password: 'Qingyuan#2025' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jh_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const body = (await res.json()) as { csrfToken: string; user: { role: string; menu: string[] } };
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user.role).toBe('bureau');
    expect(body.user.menu).toEqual(expect.arrayContaining(['dashboard', 'review', 'evaluations']));
    expect(body.user.menu).not.toContain('users');
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const c = await server.as('jiaoyuju');
    const year = server.seed.year;
    const without = await c.request(
      'PUT',
      `/api/county-inputs?year=${year}`,
      { items: [] },
      { 'x-csrf-token': '' },
    );
    expect(without.status).toBe(403);
    expect(without.body).toMatchObject({ code: 'csrfInvalid' });
    const wrong = await c.request(
      'PUT',
      `/api/county-inputs?year=${year}`,
      { items: [] },
      { 'x-csrf-token': 'x'.repeat(43) },
    );
    expect(wrong.status).toBe(403);
    const right = await c.put(`/api/county-inputs?year=${year}`, { items: [] });
    expect(right.status).toBe(200);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const anon = server.anonymous();
    const unknown = await anon.post('/api/auth/login', { username: 'nobody', password: 'whatever-123' });
    const wrong = await anon.post('/api/auth/login', { username: 'duxue', password: 'whatever-123' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toMatchObject({ code: 'invalidLogin', message: '用户名或密码不正确' });
  });

  it('sets security headers', async () => {
    const r = await server.anonymous().get('/api/health');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('validates requests with Chinese messages naming the field', async () => {
    const c = await server.as('jiaoyuju');
    const r = await c.get('/api/schools?year=abc');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'invalidRequest' });
    expect(String((r.body as { message: string }).message)).toMatch(/查询参数有误：year/);
  });

  it('answers unknown API paths with JSON 404', async () => {
    const r = await server.anonymous().get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'notFound' });
  });

  it('serves the OpenAPI document with every route', async () => {
    const r = await server
      .anonymous()
      .get<{ paths: Record<string, unknown>; openapi: string }>('/api/docs/json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(r.body.paths);
    for (const p of [
      '/api/auth/login',
      '/api/dashboard',
      '/api/schools',
      '/api/reports/{schoolId}/{year}/{stage}',
      '/api/reports/{schoolId}/{year}/{stage}/{action}',
      '/api/evaluations/{id}/publish',
      '/api/imports/county',
      '/api/public/counties',
      '/api/users',
      '/api/audit/verify',
    ]) {
      expect(paths).toContain(p);
    }
    const ui = await server.anonymous().get('/api/docs/');
    expect(ui.status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const c = await server.as('duxue');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
  it('locks an account for 15 minutes after 5 wrong passwords, even for the right one', async () => {
    await createUser(server.db, {
      username: 'lockme',
      password: 'Another#Secret9',
      displayName: '锁定测试',
      role: 'inspector',
      regionCode: server.seed.countyCode,
    });
    const signedIn = await new ApiClient(server.url).login('lockme', 'Another#Secret9');
    const anon = server.anonymous();
    const wrong = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(
        (await anon.post('/api/auth/login', { username: 'lockme', password: 'Wrong#Secret9' })).status,
      );
    }
    // The fifth failure is the one that locks, and says so.
    expect(wrong).toEqual([401, 401, 401, 401, 429]);
    const right = await anon.post('/api/auth/login', { username: 'lockme', password: 'Another#Secret9' });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ code: 'lockedOut', message: expect.stringContaining('15 分钟') });
    // Someone else's wrong guesses do not sign the owner out.
    expect((await signedIn.get('/api/auth/me')).status).toBe(200);
  });

  it('rate-limits login attempts per address with a Chinese 429 saying how long to wait', async () => {
    const app = await buildApp({ db: server.db, webRoot: null, loginRateLimit: 3, personal: testCipher() });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const anon = new ApiClient(url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await anon.post('/api/auth/login', { username: `x${i}`, password: 'wrong-password-1' })).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const last = await anon.post('/api/auth/login', { username: 'jiaoyuju', password: 'Qingyuan#2025' });
      expect(last.status).toBe(429);
      expect(last.body).toMatchObject({
        code: 'rateLimited',
        message: expect.stringMatching(/请 \d+ 秒后再试/),
      });
      // Other routes are not limited.
      expect((await anon.get('/api/health')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
