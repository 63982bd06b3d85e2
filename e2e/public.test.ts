/**
 * The public 公示 page, without login, on a phone (390×844) and a laptop (1366×768): nothing wider
 * than the screen, the coefficient charts drawn, the schools listed (cards on the phone, a table on
 * the laptop), no personal data anywhere on the page or in its CSV, and no console errors.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicCounty, PublicResult } from '../packages/web/src/api/public.js';
import { yearLabel } from '../packages/web/src/shared/format.js';
import { browserAvailable, DESKTOP, type E2E, PHONE, startE2E } from './harness.js';
import { apiGet, fullShot, openWatched, settle, text, visible } from './support.js';

/** Words that would mean a person's data is shown (the page is about schools only). */
const PERSONAL = ['身份证', '学生姓名', '姓名', '出生日期', '家庭住址', '联系电话', '手机号', '学籍号'];

/** Pixels drawn on each chart canvas (non-transparent), measured in the page. */
function drawnPixels(page: Page): Promise<number[]> {
  return page.locator('.charts canvas').evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
      return n;
    }),
  );
}

describe.skipIf(!browserAvailable())('the public page', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`fits a ${viewport.width}×${viewport.height} screen, draws the charts and lists the schools (${name})`, async () => {
      const { page, context, errors } = await openWatched(e2e, viewport);
      await page.goto(`${e2e.url}/public`);
      const [county] = await apiGet<PublicCounty[]>(page, '/api/public/counties');
      expect(county?.name).toBe('清源县');
      const year = Math.max(...county!.years);
      await visible(
        page.getByRole('heading', { name: `清源县 ${yearLabel(year)} 义务教育均衡发展评估结果` }),
      );
      await settle(page, { charts: true });
      const result = await apiGet<PublicResult>(page, `/api/public/results/${county!.code}/${year}`);
      expect(result.schools.length).toBeGreaterThan(20);

      // No horizontal scrolling of the page itself (wide tables scroll inside their card).
      const width = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(width.scroll).toBeLessThanOrEqual(width.inner);

      // Both stages' charts are drawn, each within the screen.
      const canvases = page.locator('.charts canvas');
      expect(await canvases.count()).toBeGreaterThanOrEqual(2);
      for (const px of await drawnPixels(page)) expect(px).toBeGreaterThan(1_000);
      for (const box of await canvases.evaluateAll((cs) =>
        cs.map((c) => c.getBoundingClientRect().toJSON()),
      )) {
        expect(box.width).toBeGreaterThan(200);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }

      // The schools: cards on a phone, a table on a laptop; the first page shows 20 school stages.
      const names = new Set(result.schools.map((s) => s.name));
      const list = page.locator('.el-card').filter({ hasText: '各校办学条件' });
      let shown: string[];
      if (name === 'phone') {
        expect(await list.locator('.el-table').count()).toBe(0);
        const cards = list.locator('.cards details.school');
        expect(await cards.count()).toBe(20);
        shown = await list.locator('.cards .sname').allInnerTexts();
        // A card opens to the school's figures.
        await cards.first().locator('summary').click();
        await visible(cards.first().locator('dl dt'));
        expect(await cards.first().locator('dl dt').count()).toBeGreaterThan(3);
      } else {
        expect(await list.locator('.cards').count()).toBe(0);
        const rows = list.locator('.el-table__body-wrapper tbody tr');
        expect(await rows.count()).toBe(20);
        shown = (await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim());
      }
      expect(shown).toHaveLength(20);
      for (const s of shown) expect(names.has(s), s).toBe(true);
      await visible(page.getByText(`各校办学条件（${result.schools.length} 个学校学段）`));

      // Nothing about persons, on the page or in the CSV it offers.
      const body = await text(page.locator('body'));
      for (const word of PERSONAL) expect(body, word).not.toContain(word);
      const href = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
      expect(href).toMatch(/\.csv$/);
      const csv = await page.evaluate(async (h) => (await fetch(h)).text(), href!);
      expect(csv).toContain('清源县实验小学');
      for (const word of PERSONAL) expect(csv, word).not.toContain(word);

      await fullShot(e2e, page, `public-${name}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('lets a phone user pick the county and year from the on-page lists', async () => {
    const { page, context, errors } = await openWatched(e2e, PHONE);
    await page.goto(`${e2e.url}/public`);
    await settle(page);
    await page
      .locator('.el-select')
      .filter({ has: page.getByRole('combobox', { name: '学年' }) })
      .click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await visible(options);
    // Not teleported on a phone: the list opens inside the page, within the screen.
    const box = (await options.first().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await fullShot(e2e, page, 'public-phone-year-list');
    await options.last().click();
    await settle(page, { charts: true });
    const year = new URL(page.url()).searchParams.get('year');
    await visible(page.getByRole('heading', { name: new RegExp(`${yearLabel(Number(year))}`) }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
