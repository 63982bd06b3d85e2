/**
 * Stored markup in names (issue 10 #8): every school and 小区/村 of the demo county is renamed to
 * markup (`<img src=x onerror=alert(1)>`, `<b>粗体</b>`); the bureau hovers the charts that show
 * them — the admission-results chart (招生申请), the 划片 map (a school and an area), the 指标到校
 * chart — and the tooltips show the names as text: no element of the names ever enters the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import { fullShot, settle, signInWatched, visible, type Watched } from './support.js';

const IMG = '<img src=x onerror=alert(1)>';
const BOLD = '<b>粗体</b>';

/**
 * Before any page script: records every element the names would create (an img with src "x", a b
 * holding 粗体), however briefly it lived, in window.__injected.
 */
function recordInjected(): void {
  const seen: string[] = [];
  (window as unknown as { __injected: string[] }).__injected = seen;
  const check = (n: Node) => {
    if (!(n instanceof Element)) return;
    for (const el of [n, ...n.querySelectorAll('img, b')]) {
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') seen.push(el.outerHTML);
      if (el.tagName === 'B' && el.textContent === '粗体') seen.push(el.outerHTML);
    }
  };
  new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(check);
  }).observe(document, { childList: true, subtree: true });
}

const injected = (page: Page) =>
  page.evaluate(() => (window as unknown as { __injected: string[] }).__injected);

/**
 * The page position of the middle of a shape drawn on a canvas (a layer of ECharts' canvases): the
 * first opaque pixel found, then the centre of the opaque patch around it. Pixels also drawn on
 * the canvas `except` (a layer above) are left out.
 */
async function pointOn(page: Page, canvas: string, except?: string): Promise<{ x: number; y: number }> {
  const hit = await page.evaluate(
    ([sel, skip]) => {
      const pixels = (c: HTMLCanvasElement | null) => {
        const ctx = c?.getContext('2d');
        return c && ctx && c.width > 0 ? ctx.getImageData(0, 0, c.width, c.height).data : null;
      };
      const c = document.querySelector<HTMLCanvasElement>(sel as string)!;
      const own = pixels(c)!;
      const above = skip ? pixels(document.querySelector<HTMLCanvasElement>(skip)) : null;
      const opaque = (x: number, y: number) =>
        x >= 0 &&
        y >= 0 &&
        x < c.width &&
        y < c.height &&
        own[(y * c.width + x) * 4 + 3]! > 200 &&
        (!above || above[(y * c.width + x) * 4 + 3] === 0);
      for (let y = 0; y < c.height; y++)
        for (let x = 0; x < c.width; x++) {
          if (!opaque(x, y)) continue;
          // The patch: opaque pixels reachable from here (bounded, a symbol is small).
          const seen = new Set([y * c.width + x]);
          const todo = [[x, y]];
          let [x0, x1, y0, y1] = [x, x, y, y];
          while (todo.length > 0 && seen.size < 5000) {
            const [px, py] = todo.pop()!;
            [x0, x1, y0, y1] = [Math.min(x0, px!), Math.max(x1, px!), Math.min(y0, py!), Math.max(y1, py!)];
            for (const [nx, ny] of [
              [px! + 1, py!],
              [px! - 1, py!],
              [px!, py! + 1],
              [px!, py! - 1],
            ]) {
              const k = ny! * c.width + nx!;
              if (!seen.has(k) && opaque(nx!, ny!)) {
                seen.add(k);
                todo.push([nx!, ny!]);
              }
            }
          }
          if (seen.size < 30) continue;
          const box = c.getBoundingClientRect();
          const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
          if (!opaque(Math.round(cx), Math.round(cy))) continue;
          return { x: box.left + (cx * box.width) / c.width, y: box.top + (cy * box.height) / c.height };
        }
      return null;
    },
    [canvas, except ?? null],
  );
  if (!hit) throw new Error(`${canvas} 上没有画出的点`);
  return hit;
}

/**
 * The chart's tooltip once the mouse
 * is over `at` — or, given several points, over the first of them that shows one matching `expected`.
 */
async function tooltipAt(page: Page, chart: string, at: { x: number; y: number }[], expected: RegExp) {
  // ECharts' HTML tooltip: the chart's one div on top of everything.
  const tip = page.locator(`${chart} div[style*="z-index: 9999999"]`).filter({ hasText: expected });
  for (const p of at) {
    await page.mouse.move(p.x - 3, p.y - 3);
    await page.mouse.move(p.x, p.y);
    if (await tip.isVisible()) break;
  }
  await visible(tip);
  // Nothing of the names became an element, before anything else is looked at.
  expect(await injected(page)).toEqual([]);
  // biome-ignore lint/performance/useDomNodeTextContent: the tooltip's lines (<br/>) as a person reads them
  return { text: (await tip.innerText()).trim(), html: await tip.innerHTML() };
}

