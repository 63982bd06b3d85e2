/**
 * Guards that hold whatever a client sends: the CSRF check decided by the route the router matched
 * (not by the raw URL, which may be percent-encoded), cross-site form posts refused, and malformed
 * input (a NUL character, JSON nested too deep) answered with a Chinese 400 on every route.
 */

import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing.js';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** A concrete path for an OpenAPI path: every `{param}` becomes a plausible value. */
function concrete(path: string, year: number): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'year') return String(year);
    if (name === 'stage') return 'primary';
    if (name === 'action') return 'submit';
    return '1';
  });
}

/** Ways of writing the same /api path that a router may or may not decode to it. */
const DISGUISES: [string, (p: string) => string][] = [
  ['percent-encoded', (p) => p.replace(/^\/api\//, '/%61pi/')],
  ['percent-encoded upper', (p) => p.replace(/^\/api\//, '/%61%70%69/')],
  ['double slash', (p) => `/${p}`],
  ['double slash inside', (p) => p.replace(/^\/api\//, '/api//')],
  ['mixed case', (p) => p.replace(/^\/api\//, '/Api/')],
  ['encoded and mixed', (p) => p.replace(/^\/api\//, '/%41pi/')],
];

describe.each(testEngines())('request guards on %s', (engine) => {
  let server: TestServer;
  let writes: { method: string; path: string }[];
  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 6 });
    const doc = await server
      .anonymous()
      .get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs/json');
    writes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      WRITE_METHODS.filter((m) => m in ops)
        .filter(() => path !== '/api/auth/login')
        .map((m) => ({ method: m.toUpperCase(), path: concrete(path, server.seed.year) })),
    );
  });
  afterAll(async () => server?.close());

  it('finds the write routes to check', () => {
    expect(writes.length).toBeGreaterThan(30);
    expect(writes).toContainEqual({ method: 'POST', path: '/api/evaluations/1/publish' });
  });

  it('requires the CSRF token on every write route however its path is written', async () => {
    const c = await server.as('admin');
    const leaks: string[] = [];
    for (const { method, path } of writes) {
      for (const [how, disguise] of [['plain', (p: string) => p] as const, ...DISGUISES]) {
        const url = disguise(path);
        const r = await c.request(method, url, {}, { 'x-csrf-token': '' });
        const refused =
          (r.status === 403 && (r.body as { code?: string }).code === 'csrfInvalid') || r.status === 404;
        if (!refused) leaks.push(`${how}: ${method} ${url} → ${r.status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('refuses the reported bypasses: an encoded report save and a text/plain form publishing a run', async () => {
    const c = await server.as('jiaoyuju');
    const { rows } = await server.db.query<{ id: string }>('SELECT id FROM school ORDER BY id LIMIT 1');
    const school = rows[0]!.id;
    const put = await c.request(
      'PUT',
      `/%61pi/reports/${school}/${server.seed.year}/primary`,
      { data: {}, version: 0 },
      { 'x-csrf-token': '' },
    );
    expect(put.status).toBe(403);
    expect(put.body).toMatchObject({ code: 'csrfInvalid' });
    // What a form on another site (or another port of this host) sends: no token, text/plain.
    const res = await fetch(`${server.url}/%61pi/evaluations/1/publish`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'content-type': 'text/plain' },
      body: 'a=b',
    });
    expect(res.status).toBe(403);
  });

  it('refuses text/plain and form bodies on JSON routes even with the token', async () => {
    const c = await server.as('jiaoyuju');
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await fetch(`${server.url}/api/evaluations/1/publish`, {
        method: 'POST',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
        body: 'a=b',
      });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toMatchObject({ code: 'unsupportedMediaType' });
    }
  });

  it('refuses a write the browser marks as coming from another site, even with the token', async () => {
    const c = await server.as('jiaoyuju');
    const year = server.seed.year;
    for (const site of ['cross-site', 'same-site']) {
      const r = await c.request(
        'PUT',
        `/api/county-inputs?year=${year}`,
        { items: [] },
        { 'sec-fetch-site': site },
      );
      expect(r.status, site).toBe(403);
      expect(r.body).toMatchObject({ code: 'csrfInvalid' });
    }
    const same = await c.request(
      'PUT',
      `/api/county-inputs?year=${year}`,
      { items: [] },
      { 'sec-fetch-site': 'same-origin' },
    );
    expect(same.status).toBe(200);
  });

  describe('malformed input', () => {
    /** The platform's error body: a Chinese 400 naming the problem, nothing of the server's insides. */
    const clear400 = (r: { status: number; body: unknown }, what: RegExp) => {
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'invalidRequest', message: expect.stringMatching(what) });
      expect(JSON.stringify(r.body)).not.toMatch(/[A-Za-z]{4,} (error|Error)|statusCode|FST_/);
    };

    it('answers a NUL character anywhere with a clear 400 (login, query, path, school name, user)', async () => {
      const admin = await server.as('admin');
      const bureau = await server.as('jiaoyuju');
      const { rows } = await server.db.query<{ id: string }>('SELECT id FROM school ORDER BY id LIMIT 1');
      const school = rows[0]!.id;
      const year = server.seed.year;
      const nul = /空字符/;
      clear400(
        await server
          .anonymous()
          .post('/api/auth/login', { username: 'ad\u0000min', password: 'x'.repeat(12) }),
        nul,
      );
      clear400(await bureau.get(`/api/schools?year=${year}&q=a%00b`), nul);
      clear400(await bureau.get(`/api/schools/${school}%00?year=${year}`), /空字符|学校标识码/);
      clear400(await bureau.patch(`/api/schools/${school}`, { name: '第一\u0000小学' }), nul);
      const user = { role: 'viewer', regionCode: server.seed.countyCode, password: 'Abcdef#12345xyz' };
      clear400(await admin.post('/api/users', { ...user, username: 'ab\u0000c', displayName: '甲' }), nul);
      clear400(await admin.post('/api/users', { ...user, username: 'abc1', displayName: '甲\u0000乙' }), nul);
      // A NUL in a JSON key counts too.
      clear400(await bureau.put(`/api/county-inputs?year=${year}`, { items: [], ['a\u0000']: 1 }), nul);
    });

    it('answers JSON nested too deep with a clear 400, as a request body and as an imported file', async () => {
      const bureau = await server.as('jiaoyuju');
      const year = server.seed.year;
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const body = await fetch(`${server.url}/api/county-inputs?year=${year}`, {
        method: 'PUT',
        headers: { cookie: bureau.cookie, 'x-csrf-token': bureau.csrf, 'content-type': 'application/json' },
        body: `{"items":${deep}}`,
      });
      clear400({ status: body.status, body: await body.json() }, /嵌套/);
      for (const file of [deep, `{"schools":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`]) {
        const r = await bureau.request('POST', `/api/imports/county?year=${year}`, Buffer.from(file), {
          'x-file-name': 'county.json',
        });
        clear400(r, /嵌套/);
      }
    });
  });
});
