/**
 * A province's wording end to end on the server: the file JUNHENG_MESSAGES names is read and
 * checked as startServer does, refusals speak with it, and GET /api/meta/messages serves it to
 * anyone (the public pages and the login page speak with it too), cacheable for a few minutes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Refusal } from '@junheng/core';
import { createTestDatabase, type TestDatabase } from '@junheng/db/testing';
import { MessageOverridesFileError, messageOverridesFromEnv } from '@junheng/io';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { toErrorResponse, useMessageOverrides } from './errors.js';
import { testCipher } from './testing.js';

const OVERRIDES = {
  'common.policyDenied': '本省规定：{reason}',
  'web.shared.loggedOut': '您已安全退出',
};

describe('GET /api/meta/messages', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'junheng-messages-'));
    t = await createTestDatabase('pglite');
    app = await buildApp({ db: t.db, personal: testCipher(), webRoot: null });
    await app.ready();
  });
  afterAll(async () => {
    useMessageOverrides({});
    await app?.close();
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves no overrides when JUNHENG_MESSAGES is unset', async () => {
    useMessageOverrides(messageOverridesFromEnv({}));
    const r = await app.inject({ method: 'GET', url: '/api/meta/messages' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ overrides: {} });
  });

  it("serves the province's file to anyone, cacheable, and refusals use it", async () => {
    const file = join(dir, 'messages.json');
    writeFileSync(file, JSON.stringify(OVERRIDES));
    useMessageOverrides(messageOverridesFromEnv({ JUNHENG_MESSAGES: file }));
    const r = await app.inject({ method: 'GET', url: '/api/meta/messages' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=300');
    expect(r.json()).toEqual({ overrides: OVERRIDES });
    const refusal = toErrorResponse(new Refusal('notAllowed', 'common.policyDenied', { reason: '只读' }));
    expect(refusal.body.message).toBe('本省规定：只读');
  });

  it('refuses a file that drops a placeholder or names an unknown key, in Chinese', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ 'common.policyDenied': '不允许', 'web.no.such': 'x' }));
    expect(() => messageOverridesFromEnv({ JUNHENG_MESSAGES: file })).toThrow(MessageOverridesFileError);
    expect(() => messageOverridesFromEnv({ JUNHENG_MESSAGES: file })).toThrow(/2 处问题[\s\S]*\{reason\}/);
  });
});
