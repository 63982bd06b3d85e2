/**
 * From a blank installation to a published evaluation, in the browser, without the demo data:
 * the administrator signs in with the password printed at first start and opens the county
 * bureau's account (the county's name comes from the shipped national code list); the bureau
 * imports the county's first workbook (the schools are created); the administrator opens an
 * account for each school; each school submits its report; the bureau approves both, evaluates
 * and publishes; the public page shows the county.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CountyDataset, StageReport } from '@junheng/core';
import { writeDatasetWorkbook } from '@junheng/io';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import { apiGet, confirmBox, fullShot, settle, signInWatched, visible, type Watched } from './support.js';

const COUNTY = { code: '130681', name: '涿州市', province: '河北省', city: '保定市' };
const BUREAU = { username: 'zzjyj', password: 'Zhuozhou#Jyj2026' };
const SCHOOLS = [
  {
    id: '2113068101',
    name: '涿州市实验小学',
    type: 'primary',
    stage: 'primary',
    user: 'zzsx',
    password: 'Shiyan#Xx2026',
  },
  {
    id: '2113068102',
    name: '涿州市第一中学',
    type: 'junior',
    stage: 'junior',
    user: 'zzyz',
    password: 'Diyi#Zx2026zz',
  },
] as const;

function stageReport(stage: 'primary' | 'junior', students: number): StageReport {
  return {
    stage,
    students,
    classes: Math.ceil(students / 45),
    maxClassSize: 45,
    fullTimeTeachers: Math.round(students / 15),
    aboveDegreeTeachers: Math.round(students / 17),
    midTitleTeachers: Math.round(students / 40),
    backboneTeachers: Math.round(students / 100),
    peArtsTeachers: Math.round(students / 90),
    teachingSpace: students * 4.6,
    sportsSpace: students * 7.5,
    equipmentValue: students * 2600,
    multimediaRooms: Math.ceil(students / 45),
    computers: Math.round(students / 8),
    books: students * 32,
    musicRooms: 2,
    artRooms: 2,
  };
}

/** The workbook the bureau filled in offline from the template (written with the same writer). */
function firstWorkbook(year: number): Promise<Buffer> {
  const ds: CountyDataset = {
    county: COUNTY,
    year,
    schools: SCHOOLS.map((s, i) => ({
      id: s.id,
      name: s.name,
      type: s.type,
      regionCode: COUNTY.code,
      locality: 'urban',
      meetsProvincialStandard: true,
      stages: [stageReport(s.stage, 900 + 300 * i)],
    })),
  };
  return writeDatasetWorkbook(ds);
}

/** A form item of the dialog by its exact label. */
const item = (page: Page, dialog: Locator, label: string) =>
  dialog
    .locator('.el-form-item')
    .filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) });

/** Opens 新建用户 on 用户管理, fills it in and creates the account. */
async function createUser(
  page: Page,
  u: {
    username: string;
    displayName: string;
    role: string;
    password: string;
    region?: string;
    school?: string;
  },
): Promise<void> {
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.locator('.el-dialog').filter({ hasText: '新建用户' });
  await visible(dialog);
  await item(page, dialog, '用户名').locator('input').fill(u.username);
  await item(page, dialog, '姓名').locator('input').fill(u.displayName);
  await item(page, dialog, '角色').locator('.el-select').click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: u.role }).first().click();
  if (u.region) {
    await item(page, dialog, '行政区划').locator('input').fill(u.region);
  }
  if (u.school) {
    const picker = item(page, dialog, '所属学校');
    await picker.locator('.el-select').click();
    await picker.locator('input').fill(u.school);
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: u.school }).first().click();
  }
  await item(page, dialog, '初始密码').locator('input').fill(u.password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST'),
    dialog.getByRole('button', { name: '创建' }).click(),
  ]);
  expect(res.status(), await res.text()).toBe(200);
  await visible(page.locator('.el-message').filter({ hasText: `已创建用户 ${u.username}` }));
}

