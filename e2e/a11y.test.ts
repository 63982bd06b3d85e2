/**
 * Accessibility in the browser (issue 10 #28): axe-core (the npm package, pinned) checks every page
 * at WCAG 2 A/AA — the login page, the public pages, and every page of the menu of each role with
 * its detail pages, and the dialogs and confirmation boxes opened on them — and each page has
 * exactly one h1 naming it. The left menu is used with the keyboard alone: Tab reaches its entries
 * and Enter opens one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../packages/web/src/api/auth.js';
import { menuFor, menuTitle } from '../packages/web/src/shared/menu.js';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import {
  animationsDone,
  apiGet,
  fullShot,
  openWatched,
  settle,
  signInWatched,
  visible,
  type Watched,
} from './support.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets checked: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Findings that are Element Plus's own markup and cannot be fixed from the app, with the reason.
 * Each is a rule and a CSS selector of the elements it is accepted on; anything else fails.
 */
const EXCEPTIONS: { rule: string; selector: string; why: string }[] = [
  {
    rule: 'label',
    selector: '.el-pagination__sizes .el-select__input',
    why: 'the page-size select inside el-pagination takes no label from the app (Element Plus passes none to it); its value (“20条/页”) says what it is',
  },
  {
    rule: 'aria-allowed-attr',
    selector: '.el-table__header label.el-checkbox[aria-checked="mixed"]',
    why: 'el-table’s “select all” box, when some rows are ticked, puts aria-checked="mixed" on its <label> (Element Plus markup); the checkbox input inside carries the state that assistive technology reads',
  },
];

interface Finding {
  rule: string;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** axe's WCAG A/AA violations on the page as it is now, less the documented exceptions. */
async function violations(page: Page): Promise<Finding[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  // Through the debugging protocol, not a <script>: the app's CSP allows no inline script.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(
    async ([tags, exceptions]) => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected, untyped here
      const axe = (window as any).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return (
        result.violations as {
          id: string;
          help: string;
          nodes: { target: string[]; html: string; failureSummary: string }[];
        }[]
      )
        .map((v) => ({
          rule: v.id,
          help: v.help,
          nodes: v.nodes
            .filter((n) => {
              const el = document.querySelector(n.target.join(' '));
              return !exceptions.some((e) => e.rule === v.id && el?.matches(e.selector));
            })
            .map((n) => ({
              target: n.target.join(' '),
              html: n.html.slice(0, 200),
              summary: n.failureSummary,
            })),
        }))
        .filter((v) => v.nodes.length > 0);
    },
    [WCAG_TAGS, EXCEPTIONS] as const,
  );
  return found;
}

/** What a failure prints: rule, help, and where. */
const describeFindings = (where: string, f: Finding[]) =>
  f
    .map(
      (v) =>
        `${where} ${v.rule}（${v.help}）:\n${v.nodes.map((n) => `  ${n.target} ${n.html}\n    ${n.summary}`).join('\n')}`,
    )
    .join('\n');

/** The page's h1 elements' text. */
const headingsOne = (page: Page) => page.locator('h1:visible').allInnerTexts();

