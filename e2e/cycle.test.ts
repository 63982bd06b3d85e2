/**
 * The annual cycle in a real browser, as the people do it: the school's Excel upload refused with
 * row, column and value and nothing written; the school corrects the field the bureau commented
 * on, saves and submits; the bureau returns it with a comment on another field; the school fixes
 * and resubmits; the bureau approves and compares two versions; the bureau imports the county
 * workbook it downloaded through the page, approving on import (导入即审核通过); runs the
 * evaluation (progress, then the runs); publishes the quality run; downloads the Word report; the
 * public page shows the published verdict without login and its CSV downloads.
 *
 * The tests run in order and build on each other (one server, one school and one bureau session).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusName, yearLabel } from '../packages/web/src/shared/format.js';
import { browserAvailable, type E2E, startE2E } from './harness.js';
import {
  apiGet,
  confirmBox,
  countVisible,
  download,
  fieldItem,
  fullShot,
  openWatched,
  settle,
  signInWatched,
  text,
  visible,
  type Watched,
} from './support.js';

const SCHOOL = '清源县实验小学';

interface Report {
  status: string;
  version: number;
  data: Record<string, number | null>;
  reviewComments: Record<string, string> | null;
}

interface Run {
  id: number;
  standard: string;
  verdict: 'met' | 'unmet' | 'incomplete';
}

/** Picks an option of an Element Plus select (by the select's aria-label and the option's text). */
async function pick(page: Page, selectLabel: string, option: string | RegExp): Promise<void> {
  await page.locator(`.el-select:has(input[aria-label="${selectLabel}"])`).click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: option }).first().click();
  await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' });
}

/** Fills an Element Plus number input and leaves it, so the value is committed. */
async function fillNumber(page: Page, key: string, value: number): Promise<void> {
  const input = page.locator(`#field-${key}`);
  await input.fill(String(value));
  await input.press('Tab');
}

