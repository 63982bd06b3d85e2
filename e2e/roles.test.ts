/**
 * Each role in the browser: the left menu holds exactly the pages the role may use (the server's
 * user.menu through the web app's menu table), every page of the menu opens without a console
 * error, home pages are screenshotted; a school user cannot read another school by its address;
 * logging out returns to the login page; a wrong password shows the server's message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../packages/web/src/api/auth.js';
import { MENU, menuFor, menuTitle } from '../packages/web/src/shared/menu.js';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import {
  apiGet,
  countVisible,
  fullShot,
  openWatched,
  settle,
  signInWatched,
  text,
  visible,
  type Watched,
  watch,
} from './support.js';

/** The menu each demo account must see (the separation of duties, written out). */
const ROLES: { username: string; menu: string[]; home: RegExp }[] = [
  {
    username: 'admin',
    menu: [
      '首页',
      '学校列表',
      '县级指标',
      '督导评估',
      '一校一策',
      '划片',
      '电脑派位',
      '均衡分班',
      '指标到校',
      '用户管理',
      '审计日志',
      '公示',
    ],
    home: /^\/$/,
  },
  {
    username: 'jiaoyuju',
    menu: [
      '首页',
      '学校列表',
      '审核',
      '县级指标',
      '督导评估',
      '一校一策',
      '划片',
      '招生申请',
      '电脑派位',
      '均衡分班',
      '指标到校',
      '公示',
    ],
    home: /^\/$/,
  },
  {
    username: 'duxue',
    menu: [
      '首页',
      '学校列表',
      '县级指标',
      '督导评估',
      '一校一策',
      '划片',
      '电脑派位',
      '均衡分班',
      '指标到校',
      '公示',
    ],
    home: /^\/$/,
  },
  {
    username: 'xiaozhang',
    menu: ['本校情况', '数据填报', '一校一策', '招生申请', '电脑派位', '均衡分班', '公示'],
    home: /^\/reports\/\d{10}\/\d{4}\/primary$/,
  },
  {
    username: 'tianbao',
    menu: ['本校情况', '数据填报', '一校一策', '招生申请', '电脑派位', '均衡分班', '公示'],
    home: /^\/reports\/\d{10}\/\d{4}\/primary$/,
  },
  {
    username: 'shiju',
    menu: [
      '首页',
      '学校列表',
      '县级指标',
      '督导评估',
      '一校一策',
      '划片',
      '电脑派位',
      '均衡分班',
      '指标到校',
      '公示',
    ],
    home: /^\/$/,
  },
];