describe.skipIf(!browserAvailable())('accessibility', () => {
  let e2e: E2E;
  const problems: string[] = [];

  beforeAll(async () => {
    e2e = await startE2E({ schools: 20 });
  }, 120_000);
  afterAll(async () => e2e?.close());

  async function check(page: Page, where: string): Promise<void> {
    await settle(page);
    // Colours are judged at rest: a tag or button still changing colour (its type switched when the
    // page's data arrived) is measured half-way otherwise.
    await animationsDone(page);
    const f = await violations(page);
    if (f.length > 0) problems.push(describeFindings(where, f));
    const h1 = await headingsOne(page);
    if (h1.length !== 1) problems.push(`${where}: ${h1.length} 个 h1（${h1.join('、')}）`);
  }

  it('the login page and the public pages', async () => {
    const { page, context } = await openWatched(e2e);
    for (const path of ['/login', '/public', '/public/zoning']) {
      await page.goto(`${e2e.url}${path}`);
      await check(page, path);
    }
    await context.close();
    expect(problems.join('\n')).toBe('');
  }, 300_000);

  /** Pages that open from a list (a school, a run, a report, a plan, a draw), by the ids the API gives. */
  async function detailPages(page: Page): Promise<string[]> {
    const { currentYear } = await apiGet<{ currentYear: number }>(page, '/api/meta');
    const schools = await apiGet<{ items: { id: string }[] }>(
      page,
      `/api/schools?year=${currentYear}&pageSize=1`,
    );
    const school = schools.items[0]!.id;
    const runs = await apiGet<{ items: { id: number }[] }>(page, '/api/evaluations');
    const reports = await apiGet<{ items: { schoolId: string; year: number; stage: string }[] }>(
      page,
      `/api/reports?year=${currentYear}&status=submitted&pageSize=1`,
    );
    const draws = await apiGet<{ items: { id: number }[] }>(page, '/api/lottery/draws');
    const r = reports.items[0];
    return [
      `/schools/${school}`,
      `/plans/${school}`,
      ...(runs.items[0] ? [`/evaluations/${runs.items[0].id}`] : []),
      ...(r ? [`/review/${r.schoolId}/${r.year}/${r.stage}`] : []),
      ...(draws.items[0]
        ? [`/admission/lottery/${draws.items[0].id}`, `/public/lottery/${draws.items[0].id}`]
        : []),
      '/no-such-page',
    ];
  }

  it.each(['jiaoyuju', 'admin', 'xiaozhang'])(
    'every page of %s',
    async (username) => {
      problems.length = 0;
      const w: Watched = await signInWatched(e2e, username);
      const { page } = w;
      const { user } = await apiGet<{ user: SessionUser }>(page, '/api/auth/me');
      for (const entry of menuFor(user)) {
        if (entry.external) continue;
        await page.goto(`${e2e.url}${entry.path}`);
        await check(page, `${username} ${menuTitle(entry, user.role)}`);
      }
      if (username === 'jiaoyuju') {
        for (const path of await detailPages(page)) {
          await page.goto(`${e2e.url}${path}`);
          await check(page, `${username} ${path}`);
        }
      }
      await w.context.close();
      expect(problems.join('\n')).toBe('');
    },
    600_000,
  );

  /** A dialog or message box opened on a page, as a user opens it: where, and how. */
  type Opener = [
    who: string,
    path: string | ((page: Page) => Promise<string>),
    open: (page: Page) => Promise<unknown>,
  ];
  const DIALOGS: Opener[] = [
    [
      'jiaoyuju 审核：批量通过的确认',
      '/review',
      async (page) => {
        await page.locator('.el-table__body tr').first().locator('.el-checkbox').first().click();
        await page.getByRole('button', { name: '批量通过' }).click();
      },
    ],
    [
      'jiaoyuju 审核报表：通过的确认框',
      async (page) => (await detailPages(page)).find((p) => p.startsWith('/review/'))!,
      (page) => page.getByRole('button', { name: '通过', exact: true }).click(),
    ],
    [
      'jiaoyuju 学校详情：登记信息与办学状态',
      async (page) => (await detailPages(page)).find((p) => p.startsWith('/schools/'))!,
      (page) => page.getByRole('button', { name: '登记信息与办学状态' }).click(),
    ],
    [
      'jiaoyuju 招生申请：新建招生轮次',
      '/admission/applicants',
      (page) => page.getByTestId('new-round').click(),
    ],
    [
      'jiaoyuju 电脑派位：上传名单新建派位',
      '/admission/lottery',
      (page) => page.getByRole('button', { name: '上传名单新建派位' }).click(),
    ],
    ['admin 用户管理：新建用户', '/users', (page) => page.getByRole('button', { name: '新建用户' }).click()],
  ];

  it('the dialogs and confirmation boxes', async () => {
    problems.length = 0;
    const sessions = new Map<string, Watched>();
    for (const [where, path, open] of DIALOGS) {
      const username = where.split(' ')[0]!;
      if (!sessions.has(username)) sessions.set(username, await signInWatched(e2e, username));
      const { page } = sessions.get(username)!;
      await page.goto(`${e2e.url}${typeof path === 'string' ? path : await path(page)}`);
      await settle(page);
      await open(page);
      await visible(page.locator('.el-dialog:visible, .el-message-box:visible'));
      await animationsDone(page);
      await check(page, where);
      await fullShot(
        e2e,
        page,
        `a11y-dialog-${[...sessions.keys()].length}-${DIALOGS.findIndex((d) => d[0] === where)}`,
      );
    }
    for (const w of sessions.values()) await w.context.close();
    expect(problems.join('\n')).toBe('');
  }, 600_000);

  it('the narrow layout (menu folded to icons) passes too', async () => {
    problems.length = 0;
    const w = await signInWatched(e2e, 'jiaoyuju', { width: 1024, height: 768 });
    await check(w.page, 'jiaoyuju 首页（窄屏）');
    await w.context.close();
    expect(problems.join('\n')).toBe('');
  }, 300_000);

  /** The focused element: its text or label, and whether it is in the left menu. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        name: el?.getAttribute('aria-label') || (el?.textContent ?? '').trim(),
        inMenu: Boolean(el?.closest('.aside')),
      };
    });

  /** Presses Tab until the focus is on the menu entry `name` (at most 60 times); true when it got there. */
  async function tabTo(page: Page, name: string): Promise<boolean> {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.inMenu && f.name === name) return true;
    }
    return false;
  }

  it.each([
    ['wide', { width: 1366, height: 768 }],
    ['narrow', { width: 1024, height: 768 }],
  ] as const)(
    'opens pages from the left menu with the keyboard alone (%s)',
    async (_, viewport) => {
      const { page, context, errors } = await signInWatched(e2e, 'jiaoyuju', viewport);
      await page.goto(`${e2e.url}/`);
      await settle(page);
      expect(await tabTo(page, '学校列表')).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/schools');
      await settle(page);
      expect(await page.locator('h1:visible').allInnerTexts()).toEqual(['学校列表']);
      // On, through the 招生 entries (a sub-menu when wide), to 划片.
      expect(await tabTo(page, '划片')).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/admission/zoning');
      await settle(page);
      expect(await page.locator('h1:visible').allInnerTexts()).toEqual(['划片']);
      await fullShot(e2e, page, `a11y-keyboard-${_}`);
      expect(errors).toEqual([]);
      await context.close();
    },
    300_000,
  );
});
