/**
 * The login form in the browser: pressing Enter once sends exactly one login (two per Enter used
 * to lock an account after three typos and audit every login twice); an administrator lifts the
 * pause of a name after repeated wrong passwords with the 解锁 button of 用户管理.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import { openWatched, settle, signInWatched, visible } from './support.js';

/** Counts the login requests a page sends. */
function countLogins(page: Page): () => number {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/auth/login') && r.method() === 'POST') sent.push(r);
  });
  return () => sent.length;
}

describe.skipIf(!browserAvailable())('the login form', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E({ schools: 8 });
  });
  afterAll(async () => e2e?.close());

  it('sends one login per Enter, with a wrong password and with the right one', async () => {
    const { page, context, errors } = await openWatched(e2e);
    try {
      const logins = countLogins(page);
      await page.goto(`${e2e.url}/login`);
      await page.getByLabel('用户名').fill('duxue');
      await page.getByLabel('密码').fill('Wrong#Guess-123');
      await page.getByLabel('密码').press('Enter');
      await visible(page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }));
      await settle(page);
      expect(logins()).toBe(1);

      await page.getByLabel('密码').fill('Qingyuan#2025');
      await page.getByLabel('密码').press('Enter');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await settle(page);
      expect(logins()).toBe(2);
      // The 401 of the wrong password is the only failed request.
      expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the administrator unlock a paused name with the 解锁 button', async () => {
    // Five wrong passwords for tianbao from this machine.
    for (let i = 0; i < 5; i++) {
      await fetch(`${e2e.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'tianbao', password: 'Wrong#Guess-123' }),
      });
    }
    const { page, context } = await signInWatched(e2e, 'admin');
    try {
      await page.goto(`${e2e.url}/users`);
      await settle(page);
      const row = page.locator('.el-table__row', { hasText: 'tianbao' }).first();
      await visible(row.getByText('已锁定'));
      // The operations column is fixed: Element Plus renders it twice; the visible one is clicked.
      await page
        .locator('.el-table__row', { hasText: 'tianbao' })
        .getByRole('button', { name: '解锁' })
        .last()
        .click();
      const dialog = page.getByRole('dialog', { name: '解锁用户' });
      await visible(dialog);
      await dialog.getByRole('button', { name: '解锁' }).click();
      await visible(page.locator('.el-message', { hasText: '已解锁' }));
      await settle(page);
      await visible(page.locator('.el-table__row', { hasText: 'tianbao' }).first().getByText('正常'));
      const login = await fetch(`${e2e.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'tianbao', password: 'Qingyuan#2025' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await context.close();
    }
  });
});
