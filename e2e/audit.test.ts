/**
 * The audit log page in the browser (issue 10 #30): actions and objects in Chinese (no raw codes
 * such as `classPlacement.run`, no `{}`), details as fields with old and new values, filters by
 * user, action and days that agree with the API, and the chain check naming the latest signed
 * checkpoint.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import { apiGet, fullShot, settle, signInWatched, text, visible, type Watched } from './support.js';

interface AuditPage {
  total: number;
  items: { action: string; actor: string }[];
}

/** Picks an option of an Element Plus select (by the select's aria-label and the option's text). */
async function pick(page: Page, selectLabel: string, option: string | RegExp): Promise<void> {
  await page.locator(`.el-select:has(input[aria-label="${selectLabel}"])`).click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: option }).first().click();
  await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' });
}

/** The "共 N 条" of the pager, once the table has loaded. */
async function shownTotal(page: Page): Promise<number> {
  await settle(page);
  return Number((await text(page.locator('.el-pagination__total'))).replace(/\D/g, ''));
}

/** The texts of one column of the table's rows (1-based column, after the expand column). */
async function column(page: Page, n: number): Promise<string[]> {
  return page.locator(`.el-table__body tr.el-table__row td:nth-child(${n + 1})`).allTextContents();
}

describe.skipIf(!browserAvailable())('the audit log page', () => {
  let e2e: E2E;
  let w: Watched;

  beforeAll(async () => {
    e2e = await startE2E({ schools: 12 });
    // A sign-in of the bureau, to filter by.
    const bureau = await signInWatched(e2e, 'jiaoyuju');
    await bureau.context.close();
    w = await signInWatched(e2e, 'admin');
    await w.page.goto(`${e2e.url}/audit`);
    await settle(w.page);
  }, 300_000);
  afterAll(async () => {
    await w?.context.close();
    await e2e?.close();
  });

  it('names actions and objects in Chinese and shows details as fields', async () => {
    const { page } = w;
    await visible(page.locator('.el-table__row'));
    const actions = await column(page, 4);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a).toMatch(/^[^a-z]*[\u4e00-\u9fff]/);
    for (const o of await column(page, 5)) expect(o).not.toMatch(/[a-z]+_[a-z]+/);
    const body = await text(page.locator('.el-table__body'));
    expect(body).not.toContain('{}');
    // The demo's 均衡分班 run, named, and its details readable.
    await pick(page, '操作', '运行均衡分班');
    expect(await shownTotal(page)).toBeGreaterThan(0);
    await page.locator('.el-table__expand-icon').first().click();
    const detail = await visible(page.locator('.detail'));
    expect(await text(detail)).toMatch(/项目修改前修改后|此操作没有记录修改内容/);
    expect(await text(detail)).not.toContain('{}');
    await fullShot(e2e, page, 'audit-details');
    expect(w.errors).toEqual([]);
  });

  it('filters by user, action and days, agreeing with the API', async () => {
    const { page } = w;
    await page.getByRole('button', { name: '重置' }).click();
    await pick(page, '用户', 'jiaoyuju');
    const byUser = await apiGet<AuditPage>(page, '/api/audit?actor=jiaoyuju&pageSize=100');
    expect(byUser.total).toBeGreaterThan(0);
    expect(await shownTotal(page)).toBe(byUser.total);
    for (const who of await column(page, 3)) expect(who).toContain('jiaoyuju');

    await pick(page, '操作', /^登录$/);
    const logins = await apiGet<AuditPage>(page, '/api/audit?actor=jiaoyuju&action=auth.login');
    expect(logins.total).toBeGreaterThan(0);
    expect(await shownTotal(page)).toBe(logins.total);
    for (const a of await column(page, 4)) expect(a.trim()).toBe('登录');

    // Days: today (Beijing) keeps the sign-in; from tomorrow on, nothing.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    await page.getByLabel('开始日期').fill(today);
    await page.getByLabel('结束日期').fill(today);
    await page.getByRole('button', { name: '查询' }).click();
    expect(await shownTotal(page)).toBe(logins.total);
    await page.getByLabel('开始日期').fill(tomorrow);
    await page.getByLabel('结束日期').fill(tomorrow);
    await page.getByRole('button', { name: '查询' }).click();
    expect(await shownTotal(page)).toBe(0);
    await fullShot(e2e, page, 'audit-filters');

    await page.getByRole('button', { name: '重置' }).click();
    const all = await apiGet<AuditPage>(page, '/api/audit');
    expect(await shownTotal(page)).toBe(all.total);
    expect(w.errors).toEqual([]);
  });

  it('checks the chain and names the latest signed checkpoint', async () => {
    const { page } = w;
    await page.getByRole('button', { name: '校验哈希链' }).click();
    const alert = await visible(page.locator('.el-alert--success'));
    const said = await text(alert);
    expect(said).toMatch(/审计日志完整：已校验 \d+ 条记录/);
    expect(said).toMatch(/最新检查点（共 \d+ 个，签名保存在数据库之外）/);
    // A hash that is not in the chain fails, saying so.
    await page.getByLabel('另行记下的哈希').fill('ab'.repeat(32));
    await page.getByRole('button', { name: '校验哈希链' }).click();
    const failed = await visible(page.locator('.el-alert--error'));
    expect(await text(failed)).toContain(`审计日志中没有哈希为 ${'ab'.repeat(32)} 的记录`);
    expect(w.errors).toEqual([]);
  });
});
