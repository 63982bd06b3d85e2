/**
 * 划片 in the browser (1366×768): the bureau opens the page of the demo county (60 schools, the
 * shipped demo map); the map is drawn on a canvas from the county's own GeoJSON — no request leaves
 * the app's origin (no online tiles) and no console error; it solves and sees the solver's status
 * and the comparison with the current zones; it moves one area to another school by hand and the
 * school's 划入人数 grows by exactly that area's entrants; it saves the plan. Screenshots in
 * test-artifacts/e2e/zoning-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoningData } from '../packages/web/src/api/zoning.js';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import { apiGet, fullShot, settle, signInWatched, text, visible, type Watched } from './support.js';

describe.skipIf(!browserAvailable())('划片 page', () => {
  let e2e: E2E;
  let w: Watched;
  /** Every URL the page requested. */
  const requested: string[] = [];

  beforeAll(async () => {
    e2e = await startE2E({ schools: 60 });
    w = await signInWatched(e2e, 'jiaoyuju');
    w.context.on('request', (r) => requested.push(r.url()));
  }, 180_000);
  afterAll(async () => e2e?.close());

  it('draws the county map, solves, shows the comparison, adjusts one area by hand and saves', async () => {
    const { page, errors } = w;
    await page.goto(`${e2e.url}/admission/zoning`);
    await visible(page.getByRole('heading', { name: /划片（就近入学）/ }));
    await settle(page, { charts: true });

    // The map: a canvas with something drawn on it.
    const canvas = page.locator('[data-testid="zoning-map"] canvas').first();
    await visible(canvas);
    const drawn = await canvas.evaluate((c) => {
      const el = c as HTMLCanvasElement;
      const ctx = el.getContext('2d');
      if (!ctx || el.width === 0) return 0;
      const { data } = ctx.getImageData(0, 0, el.width, el.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
      return n;
    });
    expect(drawn).toBeGreaterThan(10_000);
    await fullShot(e2e, page, 'zoning-current');

    // Solve: progress while it runs, then the solver's status and the comparison.
    await page.getByRole('button', { name: '求解最优划片' }).click();
    await visible(page.getByTestId('solver-card'), 60_000);
    await settle(page);
    const solver = await text(page.getByTestId('solver-card'));
    expect(solver).toMatch(/最优|时间/);
    const comparison = page.getByTestId('comparison');
    await visible(comparison);
    expect(await text(comparison)).toMatch(/与现行划片对比\s*\d+ 个小区\/村改变学校/);
    expect(await page.getByTestId('changed-areas').locator('li').count()).toBeGreaterThan(0);
    await fullShot(e2e, page, 'zoning-solved');
    // A changed area opens the adjustment dialog (as a click on the map does): nearest schools first.
    await page.getByTestId('changed-areas').locator('a').first().click();
    const dialog = page.locator('.el-dialog').filter({ hasText: '调整划片' });
    await visible(dialog);
    await dialog.locator('.el-select').click();
    await visible(page.locator('.el-select-dropdown:visible .el-select-dropdown__item'));
    await e2e.shot(page, 'zoning-adjust-dialog');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Hand adjustment: the first area of the table goes to another school.
    const year = Number(
      /(\d{4})年秋季入学/.exec(await text(page.getByRole('heading', { name: /划片（就近入学）/ })))![1],
    );
    const data = await apiGet<ZoningData>(page, `/api/zoning?year=${year}`);
    const row = page.getByTestId('area-table').locator('.el-table__body tr').first();
    const areaId = (await text(row.locator('td').first())).trim();
    const area = data.areas.find((a) => a.id === areaId)!;
    expect(area.entrants.primary).toBeGreaterThan(0);
    const select = row.locator('.el-select');
    const fromName = await text(select.locator('.el-select__selected-item, .el-select__placeholder').first());
    const target = data.schools.find(
      (s) =>
        s.stages.includes('primary') &&
        s.lon !== null &&
        s.name !== fromName &&
        s.entry.primary!.capacity > 0,
    )!;
    const demandCell = page.getByTestId(`demand-${target.schoolId}`);
    const before = Number(await text(demandCell));
    await select.click();
    await page
      .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: target.name })
      .first()
      .click();
    await expect.poll(async () => Number(await text(demandCell))).toBe(before + area.entrants.primary);
    await expect.poll(() => text(page.getByTestId('plan-label'))).toMatch(/手动调整/);
    await fullShot(e2e, page, 'zoning-adjusted');

    // Save.
    await page.getByRole('button', { name: '保存方案' }).click();
    const box = page.locator('.el-message-box').filter({ hasText: '保存划片方案' });
    await visible(box);
    await box.getByRole('button', { name: '保存' }).click();
    await visible(page.locator('.el-message--success', { hasText: '已保存' }));
    await settle(page);
    await expect
      .poll(() => page.getByTestId('plan-table').locator('.el-table__body tr').count())
      .toBeGreaterThan(1);
    expect(await text(page.getByTestId('plan-table'))).toMatch(/手动调整/);
    const saved = await apiGet<ZoningData>(page, `/api/zoning?year=${year}`);
    expect(saved.plans.some((p) => p.source === 'hand' && p.status === 'draft')).toBe(true);
    await fullShot(e2e, page, 'zoning-saved');

    // Nothing but the app's own origin was asked for, and nothing went wrong.
    const origin = new URL(e2e.url).origin;
    const foreign = requested.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
    expect(requested.some((u) => u.includes('/api/zoning/solve'))).toBe(true);
    expect(errors).toEqual([]);
  });
});