/** Points down the middle of a chart's canvas, every 10 px: one of them is inside its grid. */
async function downTheMiddle(page: Page, canvas: string): Promise<{ x: number; y: number }[]> {
  const c = await visible(page.locator(canvas));
  await c.scrollIntoViewIfNeeded();
  const b = (await c.boundingBox())!;
  return Array.from({ length: Math.floor(b.height / 10) }, (_, i) => ({
    x: b.x + b.width / 2,
    y: b.y + 5 + i * 10,
  }));
}

describe.skipIf(!browserAvailable())('names with markup in chart tooltips', () => {
  let e2e: E2E;
  let w: Watched;

  beforeAll(async () => {
    e2e = await startE2E({ schools: 20 });
    // Every school and area: half the img, half the bold tag (each name kept unique by its id).
    await e2e.server.db.query(
      `UPDATE school SET name = CASE WHEN right(id, 1) IN ('0','2','4','6','8') THEN $1 ELSE $2 END || id`,
      [IMG, BOLD],
    );
    await e2e.server.db.query(
      `UPDATE residential_area SET name = CASE WHEN right(id, 1) IN ('0','2','4','6','8') THEN $1 ELSE $2 END || id`,
      [BOLD, IMG],
    );
    w = await signInWatched(e2e, 'jiaoyuju');
    await w.context.addInitScript(recordInjected);
    await w.page.reload();
    await settle(w.page);
  }, 180_000);
  afterAll(async () => e2e?.close());

  it('the admission-results chart shows a hostile school name as text', async () => {
    const { page } = w;
    await page.goto(`${e2e.url}/admission/applicants`);
    await settle(page);
    await page.getByRole('tab', { name: '录取结果' }).click();
    await settle(page, { charts: true });
    const chart = '[data-testid=results-chart]';
    const tip = await tooltipAt(page, chart, await downTheMiddle(page, `${chart} canvas`), /计划/);
    expect(tip.text).toMatch(/^(<img src=x onerror=alert\(1\)>|<b>粗体<\/b>)\d+（计划 \d+）/);
    expect(tip.html).toMatch(/&lt;(img|b)/);
    await fullShot(e2e, page, 'hostile-admission-chart');
    expect(await injected(page)).toEqual([]);
  });

  it('the 划片 map shows hostile school and area names as text', async () => {
    const { page } = w;
    await page.goto(`${e2e.url}/admission/zoning`);
    await settle(page, { charts: true });
    // The map's box: the legend below it is text too.
    const chart = '[data-testid=zoning-map] .map-box';
    await (await visible(page.locator(`${chart} canvas`))).scrollIntoViewIfNeeded();
    // Schools are drawn on their own layer (zlevel 3), areas on theirs (zlevel 2).
    const school = await tooltipAt(
      page,
      chart,
      [await pointOn(page, `${chart} canvas[data-zr-dom-id^="zr_3"]`)],
      /学位/,
    );
    expect(school.text).toMatch(/^(<img src=x onerror=alert\(1\)>|<b>粗体<\/b>)\d+\n学位/);
    const area = await tooltipAt(
      page,
      chart,
      [
        await pointOn(
          page,
          `${chart} canvas[data-zr-dom-id^="zr_2"]`,
          `${chart} canvas[data-zr-dom-id^="zr_3"]`,
        ),
      ],
      /预计入学/,
    );
    expect(area.text).toMatch(/^(<img src=x onerror=alert\(1\)>|<b>粗体<\/b>)\S+（(小区|村)）/);
    expect(area.text).toMatch(/划片学校：(<img src=x onerror=alert\(1\)>|<b>粗体<\/b>)\d+/);
    await fullShot(e2e, page, 'hostile-zoning-map');
    expect(await injected(page)).toEqual([]);
  });

  it('the 指标到校 chart (ECharts’ own tooltip) shows a hostile school name as text', async () => {
    const { page } = w;
    await page.goto(`${e2e.url}/admission/quota`);
    await visible(page.locator('.calc'));
    await settle(page, { charts: true });
    const tip = await tooltipAt(page, '.chart', await downTheMiddle(page, '.chart canvas'), /分配名额/);
    expect(tip.text).toMatch(/^(<img src=x onerror=alert\(1\)>|<b>粗体<\/b>)\d+/);
    expect(await injected(page)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
