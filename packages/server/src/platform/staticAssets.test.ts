/**
 * The web app's files: hashed assets compressed (the build's .br/.gz, chosen by Accept-Encoding)
 * and cached for a year as immutable; index.html — also as the page of every client-side route —
 * revalidated on every use, so a new build is picked up at once. API answers of 1 kB or more go
 * compressed to clients that accept it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestDatabase, type TestDatabase } from '@junheng/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { preferredEncoding } from './compression.js';
import { testCipher } from './testing.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SCRIPT = `export const hello = ${JSON.stringify('均衡'.repeat(2000))};\n`;
const HTML =
  '<!doctype html><html><head><script type="module" src="/assets/index-Ab3_x-9Z.js"></script></head></html>';

describe('static files of the web app', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'junheng-web-'));
    mkdirSync(join(root, 'assets'));
    // What `vite build` writes (vite.config.ts precompress()).
    writeFileSync(join(root, 'index.html'), HTML);
    writeFileSync(join(root, 'assets', 'index-Ab3_x-9Z.js'), SCRIPT);
    writeFileSync(join(root, 'assets', 'index-Ab3_x-9Z.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(root, 'assets', 'index-Ab3_x-9Z.js.gz'), gzipSync(SCRIPT));
    t = await createTestDatabase('pglite');
    app = await buildApp({ db: t.db, personal: testCipher(), webRoot: root });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends hashed assets brotli- or gzip-compressed as the browser accepts, cached as immutable', async () => {
    const br = await get('/assets/index-Ab3_x-9Z.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);

    const gz = await get('/assets/index-Ab3_x-9Z.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(SCRIPT);

    const plain = await get('/assets/index-Ab3_x-9Z.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.body).toBe(SCRIPT);
  });

  it('has index.html revalidated on every use, also for client-side routes', async () => {
    for (const url of ['/', '/index.html', '/public', '/schools/1234567890']) {
      const r = await get(url, 'gzip, br');
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/text\/html/);
      expect(r.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses API answers of 1 kB or more for clients that accept it', async () => {
    const br = await get('/api/docs/json', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const doc = JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8')) as { openapi: string };
    expect(doc.openapi).toMatch(/^3\./);
    const gz = await get('/api/docs/json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(doc);
    const plain = await get('/api/docs/json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(doc);
    // Small answers are not worth it.
    expect((await get('/api/health', 'br')).headers['content-encoding']).toBeUndefined();
  });
});

describe('preferredEncoding', () => {
  it.each([
    [undefined, null],
    ['identity', null],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
  ])('%s → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});