describe.skipIf(!browserAvailable())('the annual cycle in the browser', () => {
  let e2e: E2E;
  let school: Watched;
  let bureau: Watched;
  let schoolId: string;
  let year: number;
  let reportUrl: string;
  let reviewUrl: string;
  let api: string;
  /** The version the school started from (returned by the bureau in the demo data). */
  let firstVersion: number;
  let runs: Run[];
  const tmp = mkdtempSync(join(tmpdir(), 'junheng-e2e-cycle-'));

  beforeAll(async () => {
    e2e = await startE2E();
    school = await signInWatched(e2e, 'tianbao');
    bureau = await signInWatched(e2e, 'jiaoyuju');
    const parts = new URL(school.page.url()).pathname.split('/');
    schoolId = parts[2]!;
    year = Number(parts[3]);
    reportUrl = `${e2e.url}/reports/${schoolId}/${year}/primary`;
    reviewUrl = `${e2e.url}/review/${schoolId}/${year}/primary`;
    api = `/api/reports/${schoolId}/${year}/primary`;
  });
  afterAll(async () => {
    await e2e?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses a school workbook with a bad value, listing row, column and value, and changes nothing', async () => {
    const { page } = school;
    await settle(page);
    const before = await apiGet<Report>(page, api);
    expect(before.status).toBe('returned');
    firstVersion = before.version;
    const shownBefore = await page.locator('#field-students').inputValue();

    const template = await download(page, () =>
      page.getByRole('button', { name: '下载本校填报模板' }).click(),
    );
    expect(template.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('学校基本情况')!;
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const idCol = header.indexOf('学校标识码');
    const studentsCol = header.indexOf('在校生数（人）');
    expect(idCol).toBeGreaterThan(0);
    expect(studentsCol).toBeGreaterThan(0);
    let rowNo = 0;
    sheet.eachRow((row, n) => {
      if (String(row.getCell(idCol).value) === schoolId && rowNo === 0) rowNo = n;
    });
    expect(rowNo).toBeGreaterThan(1);
    sheet.getRow(rowNo).getCell(studentsCol).value = -5;
    const bad = join(tmp, '实验小学-错误.xlsx');
    writeFileSync(bad, Buffer.from(await wb.xlsx.writeBuffer()));

    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/imports/school/${schoolId}`)),
      page.locator('input[type="file"]').setInputFiles(bad),
    ]);
    expect(res.status()).toBe(422);
    const table = await visible(page.locator('.import-errors'));
    const heads = await table.locator('thead th').allInnerTexts();
    expect(heads.map((h) => h.trim())).toEqual(expect.arrayContaining(['行', '列', '值', '问题']));
    const cells = (await table.locator('tbody tr').first().locator('td').allInnerTexts()).map((c) =>
      c.trim(),
    );
    const at = (name: string) => cells[heads.findIndex((h) => h.trim() === name)];
    expect(at('文件')).toBe('实验小学-错误.xlsx');
    expect(at('工作表')).toBe('学校基本情况');
    expect(at('行')).toBe(String(rowNo));
    expect(at('列')).toBe('在校生数（人）');
    expect(at('值')).toBe('-5');
    expect(at('问题')).toMatch(/负数/);
    expect(await text(page.locator('.import-upload .el-alert--error'))).toMatch(/未导入任何数据/);
    await fullShot(e2e, page, 'cycle-01-school-import-errors');

    // Nothing was written: same version, same figure, on the server and in the form.
    const after = await apiGet<Report>(page, api);
    expect(after.version).toBe(before.version);
    expect(after.data).toEqual(before.data);
    expect(await page.locator('#field-students').inputValue()).toBe(shownBefore);
    expect(school.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });

  it('lets the school see the comment under 在校生数, correct it, save a draft and submit', async () => {
    const { page } = school;
    await page.goto(`${e2e.url}/fill`);
    await page.waitForURL(reportUrl);
    await settle(page);
    const before = await apiGet<Report>(page, api);
    const comment = before.reviewComments?.students;
    expect(comment).toBeTruthy();
    const students = fieldItem(page, '在校生数');
    expect(await text(students.locator('.reviewer'))).toBe(`审核意见：${comment}`);
    await visible(page.getByText('报表被退回，有 1 条审核意见'));
    await fullShot(e2e, page, 'cycle-02-school-sees-comment');

    const corrected = (before.data.students ?? 0) + 13;
    await fillNumber(page, 'students', corrected);
    await visible(page.getByText('1 项未保存'));
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(api) && r.request().method() === 'PUT'),
      page.getByRole('button', { name: '保存草稿' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await visible(page.getByText('草稿已保存'));
    const draft = await apiGet<Report>(page, api);
    expect(draft.version).toBe(before.version + 1);
    expect(draft.data.students).toBe(corrected);

    await page.getByRole('button', { name: '提交审核' }).click();
    const [submitted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${api}/submit`)),
      confirmBox(page, '提交审核', '提交'),
    ]);
    expect(submitted.status()).toBe(200);
    await visible(page.getByText('已提交审核'));
    await visible(page.getByText('已提交，等待县教育局审核'));
    expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
    await fullShot(e2e, page, 'cycle-03-school-submitted');
    expect(school.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });

  it('lets the bureau find the school in 审核, comment on one field and return it', async () => {
    const { page } = bureau;
    await page.locator('.aside .el-menu-item').filter({ hasText: '审核' }).click();
    await page.waitForURL(/\/review/);
    await settle(page);
    await page.getByPlaceholder('学校名称').fill('实验小学');
    await page.waitForURL(/[?&]q=/);
    const row = page.locator('.el-table__body tr').filter({ hasText: SCHOOL });
    await visible(row);
    expect(await text(row)).toMatch(/已提交/);
    await fullShot(e2e, page, 'cycle-04-bureau-queue');

    // A search still on its way when the report is opened must not pull the user back to the list
    // (the list used to write its filters into the address when the answer came, cancelling the
    // navigation). The next list answer is held until the report page is open; the row is clicked
    // as a user does while the search box waits to search (the table is masked once it asks).
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const isList = (u: URL) => u.pathname === '/api/reports';
    await page.route(isList, async (route) => {
      await held;
      await route.continue();
    });
    try {
      const searching = page.waitForRequest(
        (r) => isList(new URL(r.url())) && r.url().includes('stage=primary'),
      );
      await pick(page, '学段', '小学');
      await searching;
      await row.getByRole('button', { name: '审核' }).dispatchEvent('click');
      await page.waitForURL(reviewUrl);
      const answered = page.waitForResponse((r) => isList(new URL(r.url())));
      release();
      await answered;
    } finally {
      release();
      await page.unroute(isList);
    }
    await settle(page);
    expect(page.url()).toBe(reviewUrl);
    await settle(page);
    await visible(page.getByText(`审核：${SCHOOL}`));

    // 退回 without a comment is refused in the page.
    await page.getByRole('button', { name: '退回' }).click();
    await visible(page.getByText('退回需要至少一条修改意见'));

    await fieldItem(page, '图书册数')
      .getByPlaceholder('修改意见')
      .fill('图书册数与图书馆账册不一致，请按账册填写');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${api}/return`)),
      page.getByRole('button', { name: '退回' }).click(),
    ]);
    expect(res.status()).toBe(200);
    await visible(page.getByText('已退回'));
    await visible(fieldItem(page, '图书册数').locator('.reviewer'));
    const r = await apiGet<Report>(page, api);
    expect(r.status).toBe('returned');
    expect(r.reviewComments).toEqual({ books: '图书册数与图书馆账册不一致，请按账册填写' });
    await fullShot(e2e, page, 'cycle-05-bureau-returned');
    expect(bureau.errors).toEqual([]);
  });

  it('lets the school read the new comment, fix the field and resubmit', async () => {
    const { page } = school;
    await page.reload();
    await settle(page);
    const books = fieldItem(page, '图书册数');
    expect(await text(books.locator('.reviewer'))).toBe('审核意见：图书册数与图书馆账册不一致，请按账册填写');
    // The first comment was dealt with: only the new one is shown.
    expect(await fieldItem(page, '在校生数').locator('.reviewer').count()).toBe(0);
    const before = await apiGet<Report>(page, api);
    await fillNumber(page, 'books', (before.data.books ?? 0) + 500);
    await fullShot(e2e, page, 'cycle-06-school-fixes');
    await page.getByRole('button', { name: '提交审核' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${api}/submit`)),
      confirmBox(page, '提交审核', '提交'),
    ]);
    expect(res.status()).toBe(200);
    await visible(page.getByText('已提交，等待县教育局审核'));
    const after = await apiGet<Report>(page, api);
    expect(after).toMatchObject({ status: 'submitted', data: { books: (before.data.books ?? 0) + 500 } });
    expect(school.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });

  it('lets the bureau approve and compare two versions', async () => {
    const { page } = bureau;
    await page.reload();
    await settle(page);
    await page.getByRole('button', { name: '通过' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${api}/approve`)),
      confirmBox(page, '审核通过', '通过'),
    ]);
    expect(res.status()).toBe(200);
    await visible(page.getByText('已审核通过'));
    expect((await apiGet<Report>(page, api)).status).toBe('approved');

    await page.getByRole('tab', { name: '版本比较' }).click();
    await pick(page, '较早版本', new RegExp(`^第 ${firstVersion} 版`));
    await page.getByRole('button', { name: '比较' }).click();
    const diff = page.locator('.diff .el-table__body tr');
    await visible(diff);
    const rows = await diff.allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toMatch(/在校生数/);
    expect(rows.join('\n')).toMatch(/图书册数/);
    await fullShot(e2e, page, 'cycle-07-bureau-diff');
    expect(bureau.errors).toEqual([]);
  });

  it('imports the county workbook downloaded through the page, approving every report on import', async () => {
    const { page } = bureau;
    await page.locator('.aside .el-menu-item').filter({ hasText: '督导评估' }).click();
    await page.waitForURL(/\/evaluations$/);
    await settle(page);
    const card = page.locator('.el-card').filter({ hasText: '全县数据导入' });
    const template = await download(page, () =>
      card.getByRole('button', { name: '下载全县填报模板' }).click(),
    );
    expect(template.name).toMatch(/\.xlsx$/);
    expect(template.bytes.subarray(0, 2).toString()).toBe('PK');
    const file = join(tmp, template.name);
    await template.download.saveAs(file);

    await card.getByText('导入后直接审核通过（已收齐各校数据时）').click();
    expect(
      await card.getByRole('checkbox', { name: '导入后直接审核通过（已收齐各校数据时）' }).isChecked(),
    ).toBe(true);
    await visible(card.getByText('导入的学校报表将直接审核通过'));
    // 导入即审核 asks first (issue 10 #23): a trial import lists every report it will approve.
    const isImport = (u: string, dry: boolean) =>
      u.includes('/api/imports/county') && u.includes('dryRun=true') === dry;
    const [trial] = await Promise.all([
      page.waitForRequest((r) => isImport(r.url(), true)),
      card.locator('input[type="file"]').setInputFiles(file),
    ]);
    expect((await trial.response())?.status()).toBe(200);
    const { rows } = await e2e.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM school_report WHERE year = $1',
      [year],
    );
    const box = page.locator('.el-message-box').filter({ hasText: '确认导入即审核' });
    await visible(box);
    // Every report of the year is in the workbook, so every one is listed, as “… → 审核通过”.
    const listed = await box.locator('.approve-list li').allInnerTexts();
    expect(listed).toHaveLength(rows[0]!.n);
    expect(listed.every((l) => l.endsWith('→ 审核通过'))).toBe(true);
    expect(listed.some((l) => l.startsWith(`${SCHOOL}（小学）`))).toBe(true);
    await fullShot(e2e, page, 'cycle-08a-approve-on-import-confirm');
    const [request] = await Promise.all([
      page.waitForRequest((r) => isImport(r.url(), false)),
      box.getByRole('button', { name: `导入并审核通过（${rows[0]!.n} 份）` }).click(),
    ]);
    const url = new URL(request.url());
    expect(url.searchParams.get('year')).toBe(String(year));
    expect(url.searchParams.get('approve')).toBe('true');
    expect((await request.response())?.status()).toBe(200);
    // Every report of the year was in the workbook, so every one is approved now.
    const body = { approved: rows[0]!.n };
    await visible(
      page.locator('.el-message').filter({ hasText: `导入成功，${body.approved} 份报表已审核通过` }),
    );
    await visible(card.getByText(`其中 ${body.approved} 份报表已直接审核通过`));
    const open = await apiGet<{ total: number }>(
      page,
      `/api/reports?year=${year}&status=draft&status=submitted&status=returned`,
    );
    expect(open.total).toBe(0);
    await fullShot(e2e, page, 'cycle-08-county-import-approved');
    expect(bureau.errors).toEqual([]);
  });

  it('runs the evaluation of both standards, showing progress, then the new runs', async () => {
    const { page } = bureau;
    const listed = await apiGet<{ total: number }>(page, `/api/evaluations?year=${year}`);
    // Hold the answer until the progress has been seen (30 schools evaluate in a blink).
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/api/evaluations', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      await gate;
      await route.fulfill({ response });
    });
    const card = page.locator('.el-card').filter({ hasText: '运行评估' }).first();
    await card.getByText('两者', { exact: true }).click();
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/api/evaluations') && r.request().method() === 'POST',
    );
    await card.getByRole('button', { name: '运行评估' }).click();
    await visible(page.getByText('正在计算差异系数与各校达标情况'));
    expect(await page.locator('.el-progress').count()).toBeGreaterThan(0);
    await e2e.shot(page, 'cycle-09-evaluating');
    release();
    const res = await answered;
    await page.unroute('**/api/evaluations');
    expect(res.status()).toBe(200);
    runs = ((await res.json()) as { runs: Run[] }).runs;
    expect(runs.map((r) => r.standard)).toEqual(['basic', 'quality']);
    await visible(page.getByText('评估完成'));
    await page.getByText('正在计算差异系数与各校达标情况').waitFor({ state: 'hidden' });
    await settle(page);
    const rows = page.locator('.el-card').filter({ hasText: '评估记录' }).locator('.el-table__body tr');
    await expect.poll(() => rows.count()).toBe(listed.total + 2);
    await fullShot(e2e, page, 'cycle-10-runs');
    expect(bureau.errors).toEqual([]);
  });

  it('publishes the quality run after a confirmation, and downloads its Word report', async () => {
    const { page } = bureau;
    const quality = runs.find((r) => r.standard === 'quality')!;
    // Newest first: the quality run (created last) heads the list.
    const rows = page.locator('.el-card').filter({ hasText: '评估记录' }).locator('.el-table__body tr');
    expect(await text(rows.first())).toMatch(/优质均衡/);
    await rows.first().getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`${e2e.url}/evaluations/${quality.id}`);
    await settle(page, { charts: true });
    expect(await countVisible(page.locator('canvas'))).toBeGreaterThan(0);
    await visible(page.locator('.main').getByText(statusName(quality.verdict)));
    await fullShot(e2e, page, 'cycle-11-run');

    await page.getByRole('button', { name: '发布' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/evaluations/${quality.id}/publish`)),
      confirmBox(page, '发布（公示）', '发布'),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await visible(page.getByText('已发布，公示页面可以查看'));
    await visible(page.locator('.el-page-header').getByText('已公示'));
    expect(await page.getByRole('button', { name: '发布' }).count()).toBe(0);
    await fullShot(e2e, page, 'cycle-12-published');

    const word = await download(page, () => page.getByRole('button', { name: '下载 Word' }).click());
    expect(word.name).toMatch(/\.docx$/);
    expect(word.bytes.subarray(0, 2).toString()).toBe('PK');
    await visible(page.getByText(`已下载 ${word.name}`));
    expect(bureau.errors).toEqual([]);
  });

  it('shows the published verdict on the public page without login, and its CSV downloads', async () => {
    const quality = runs.find((r) => r.standard === 'quality')!;
    const { page, context, errors } = await openWatched(e2e);
    await page.goto(`${e2e.url}/public`);
    await settle(page);
    await pick(page, '县', '清源县');
    await pick(page, '学年', yearLabel(year));
    const title = page.getByRole('heading', {
      name: `清源县 ${yearLabel(year)} 义务教育均衡发展评估结果`,
    });
    await visible(title);
    await settle(page, { charts: true });
    const card = page.locator('.verdict, .el-card').filter({ hasText: '优质均衡' }).first();
    expect(await text(card)).toContain(statusName(quality.verdict));
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(year));
    await fullShot(e2e, page, 'cycle-13-public');

    const csv = await download(page, () => page.getByRole('link', { name: 'CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).toContain(SCHOOL);
    expect(errors).toEqual([]);
    await context.close();
  });
});
