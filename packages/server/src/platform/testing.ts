/**
 * @module A real server for API tests: a fresh database (PGlite, or PostgreSQL when
 * JUNHENG_TEST_PG_URL is set), the demo county seeded, Fastify listening on a free port, and HTTP
 * clients that sign in as a user and keep their cookie and CSRF token like a browser.
 */
import { createPersonalCipher, migrate, type PersonalCipher, TEST_PERSONAL_KEY } from '@junheng/db';
import { createTestDatabase, type Engine } from '@junheng/db/testing';
import type { FastifyInstance } from 'fastify';
import { seedDemoZoning } from '../admission/zoning/zoningFiles.js';
import { seedDemo, seedDemoClassesAndQuota } from '../demo/index.js';
import { buildApp } from './app.js';
import { DEMO_PASSWORD } from './serve.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** The raw bytes (downloads). */
  bytes: Buffer;
}

/** A browser-like client: cookie jar of one session, CSRF header on writes. */
export class ApiClient {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] ??= this.csrf;
    let payload: RequestInit['body'];
    if (Buffer.isBuffer(body)) {
      payload = new Uint8Array(body);
      h['content-type'] ??= 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      if (pair.startsWith('jh_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const parsed =
      type.includes('application/json') && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : bytes;
    return { status: res.status, headers: res.headers, body: parsed as T, bytes };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }

  /** Signs in; throws when the server refuses. */
  async login(username: string, password = DEMO_PASSWORD): Promise<this> {
    const r = await this.post<{ csrfToken: string }>('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
    return this;
  }
}

/** The cipher of test servers: a fixed key, never used for real data. */
export function testCipher(): PersonalCipher {
  return createPersonalCipher(TEST_PERSONAL_KEY);
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  seed: NonNullable<Awaited<ReturnType<typeof seedDemo>>>;
  db: Awaited<ReturnType<typeof createTestDatabase>>['db'];
  /** A client signed in as `username` (demo password). */
  as(username: string): Promise<ApiClient>;
  anonymous(): ApiClient;
  close(): Promise<void>;
}

/**
 * Starts a server on a fresh database with the demo county.
 * @param engine database engine
 * @param schools demo county size (small keeps tests quick)
 * @param demoClasses also seed the 均衡分班/指标到校 demo as `npm start` does (seedDemoClassesAndQuota:
 *   the demo school's published 一年级 placement with its drawn head-teacher draw, a junior draft
 *   placement, a quota allocation)
 */
export async function startTestServer(
  engine: Engine,
  opts: { schools?: number; loginRateLimit?: number; now?: () => Date; demoClasses?: boolean } = {},
): Promise<TestServer> {
  const { db, dispose } = await createTestDatabase(engine, { migrated: true });
  await migrate(db);
  const seed = await seedDemo(db, { schools: opts.schools ?? 12, password: DEMO_PASSWORD });
  if (!seed) throw new Error('seedDemo did not seed an empty database');
  await seedDemoZoning(db, { countyCode: seed.countyCode, year: seed.year + 1, schools: opts.schools ?? 12 });
  if (opts.demoClasses) await seedDemoClassesAndQuota(db, testCipher(), seed);
  const app = await buildApp({
    db,
    personal: testCipher(),
    webRoot: null,
    loginRateLimit: opts.loginRateLimit ?? 1000,
    now: opts.now,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url: address,
    seed,
    db,
    as: (username) => new ApiClient(address).login(username),
    anonymous: () => new ApiClient(address),
    async close() {
      await app.close();
      await dispose();
    },
  };
}
