/**
 * What a phone downloads to open the public page /public of the demo county (60 schools, as
 * `npm start` seeds it): the bytes on the wire of every response — compressed scripts and styles,
 * the data — stay under 500 kB, with brotli (what Chrome accepts over HTTPS and from localhost) and
 * with gzip alone (all Chrome offers over plain HTTP to a county server's address); every file and
 * the data come compressed, each is fetched once, and the charts still draw.
 */
import type { BrowserContext, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type E2E, PHONE, startE2E } from './harness.js';
import { settle, visible } from './support.js';

/** The budget of the public page on a phone. */
const BUDGET = 500_000;

interface Transfer {
  url: string;
  /** Headers and body as sent. */
  bytes: number;
  body: number;
  encoding: string | null;
}

/** Files smaller than this are not worth compressing (vite.config.ts precompress()). */
const SMALL = 1024;

/** Opens /public in a fresh context and returns what each response cost on the wire. */
async function loadPublic(e2e: E2E, context: BrowserContext): Promise<Transfer[]> {
  const page = await context.newPage();
  const finished: Promise<Transfer>[] = [];
  page.on('requestfinished', (req: Request) => {
    finished.push(
      (async () => {
        const [sizes, res] = await Promise.all([req.sizes(), req.response()]);
        return {
          url: req.url().replace(e2e.url, ''),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          body: sizes.responseBodySize,
          encoding: (await res?.headerValue('content-encoding')) ?? null,
        };
      })(),
    );
  });
  await page.goto(`${e2e.url}/public`);
  await visible(page.getByRole('heading', { name: /义务教育均衡发展评估结果/ }));
  await settle(page, { charts: true });
  // The charts are drawn: the budget is for the whole page, not a page without its charts.
  expect(await page.locator('.charts canvas').count()).toBeGreaterThan(0);
  return Promise.all(finished);
}

const total = (t: Transfer[]) => t.reduce((n, x) => n + x.bytes, 0);
const table = (t: Transfer[]) =>
  t
    .sort((a, b) => b.bytes - a.bytes)
    .map((x) => `${String(x.bytes).padStart(8)} ${x.encoding ?? '-'} ${x.url}`)
    .join('\n');

describe.skipIf(!browserAvailable())('bytes transferred for the public page', () => {
  let e2e: E2E;

  // Seeding the 60-school demo county takes a while on a busy machine.
  beforeAll(async () => {
    e2e = await startE2E({ schools: 60 });
  }, 300_000);
  afterAll(async () => e2e?.close());

  it(`stays under ${BUDGET / 1000} kB on a phone, with compressed scripts and styles`, async () => {
    const context = await e2e.context(PHONE);
    try {
      const transfers = await loadPublic(e2e, context);
      const assets = transfers.filter((t) => t.url.startsWith('/assets/'));
      expect(assets.length).toBeGreaterThan(5);
      expect(assets.filter((t) => t.encoding !== 'br' && t.body >= SMALL)).toEqual([]);
      // Nothing fetched twice (the page used to load its data twice).
      const urls = transfers.map((t) => t.url);
      expect(urls.filter((u, i) => urls.indexOf(u) !== i)).toEqual([]);
      expect(total(transfers), table(transfers)).toBeLessThan(BUDGET);
    } finally {
      await context.close();
    }
  });

  // Over plain HTTP to a county server's address (not localhost) Chrome offers only gzip, whose
  // files are about 15% larger than brotli's: the page keeps within the budget there too because
  // it loads only the Element Plus components it uses.
  it(`sends the same files gzip-compressed to a browser that accepts only gzip, under ${BUDGET / 1000} kB`, async () => {
    const context = await e2e.context(PHONE);
    await context.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' });
    try {
      const transfers = await loadPublic(e2e, context);
      const assets = transfers.filter((t) => t.url.startsWith('/assets/'));
      expect(assets.filter((t) => t.encoding !== 'gzip' && t.body >= SMALL)).toEqual([]);
      const data = transfers.filter((t) => t.url.startsWith('/api/public/results/'));
      expect(data.map((t) => t.encoding)).toEqual(['gzip']);
      expect(total(transfers), table(transfers)).toBeLessThan(BUDGET);
    } finally {
      await context.close();
    }
  });
});