describe.skipIf(!browserAvailable())(
  'a blank county, from the first account to a published evaluation',
  () => {
    let e2e: E2E;
    let admin: Watched;
    let bureau: Watched;
    let year: number;
    let tmp: string;

    beforeAll(async () => {
      e2e = await startE2E({ demo: false });
      tmp = mkdtempSync(join(tmpdir(), 'junheng-e2e-blank-'));
    }, 120_000);
    afterAll(async () => {
      await e2e?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('prints a one-time administrator password, which opens the county bureau’s account', async () => {
      const password = e2e.printed.join('\n').match(/用户名 admin\s+密码 (\S+)/)?.[1];
      expect(password).toBeDefined();
      admin = await signInWatched(e2e, 'admin', undefined, password);
      year = (await apiGet<{ currentYear: number }>(admin.page, '/api/meta')).currentYear;
      await admin.page.goto(`${e2e.url}/users`);
      await settle(admin.page);
      await createUser(admin.page, {
        username: BUREAU.username,
        displayName: '涿州市教育局基教股',
        role: '教育局用户',
        region: COUNTY.code,
        password: BUREAU.password,
      });
      const users = await apiGet<{ items: { username: string; regionName: string | null }[] }>(
        admin.page,
        '/api/users',
      );
      expect(users.items.find((u) => u.username === BUREAU.username)?.regionName).toBe('涿州市');
      await fullShot(e2e, admin.page, 'blank-01-bureau-account');
      expect(admin.errors, admin.errors.join('\n')).toEqual([]);
    });

    it('lets the bureau import the county’s first workbook, creating its schools', async () => {
      bureau = await signInWatched(e2e, BUREAU.username, undefined, BUREAU.password);
      const { page } = bureau;
      await page.goto(`${e2e.url}/evaluations`);
      await settle(page);
      const file = join(tmp, '涿州市首次填报.xlsx');
      writeFileSync(file, await firstWorkbook(year));
      const card = page.locator('.el-card').filter({ hasText: '全县数据导入' });
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/imports/county')),
        card.locator('input[type="file"]').setInputFiles(file),
      ]);
      expect(res.status()).toBe(200);
      await visible(card.getByText('导入成功'));
      const schools = await apiGet<{ total: number; items: { name: string }[] }>(
        page,
        `/api/schools?year=${year}`,
      );
      expect(schools.items.map((s) => s.name).sort()).toEqual(SCHOOLS.map((s) => s.name).sort());
      await fullShot(e2e, page, 'blank-02-first-import');
    });

    it('lets the administrator open an account for each school', async () => {
      await admin.page.reload();
      await settle(admin.page);
      for (const s of SCHOOLS) {
        await createUser(admin.page, {
          username: s.user,
          displayName: `${s.name}填报员`,
          role: '学校用户',
          school: s.name,
          password: s.password,
        });
      }
      await fullShot(e2e, admin.page, 'blank-03-school-accounts');
      expect(admin.errors, admin.errors.join('\n')).toEqual([]);
    });

    it('lets each school submit its report', async () => {
      for (const s of SCHOOLS) {
        const school = await signInWatched(e2e, s.user, undefined, s.password);
        const { page } = school;
        await page.waitForURL(new RegExp(`/reports/${s.id}/${year}/${s.stage}$`));
        await settle(page);
        await page.getByRole('button', { name: '提交审核' }).click();
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(`/api/reports/${s.id}/${year}/${s.stage}/submit`)),
          confirmBox(page, '提交审核', '提交'),
        ]);
        expect(res.status(), await res.text()).toBe(200);
        await visible(page.getByText('已提交，等待县教育局审核'));
        if (s === SCHOOLS[0]) await fullShot(e2e, page, 'blank-04-school-submitted');
        expect(school.errors).toEqual([]);
        await school.context.close();
      }
    });

    it('lets the bureau approve both, evaluate and publish, and the public page shows the county', async () => {
      const { page } = bureau;
      for (const s of SCHOOLS) {
        await page.goto(`${e2e.url}/review/${s.id}/${year}/${s.stage}`);
        await settle(page);
        await page.getByRole('button', { name: '通过' }).click();
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(`/${s.stage}/approve`)),
          confirmBox(page, '审核通过', '通过'),
        ]);
        expect(res.status(), await res.text()).toBe(200);
      }
      await page.goto(`${e2e.url}/evaluations`);
      await settle(page);
      const runCard = page.locator('.el-card').filter({ hasText: '运行评估' }).first();
      await runCard.getByText('两者', { exact: true }).click();
      const [ran] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/evaluations') && r.request().method() === 'POST'),
        runCard.getByRole('button', { name: '运行评估' }).click(),
      ]);
      expect(ran.status()).toBe(200);
      const quality = ((await ran.json()) as { runs: { id: number; standard: string }[] }).runs.find(
        (r) => r.standard === 'quality',
      )!;
      await page.goto(`${e2e.url}/evaluations/${quality.id}`);
      await settle(page, { charts: true });
      await page.getByRole('button', { name: '发布' }).click();
      const [published] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/evaluations/${quality.id}/publish`)),
        confirmBox(page, '发布（公示）', '发布'),
      ]);
      expect(published.status(), await published.text()).toBe(200);
      await visible(page.getByText('已发布，公示页面可以查看'));
      await fullShot(e2e, page, 'blank-05-published');
      expect(bureau.errors).toEqual([]);

      const visitor = await e2e.context();
      const pub = await visitor.newPage();
      await pub.goto(`${e2e.url}/public`);
      await settle(pub, { charts: true });
      await visible(pub.getByText(`${COUNTY.name} `, { exact: false }).first());
      for (const s of SCHOOLS) await visible(pub.getByText(s.name).first());
      await fullShot(e2e, pub, 'blank-06-public');
      await visitor.close();
    });
  },
);
