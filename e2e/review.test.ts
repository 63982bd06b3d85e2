/**
 * Issue 10 #23, #24 and #27 in a real browser: the bureau selects several submitted reports in 审核
 * and approves them in one confirmation that lists each school's change; the evaluation page's
 * 数据问题 tab lists as many rows as its label counts; a run made before a county item changed is
 * marked 已过期 with the reason and re-run from the page; a published year's 县级指标 are shown
 * read-only with the reason; the 指标到校 page names the document, never a research tag.
 *
 * The tests run in order on one server and one bureau session.
 */
import { SOURCE_TAG_PATTERN } from '@junheng/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearLabel } from '../packages/web/src/shared/format.js';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import { apiGet, fullShot, settle, signInWatched, text, visible, type Watched } from './support.js';

interface ListItem {
  schoolId: string;
  schoolName: string;
  stage: string;
  status: string;
}

/** Picks an option of an Element Plus select (by the select's aria-label and the option's text). */
async function pick(page: Page, selectLabel: string, option: string | RegExp): Promise<void> {
  await page.locator(`.el-select:has(input[aria-label="${selectLabel}"])`).first().click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: option }).first().click();
  await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' });
}

describe.skipIf(!browserAvailable())('review, evaluation and county items in the browser', () => {
  let e2e: E2E;
  let bureau: Watched;
  let year: number;

  beforeAll(async () => {
    e2e = await startE2E({ schools: 20 });
    bureau = await signInWatched(e2e, 'jiaoyuju');
    year = (await apiGet<{ currentYear: number }>(bureau.page, '/api/meta')).currentYear;
    // Starting the server with its demo county and the browser is slow on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('approves three selected reports in one confirmation listing each school’s change', async () => {
    const { page } = bureau;
    await page.goto(`${e2e.url}/review`);
    await settle(page);
    const rows = page.locator('.el-table__body tr');
    await visible(rows);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      names.push(await text(row.locator('td').nth(1)));
      await row.locator('.el-checkbox').first().click();
    }
    // Ticking a box selects the row; it does not open the report.
    expect(new URL(page.url()).pathname).toBe('/review');
    await visible(page.getByText('已选 3 份'));

    const [dry] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/reports/batch')),
      page.getByRole('button', { name: '批量通过' }).click(),
    ]);
    expect(dry.status()).toBe(200);
    const dialog = page.locator('.el-dialog').filter({ hasText: '批量通过：请确认' });
    await visible(dialog);
    await visible(dialog.getByText('将审核通过 3 份报表'));
    const listed = await dialog.locator('.el-table__body tr').allInnerTexts();
    expect(listed).toHaveLength(3);
    for (const [k, name] of names.entries()) {
      expect(listed[k]).toContain(name);
      expect(listed[k]).toContain('已提交 → 审核通过');
    }
    await fullShot(e2e, page, 'review-01-batch-confirm');

    const [done] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/reports/batch')),
      dialog.getByRole('button', { name: '确认审核通过（3 份）' }).click(),
    ]);
    expect(done.status()).toBe(200);
    const result = page.locator('.el-dialog').filter({ hasText: '审核通过结果' });
    await visible(result.getByText('已办理 3 份'));
    await fullShot(e2e, page, 'review-02-batch-done');
    await result.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click();

    const approved = await apiGet<{ items: ListItem[] }>(
      page,
      `/api/reports?year=${year}&status=approved&pageSize=200`,
    );
    for (const name of names) expect(approved.items.some((r) => r.schoolName === name)).toBe(true);
    expect(bureau.errors).toEqual([]);
  });

  it('runs an evaluation whose 数据问题 tab lists as many rows as it counts, then marks it 已过期', async () => {
    const { page } = bureau;
    await page.goto(`${e2e.url}/evaluations`);
    await settle(page);
    await page.getByText('优质均衡（2017）').click();
    await page.getByRole('button', { name: '运行评估' }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    await settle(page, { charts: true });
    const runUrl = page.url();

    const tab = page.locator('.el-tabs__item').filter({ hasText: '数据问题' });
    const label = await text(tab);
    const count = Number(/（(\d+)）/.exec(label)?.[1]);
    expect(count).toBeGreaterThan(0);
    await tab.click();
    const table = page.locator('[data-testid="data-problems"]');
    await visible(table);
    expect(await table.locator('.el-table__body tr').count()).toBe(count);
    expect(await table.textContent()).not.toContain('没有数据问题');
    expect(await page.locator('[data-testid="run-stale"]').count()).toBe(0);
    await fullShot(e2e, page, 'review-03-data-problems');

    // A county item changes after the run (as a save on the 县级指标 page would).
    const { rows } = await e2e.server.db.query<{ item_id: string }>(
      `SELECT item_id FROM county_input WHERE year = $1 AND jsonb_typeof(value) = 'boolean' ORDER BY item_id LIMIT 1`,
      [year],
    );
    await e2e.server.db.query(
      `UPDATE county_input SET value = to_jsonb(NOT (value::text)::boolean), updated_at = now()
        WHERE year = $1 AND item_id = $2`,
      [year, rows[0]!.item_id],
    );
    await page.reload();
    await settle(page);
    const stale = page.locator('[data-testid="run-stale"]');
    await visible(stale);
    expect(await text(stale)).toMatch(/已过期.*县级指标有改动/);
    await fullShot(e2e, page, 'review-04-run-stale');

    await stale.getByRole('button', { name: '重新运行评估' }).click();
    await page.waitForURL((u) => /\/evaluations\/\d+$/.test(u.pathname) && u.href !== runUrl);
    await settle(page);
    await visible(page.getByText('已按当前数据重新运行评估'));
    expect(await page.locator('[data-testid="run-stale"]').count()).toBe(0);

    await page.goto(`${e2e.url}/evaluations`);
    await settle(page);
    const oldRow = page.locator('.el-table__body tr').nth(1);
    expect(await text(oldRow)).toContain('已过期');
    expect(bureau.errors).toEqual([]);
  });

  it('shows a published year’s 县级指标 read-only with the reason', async () => {
    const { page } = bureau;
    await page.goto(`${e2e.url}/county-inputs`);
    await settle(page);
    expect(await page.locator('[data-testid="county-inputs-locked"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(1);

    await pick(page, '学年', yearLabel(year - 1));
    await settle(page);
    const note = page.locator('[data-testid="county-inputs-locked"]');
    await visible(note);
    expect(await text(note)).toMatch(/已公示.*不能再修改/);
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    const inputs = page.locator('.el-table__body input');
    expect(await inputs.count()).toBeGreaterThan(0);
    for (const input of await inputs.all()) expect(await input.isDisabled()).toBe(true);
    await fullShot(e2e, page, 'review-05-county-inputs-read-only');
    await pick(page, '学年', yearLabel(year));
    await settle(page);
  });

  it('the 指标到校 page names the document of the 50% rule and shows no research tag', async () => {
    const { page } = bureau;
    await page.goto(`${e2e.url}/admission/quota`);
    await settle(page);
    await visible(page.getByText('《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）').first());
    const body = (await page.locator('body').innerText()) ?? '';
    expect(body.match(SOURCE_TAG_PATTERN)).toBeNull();
    expect(bureau.errors).toEqual([]);
  });

  it('chases reports never started (未填报) and opens one to fill it in for the school', async () => {
    const { page } = bureau;
    // Three schools opened this year, registered by the bureau; none has started its report.
    for (const [i, name] of ['城南新区第一小学', '城南新区第二小学', '城南新区第三小学'].entries()) {
      await e2e.server.db.query(
        `INSERT INTO school (id, name, type, locality, region_code, first_year) VALUES ($1, $2, 'primary', 'urban', '130660', $3)`,
        [`299999990${i}`, name, year],
      );
    }
    {
      await page.goto(`${e2e.url}/review?status=missing`);
      await visible(page.getByRole('heading', { name: /报表审核/ }));
      await settle(page);
      const rows = page.locator('.el-table__body tr');
      await visible(rows.filter({ hasText: '城南新区' }));
      expect(await rows.allInnerTexts()).toHaveLength(3);
      for (const row of await rows.allInnerTexts()) expect(row).toContain('未填报');
      const names: string[] = [];
      for (let i = 0; i < 2; i++) {
        names.push(await text(rows.nth(i).locator('td').nth(1)));
        await rows.nth(i).locator('.el-checkbox').first().click();
      }
      await page.getByRole('button', { name: '批量催报' }).click();
      const dialog = page.locator('.el-dialog').filter({ hasText: '批量催报：请确认' });
      await visible(dialog.getByText('将催报 2 份报表'));
      const listed = await dialog.locator('.el-table__body tr').allInnerTexts();
      for (const [k, name] of names.entries()) {
        expect(listed[k]).toContain(name);
        expect(listed[k]).toContain('未填报 → 填报中（建立空报表并催报）');
      }
      await dialog.getByRole('textbox').fill('请于本周五前开始填报');
      await fullShot(e2e, page, 'review-03-remind-missing');
      await dialog.getByRole('button', { name: '确认催报（2 份）' }).click();
      const result = page.locator('.el-dialog').filter({ hasText: '催报结果' });
      await visible(result.getByText('已办理 2 份'));
      await result.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click();
      const drafts = await apiGet<{ items: (ListItem & { reminders: number })[] }>(
        page,
        `/api/reports?year=${year}&status=draft&pageSize=200`,
      );
      for (const name of names) {
        expect(drafts.items.find((r) => r.schoolName === name)?.reminders).toBe(1);
      }

      // A report never started opens as the empty form, to fill in for the school with a reason.
      await settle(page);
      const third = rows.filter({ hasText: '未填报' }).first();
      await third.getByRole('button', { name: '代为填报' }).click();
      await page.waitForURL(/\/reports\//);
      await settle(page);
      await visible(page.getByLabel('代报理由'));
      expect(await page.getByRole('button', { name: '代为提交' }).count()).toBe(1);
      await fullShot(e2e, page, 'review-04-proxy-missing');
    }
    expect(bureau.errors).toEqual([]);
  });
});