describe.skipIf(!browserAvailable())('roles in the browser', () => {
  let e2e: E2E;
  /** Signed-in pages kept for the later tests (the login route allows 10 logins a minute). */
  const pages = new Map<string, Watched>();

  /** The signed-in page of a user (kept from the menu test, or signed in now when run alone). */
  async function session(username: string): Promise<Watched> {
    if (!pages.has(username)) pages.set(username, await signInWatched(e2e, username));
    return pages.get(username)!;
  }

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it.each(ROLES)('$username sees exactly their menu, and each page opens cleanly', async (role) => {
    const w = await signInWatched(e2e, role.username);
    pages.set(role.username, w);
    const { page } = w;
    expect(new URL(page.url()).pathname).toMatch(role.home);
    const { user } = await apiGet<{ user: SessionUser }>(page, '/api/auth/me');
    const expected = menuFor(user).map((m) => menuTitle(m, user.role));
    const items = page.locator('.aside .el-menu-item');
    await expect.poll(() => items.allInnerTexts()).toEqual(expected);
    expect(expected).toEqual(role.menu);
    await settle(page, { charts: true });
    await fullShot(e2e, page, `roles-${role.username}-home`);

    for (const entry of menuFor(user)) {
      const title = menuTitle(entry, user.role);
      const item = items.filter({ hasText: title });
      if (entry.external) {
        // 公示 opens in a new tab, outside the admin layout and without a session check.
        const [popup] = await Promise.all([page.context().waitForEvent('page'), item.click()]);
        const popupErrors = watch(popup);
        await popup.waitForURL(/\/public/);
        await settle(popup);
        await visible(popup.getByText('义务教育均衡发展 · 结果公示'));
        expect(popupErrors, `${role.username} 公示`).toEqual([]);
        await popup.close();
        continue;
      }
      await item.click();
      await page.waitForURL((u) =>
        entry.key === 'fill'
          ? u.pathname.startsWith('/reports/')
          : entry.key === 'schools' && user.schoolId
            ? u.pathname === `/schools/${user.schoolId}`
            : u.pathname === entry.path,
      );
      await settle(page);
      expect(await items.filter({ hasText: title }).getAttribute('class')).toMatch(/is-active/);
      // No page of one's own menu says it cannot load or is not allowed.
      // (the demo school's report was returned: that red notice is content, not a failure)
      const alerts = page.locator('.main .el-alert--error').filter({ hasNotText: '报表被退回' });
      expect(await countVisible(alerts), `${role.username} ${title}: ${await alerts.allInnerTexts()}`).toBe(
        0,
      );
      expect(await countVisible(page.getByText('您没有使用该功能的权限'))).toBe(0);
      expect(w.errors, `${role.username} ${title}`).toEqual([]);
    }
    // Pages outside the menu send the user home with a message instead of opening.
    // (the dashboard is '/', where a school user just lands on their own report)
    const forbidden = MENU.filter(
      (m) => !m.external && m.key !== 'dashboard' && !menuFor(user).some((e) => e.key === m.key),
    );
    expect(forbidden.length).toBeGreaterThan(0);
    for (const entry of forbidden.slice(0, 2)) {
      await page.goto(`${e2e.url}${entry.path}`);
      await visible(page.getByText('您没有使用该功能的权限'));
      await page.waitForURL((u) => role.home.test(u.pathname));
    }
    expect(w.errors).toEqual([]);
  });

  it('offers the county bureau its county actions, and the read-only city account none of them', async () => {
    const buttons = async (page: Watched['page'], path: string) => {
      await page.goto(`${e2e.url}${path}`);
      await settle(page);
      return (await page.locator('.main button:visible').allInnerTexts()).map((t) => t.trim());
    };
    const county = (await session('jiaoyuju')).page;
    const city = (await session('shiju')).page;
    expect(await buttons(county, '/evaluations')).toEqual(
      expect.arrayContaining(['运行评估', '下载全县填报模板', '选择文件并导入']),
    );
    expect(await buttons(county, '/county-inputs')).toContain('保存');
    const cityEvaluations = await buttons(city, '/evaluations');
    for (const b of ['运行评估', '下载全县填报模板', '选择文件并导入'])
      expect(cityEvaluations).not.toContain(b);
    await fullShot(e2e, city, 'roles-shiju-evaluations');
    expect(await buttons(city, '/county-inputs')).not.toContain('保存');
    expect(await city.locator('.main .el-table input:not([disabled])').count()).toBe(0);
    // A run of the county opens for reading and downloading, with no 发布.
    const runs = await apiGet<{ items: { id: number; publishedAt: string | null }[] }>(
      city,
      '/api/evaluations',
    );
    const unpublished = runs.items.find((r) => !r.publishedAt)!;
    const onRun = await buttons(city, `/evaluations/${unpublished.id}`);
    expect(onRun).toEqual(expect.arrayContaining(['下载 Excel', '下载 Word']));
    expect(onRun).not.toContain('发布');
    expect(await buttons(county, `/evaluations/${unpublished.id}`)).toContain('发布');
    expect((await session('shiju')).errors).toEqual([]);
  });

  it('shows a school user another school as not found, without its data', async () => {
    const { page, errors } = await session('tianbao');
    const { user } = await apiGet<{ user: SessionUser }>(page, '/api/auth/me');
    const other = await e2e.server.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM school WHERE id <> $1 ORDER BY id LIMIT 1',
      [user.schoolId],
    );
    const { id, name } = other.rows[0]!;
    const { currentYear: year } = await apiGet<{ currentYear: number }>(page, '/api/meta');

    await page.goto(`${e2e.url}/schools/${id}`);
    await settle(page);
    expect(await text(await visible(page.locator('.main .el-alert--error')))).toMatch(/不存在|无权/);
    expect(await page.getByText(name).count()).toBe(0);
    await fullShot(e2e, page, 'roles-tianbao-other-school');

    await page.goto(`${e2e.url}/reports/${id}/${year}/primary`);
    await settle(page);
    expect(await text(await visible(page.locator('.main .el-alert--error')))).toMatch(/不存在|无权/);
    expect(await page.getByText(name).count()).toBe(0);
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    expect(await page.locator('input[id^="field-"]').count()).toBe(0);

    await page.goto(`${e2e.url}/plans/${id}`);
    await settle(page);
    expect(await page.getByText(name).count()).toBe(0);
    // The 404s are the browser logging refused requests, nothing thrown by the app.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });

  it('logs out to the login page, and the session is gone', async () => {
    const { page } = await session('xiaozhang');
    await page.locator('.header .user').click();
    await page.getByRole('menuitem', { name: '退出' }).click();
    await page.waitForURL(/\/login/);
    await visible(page.getByText('已退出登录'));
    await visible(page.getByRole('button', { name: '登录' }));
    await fullShot(e2e, page, 'roles-logged-out');
    await page.goto(`${e2e.url}/fill`);
    await page.waitForURL(/\/login\?redirect=/);
    const status = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(status).toBe(401);
  });

  it('shows the server’s Chinese message for a wrong password', async () => {
    const { page, context } = await openWatched(e2e);
    await page.goto(`${e2e.url}/login`);
    await page.getByLabel('用户名').fill('jiaoyuju');
    await page.getByLabel('密码').fill('wrong-password-1');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      page.getByRole('button', { name: '登录' }).click(),
    ]);
    expect(res.status()).toBe(401);
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    await visible(page.getByRole('alert').filter({ hasText: body.message }));
    expect(await page.getByLabel('密码').inputValue()).toBe('');
    expect(new URL(page.url()).pathname).toBe('/login');
    await fullShot(e2e, page, 'roles-wrong-password');
    await context.close();
  });
});
