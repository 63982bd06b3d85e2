/**
 * @module Helpers shared by the browser tests on top of harness.ts: a signed-in page that records
 * console errors and uncaught exceptions from its first request, waiting until a page has settled
 * (no loading masks, charts drawn), full-length screenshots of the admin layout (whose main area
 * scrolls inside the viewport), and reading downloads.
 */
import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD } from '@junheng/server';
import type { BrowserContext, ConsoleMessage, Download, Locator, Page } from 'playwright-core';
import { DESKTOP, type E2E } from './harness.js';

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions since the page opened (expected ones left out). */
  errors: string[];
}

/**
 * Whether a console error is one the app causes on purpose: the login page asks the server who is
 * signed in (GET /api/auth/me) and gets 401 before anyone logged in; chromium logs every failed
 * request as a console error.
 */
function expected(msg: ConsoleMessage): boolean {
  const url = msg.location().url ?? '';
  return /status of 401/.test(msg.text()) && url.endsWith('/api/auth/me');
}

/** Records console errors and page errors of a page into `errors`. */
export function watch(page: Page, errors: string[] = []): string[] {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !expected(msg)) errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** A fresh context and page, watched from the start. */
export async function openWatched(e2e: E2E, viewport = DESKTOP): Promise<Watched> {
  const context = await e2e.context(viewport);
  const page = await context.newPage();
  return { page, context, errors: watch(page) };
}

/** Signs in through the login page (like harness.signIn), watching the page from its first request. */
export async function signInWatched(
  e2e: E2E,
  username: string,
  viewport = DESKTOP,
  password = DEMO_PASSWORD,
): Promise<Watched> {
  const w = await openWatched(e2e, viewport);
  await w.page.goto(`${e2e.url}/login`);
  await w.page.getByLabel('用户名').fill(username);
  await w.page.getByLabel('密码').fill(password);
  await w.page.getByRole('button', { name: '登录' }).click();
  await w.page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await settle(w.page);
  return w;
}

/**
 * Waits until the page has nothing loading: no request in flight, no Element Plus loading mask,
 * and charts past their entry animation (ECharts animates for about a second).
 */
export async function settle(page: Page, opts: { charts?: boolean } = {}): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.el-loading-mask')].every(
      (el) => el.offsetParent === null || getComputedStyle(el).display === 'none',
    ),
  );
  if (opts.charts) await chartsAtRest(page);
}

/**
 * Waits until no CSS animation or transition is running (a dialog fading in is half transparent:
 * its colours would be judged on the way). A cancelled animation's `finished` rejects: allSettled.
 */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await Promise.allSettled(document.getAnimations().map((a) => a.finished));
    return document.getAnimations().every((a) => a.playState !== 'running');
  });
}

/**
 * Waits until every chart has finished its entry animation: each canvas draws the same picture in
 * two samples a quarter second apart (a condition, not a fixed sleep: a slow machine waits longer).
 */
async function chartsAtRest(page: Page): Promise<void> {
  // A sample left by an earlier call on this page must not count as the first of two.
  await page.evaluate(() => delete (window as unknown as { __junhengCharts?: string }).__junhengCharts);
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __junhengCharts?: string };
      const now = [...document.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|');
      const same = w.__junhengCharts === now;
      w.__junhengCharts = now;
      return same;
    },
    undefined,
    { polling: 250 },
  );
}

/**
 * A screenshot of the whole page, also below the fold: the admin layout is 100vh with the main
 * area scrolling, so it is let grow for the screenshot and restored afterwards.
 */
export async function fullShot(e2e: E2E, page: Page, name: string): Promise<string> {
  // No hover highlight on whatever was clicked last.
  await page.mouse.move(0, 0);
  const style = await page.addStyleTag({
    content: '.layout{height:auto!important;min-height:100vh}.layout .main{overflow:visible!important}',
  });
  try {
    return await e2e.shot(page, name);
  } finally {
    await style.evaluate((el) => (el as HTMLStyleElement).remove());
  }
}

/** Clicks something that makes the browser download a file; returns the download and its bytes. */
export async function download(
  page: Page,
  click: () => Promise<void>,
): Promise<{ download: Download; name: string; bytes: Buffer; path: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  const failure = await dl.failure();
  if (failure) throw new Error(`下载失败：${failure}`);
  return { download: dl, name: dl.suggestedFilename(), bytes: await readFile(path), path };
}

/** GET of the API from inside the page (its cookie), as JSON. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<T>;
}

/** The text of the Element Plus message toasts shown now. */
export async function messages(page: Page): Promise<string[]> {
  return page.locator('.el-message').allInnerTexts();
}

/** Waits until (the first match of) a locator is visible; fails with what was looked for. */
export async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

/** How many matches of a locator are visible now. */
export async function countVisible(locator: Locator): Promise<number> {
  let n = 0;
  for (const l of await locator.all()) if (await l.isVisible()) n++;
  return n;
}

/** The text of (the first match of) a locator, whitespace collapsed. */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The form item of a report field, by its label (e.g. 在校生数 for “在校生数（人）”). */
export const fieldItem = (page: Page, label: string) =>
  page
    .locator('.el-form-item')
    .filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}（`) }) });

/** Clicks the confirm button of the Element Plus message box now open. */
export async function confirmBox(page: Page, title: string, button: string): Promise<void> {
  const box = page.locator('.el-message-box').filter({ hasText: title });
  await visible(box);
  await box.getByRole('button', { name: button, exact: true }).click();
  await box.waitFor({ state: 'hidden' });
}
