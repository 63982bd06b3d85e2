/**
 * @module What every browser test needs: the real server (built web app, fresh embedded database
 * with the demo county, as `npm start` gives a user) on a free port, Debian's chromium driven by
 * playwright-core (never a downloaded browser), sign-in as a demo user, and screenshots kept in
 * test-artifacts/e2e/ for people to look at.
 *
 * Without /usr/bin/chromium the tests skip, unless JUNHENG_E2E=1 (CI) makes a missing browser a
 * failure. `node scripts/install-browser.sh` installs it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WEB_ROOT, DEMO_PASSWORD, type RunningServer, startServer } from '@junheng/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { copySeededTemplate } from './templates.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts', 'e2e');

/** Whether browser tests run here (CI insists; a developer without chromium skips). */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.JUNHENG_E2E === '1') {
    throw new Error(`找不到 ${CHROMIUM}：请先运行 sh scripts/install-browser.sh 安装 chromium 和中文字体`);
  }
  return false;
}

export interface E2E {
  server: RunningServer;
  browser: Browser;
  url: string;
  /** What the server printed at start (a blank installation prints its administrator's password). */
  printed: string[];
  /** A fresh browser context (own cookies) at a viewport. */
  context(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** A page signed in as a demo user, on the page the app opens after login. */
  signIn(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Saves a full-page screenshot as test-artifacts/e2e/<name>.png. */
  shot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Starts server and browser. The web app must be built (npm run build). */
export async function startE2E(opts: { schools?: number; demo?: boolean } = {}): Promise<E2E> {
  if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html'))) {
    throw new Error(`网页端尚未构建（${DEFAULT_WEB_ROOT} 下没有 index.html）：请先运行 npm run build`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'junheng-e2e-'));
  const printed: string[] = [];
  const demo = opts.demo ?? true;
  const schools = opts.schools ?? 30;
  // The request log would drown the test report (serve-log.test.ts covers it).
  const settings = { port: 0, demo, demoSchools: schools, logFormat: null } as const;
  if (demo) {
    // A copy of the run's seeded folder of this size; the server then finds the county there.
    await copySeededTemplate(dataDir, schools, async (dir) => {
      const seeding = await startServer({ ...settings, dataDir: dir, webRoot: null, print: () => {} });
      await seeding.close();
    });
  }
  const server = await startServer({ ...settings, dataDir, print: (line) => printed.push(line) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const url = server.url;
  const e2e: E2E = {
    server,
    browser,
    url,
    printed,
    async context(viewport = DESKTOP) {
      const ctx = await browser.newContext({
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      });
      ctx.setDefaultTimeout(15_000);
      return ctx;
    },
    async signIn(username, viewport = DESKTOP) {
      const ctx = await e2e.context(viewport);
      const page = await ctx.newPage();
      await page.goto(`${url}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      return page;
    },
    async shot(page, name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return e2e;
}
