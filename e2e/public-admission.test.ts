/**
 * 招生公示 without login, as parents use it: on a phone (390×844) and a laptop (1366×768) the 划片查询
 * page finds a demo 小区/村 and shows the school of the published plan (read from the API here), for
 * 小学 and 初中, with nothing wider than the screen; the public page lists the county's 电脑派位 and
 * a link opens its verification page. No console errors, no request to any origin but the app's, no
 * personal data.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicDraw } from '../packages/web/src/api/lottery.js';
import type { PublicCounty } from '../packages/web/src/api/public.js';
import type { PublicZoning, PublicZoningPlans } from '../packages/web/src/api/publicAdmission.js';
import { ARTIFACTS, browserAvailable, DESKTOP, type E2E, PHONE, startE2E } from './harness.js';
import { apiGet, fullShot, openWatched, settle, text, visible } from './support.js';

/** Words that would mean a person's data is shown (the pages are about schools and places only). */
const PERSONAL = ['身份证', '学生姓名', '出生日期', '家庭住址', '联系电话', '手机号', '学籍号', '核验码：'];

/** Records every URL a context asks for. */
function recordRequests(context: BrowserContext): string[] {
  const requested: string[] = [];
  context.on('request', (r) => requested.push(r.url()));
  return requested;
}

function foreign(e2e: E2E, requested: string[]): string[] {
  const origin = new URL(e2e.url).origin;
  return requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

async function pageWidth(page: Page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

/** The school a 小区/村 belongs to in a published plan, looked up here (not with the page's code). */
function schoolOf(zoning: PublicZoning, areaId: string) {
  return zoning.schools.find((s) => s.areas.some((a) => a.id === areaId)) ?? null;
}

describe.skipIf(!browserAvailable())('招生公示 without login', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  }, 180_000);
  afterAll(async () => e2e?.close());

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`finds a 村 on /public/zoning and shows its school of the published plan (${name})`, async () => {
      const { page, context, errors } = await openWatched(e2e, viewport);
      const requested = recordRequests(context);
      await page.goto(`${e2e.url}/public/zoning`);
      await visible(page.getByRole('heading', { name: '清源县 义务教育学校划片查询' }));
      await settle(page);
      // No login asked for.
      expect(new URL(page.url()).pathname).toBe('/public/zoning');

      const [county] = await apiGet<PublicCounty[]>(page, '/api/public/counties');
      const list = await apiGet<PublicZoningPlans>(page, `/api/public/zoning/${county!.code}`);
      // The demo publishes the current zones of one intake year, both stages: that year is shown.
      const years = [...new Set(list.plans.map((p) => p.year))];
      expect(years).toHaveLength(1);
      const year = years[0]!;
      expect(new URL(page.url()).searchParams.get('year')).toBe(String(year));
      expect(await text(page.locator('.sub'))).toContain(`${year}年秋季入学 · 小学`);

      const primary = await apiGet<PublicZoning>(page, `/api/public/zoning/${county!.code}/${year}/primary`);
      const junior = await apiGet<PublicZoning>(page, `/api/public/zoning/${county!.code}/${year}/junior`);
      // A 村 whose name no other 小区/村 contains, so it is the only answer.
      const all = primary.schools.flatMap((s) => s.areas);
      const village = all.find(
        (a) => a.kind === 'village' && all.filter((b) => b.name.includes(a.name)).length === 1,
      )!;
      expect(village).toBeDefined();
      const primarySchool = schoolOf(primary, village.id)!;
      const juniorSchool = schoolOf(junior, village.id)!;
      expect(primarySchool).not.toBeNull();
      expect(juniorSchool).not.toBeNull();

      await page.getByPlaceholder('输入小区或村名').fill(village.name);
      const match = page.locator('[data-test=match]');
      await visible(match);
      expect(await match.count()).toBe(1);
      expect(await text(match.locator('.area-name'))).toBe(village.name);
      expect(await text(match.locator('[data-test=school]'))).toBe(primarySchool.name);
      // In large type.
      const size = await match
        .locator('[data-test=school]')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(20);
      expect((await pageWidth(page)).scroll).toBeLessThanOrEqual(viewport.width);
      await e2e.shot(page, `public-zoning-search-${name}`);

      // 初中: the same 村, its junior school.
      await page.getByRole('radio', { name: '初中' }).click({ force: true });
      await settle(page);
      await expect
        .poll(() => text(page.locator('[data-test=match] [data-test=school]')))
        .toBe(juniorSchool.name);
      expect(new URL(page.url()).searchParams.get('stage')).toBe('junior');

      // Something that is nowhere: a plain answer, who to ask.
      await page.getByPlaceholder('输入小区或村名').fill('不存在的地方');
      await visible(page.getByText('没有找到“不存在的地方”'));

      // The full list, opened: every school of the plan with 小区/村, still no horizontal scroll.
      await page.getByPlaceholder('输入小区或村名').fill('');
      await page.getByRole('button', { name: '全部展开' }).click();
      const schools = page.locator('details.school');
      expect(await schools.count()).toBe(junior.schools.filter((s) => s.areas.length > 0).length);
      const juniorOfVillage = schools.filter({ hasText: juniorSchool.name }).first();
      expect(await juniorOfVillage.getAttribute('open')).not.toBeNull();
      expect(await text(juniorOfVillage)).toContain(village.name);
      const width = await pageWidth(page);
      expect(width.scroll).toBeLessThanOrEqual(width.inner);
      await fullShot(e2e, page, `public-zoning-list-${name}`);

      const body = await text(page.locator('body'));
      expect(body).toContain('什么是“划片”');
      expect(body).toContain('清源县教育局反映');
      for (const word of PERSONAL) expect(body, word).not.toContain(word);
      expect(errors).toEqual([]);
      expect(foreign(e2e, requested)).toEqual([]);
      await context.close();
    });

    it(`lists the county's 电脑派位 on the public page, and a link opens its verification (${name})`, async () => {
      const { page, context, errors } = await openWatched(e2e, viewport);
      const requested = recordRequests(context);
      await page.goto(`${e2e.url}/public`);
      const card = page.locator('.admission');
      await visible(card.getByRole('heading', { name: '电脑派位公示' }));
      await settle(page);
      const [county] = await apiGet<PublicCounty[]>(page, '/api/public/counties');
      const draws = await apiGet<PublicDraw[]>(page, `/api/public/lottery/draws?countyCode=${county!.code}`);
      expect(draws.length).toBeGreaterThan(0);

      const rows = card.locator('[data-test=draw]');
      expect(await rows.count()).toBe(Math.min(draws.length, 5));
      for (const [i, d] of draws.slice(0, 5).entries()) {
        const row = await text(rows.nth(i));
        expect(row).toContain(d.title);
        expect(row).toContain(d.status === 'drawn' ? '已派位' : '名单已公示待派位');
        expect(row).toContain(`${d.entryCount.toLocaleString('zh-CN')} 人参加`);
        expect(row).toContain(d.commitment.slice(0, 8));
      }
      expect((await pageWidth(page)).scroll).toBeLessThanOrEqual(viewport.width);
      await card.screenshot({ path: `${ARTIFACTS}/public-admission-card-${name}.png` });
      await fullShot(e2e, page, `public-admission-page-${name}`);

      // The zone lookup is linked with the county.
      const zoningHref = await card.getByRole('link', { name: /划片查询/ }).getAttribute('href');
      expect(zoningHref).toBe(`/public/zoning?county=${county!.code}`);

      // The first draw's verification page.
      const first = draws[0]!;
      await rows.first().getByRole('link', { name: '核验结果 →' }).click();
      await page.waitForURL(`**/public/lottery/${first.id}`);
      await visible(page.getByRole('heading', { name: first.title }));
      await settle(page);
      expect(await text(page.locator('[data-test=commitment]'))).toBe(first.commitment);

      expect(errors).toEqual([]);
      expect(foreign(e2e, requested)).toEqual([]);
      await context.close();
    });
  }
});
