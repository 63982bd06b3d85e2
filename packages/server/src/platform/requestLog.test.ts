/**
 * The request log: one line per request (method, route, status, time, user id) that a county's
 * operator can read, in text or JSON lines; every 5xx with its stack; never a body, a query
 * string or a name.
 */

import { migrate } from '@junheng/db';
import { createTestDatabase, type TestDatabase } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/index.js';
import { buildApp } from './app.js';
import { DEMO_PASSWORD } from './serve.js';
import { ApiClient, testCipher } from './testing.js';

describe('request log', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('pglite', { migrated: true });
    await migrate(t.db);
    await seedDemo(t.db, { schools: 3, password: DEMO_PASSWORD });
  });
  afterAll(async () => t?.dispose());

  /** An app logging into `lines`, with one route that fails like a bug would. */
  async function loggedApp(format: 'text' | 'json') {
    const lines: string[] = [];
    const app = await buildApp({
      db: t.db,
      personal: testCipher(),
      webRoot: null,
      log: { format, write: (line) => lines.push(line) },
    });
    app.get('/api/test/broken', { config: { access: 'public' } }, async function brokenRouteHandler() {
      throw new TypeError('Cannot read properties of undefined (reading "schools")');
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, lines, client: new ApiClient(url) };
  }

  it('writes a 500 with its stack, and one line per request with method, route, status, time and user', async () => {
    const { app, lines, client } = await loggedApp('text');
    try {
      const r = await client.get('/api/test/broken');
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ code: 'internal' });
      const log = lines.join('\n');
      expect(log).toMatch(/错误/);
      expect(log).toContain('GET /api/test/broken');
      expect(log).toContain('TypeError: Cannot read properties of undefined');
      expect(log).toMatch(/\n\s+at .*brokenRouteHandler/);

      await client.login('jiaoyuju');
      lines.length = 0;
      await client.get('/api/schools/1234567890?year=2025');
      expect(lines).toHaveLength(1);
      const id = (await t.db.query<{ id: number }>("SELECT id FROM app_user WHERE username = 'jiaoyuju'"))
        .rows[0]!.id;
      // e.g. 2026-03-01 12:00:00 信息 GET /api/schools/:id 404 12 毫秒 用户 5
      expect(lines[0]).toMatch(
        new RegExp(
          `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ GET /api/schools/:id 404 \\d+ 毫秒 用户 ${id}$`,
        ),
      );
    } finally {
      await app.close();
    }
  });

  it('never logs a body, a query string or a name', async () => {
    const { app, lines, client } = await loggedApp('text');
    try {
      await client.post('/api/auth/login', { username: 'jiaoyuju', password: 'Wrong#Secret-98' });
      await client.login('jiaoyuju');
      await client.get('/api/schools?year=2025&q=%E5%BC%A0%E4%B8%89%E5%B0%8F%E5%AD%A6');
      await client.get('/api/public/zoning/110101?q=%E6%9E%97%E6%B5%B7%E8%8A%B1%E5%9B%AD');
      const log = lines.join('\n');
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const secret of [
        'jiaoyuju',
        'Wrong#Secret-98',
        DEMO_PASSWORD,
        '张三小学',
        '林海花园',
        'q=',
        '?',
      ]) {
        expect(log).not.toContain(secret);
      }
      expect(log).toContain('POST /api/auth/login 401');
      expect(log).toContain('GET /api/schools 200');
    } finally {
      await app.close();
    }
  });

  it('writes JSON lines with --log-format json', async () => {
    const { app, lines, client } = await loggedApp('json');
    try {
      await client.get('/api/health');
      await client.get('/api/test/broken');
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(entries[0]).toMatchObject({ level: 'info', method: 'GET', route: '/api/health', status: 200 });
      expect(typeof entries[0]!.ms).toBe('number');
      expect(typeof entries[0]!.time).toBe('string');
      const failure = entries.find((e) => e.level === 'error' && typeof e.stack === 'string');
      expect(failure).toMatchObject({ method: 'GET', route: '/api/test/broken' });
      expect(String(failure!.stack)).toMatch(/TypeError[\s\S]*brokenRouteHandler/);
      expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
