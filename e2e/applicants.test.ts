/**
 * 招生申请 in the browser: the bureau sees the demo round's results (chart, per-school table,
 * 随迁子女 placements); creates a round, sets places, imports a file with an error (per-row message,
 * nothing written), fixes it and imports; views one child (audited); publishes the list (commit);
 * the draw is conducted through the API; admits by category and sees the results chart. A school
 * clerk then sees only the children placed at the school, masked. Screenshots in
 * test-artifacts/e2e/applicants-*.
 */

import { join } from 'node:path';
import { residentIdCheckChar } from '@junheng/core';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserAvailable, DESKTOP, type E2E, startE2E } from './harness.js';
import { apiGet, confirmBox, download, fullShot, settle, signInWatched, text, visible } from './support.js';

interface Round {
  id: number;
  title: string;
  status: string;
  drawId: number | null;
  version: number;
  schools: { schoolId: string; schoolName: string; places: number }[];
}

function idNumber(seq: number): string {
  const body = `13066020200315${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** A POST from inside the page with the session's CSRF token. */
async function apiPost<T>(page: Page, path: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ p, b }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(p, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: await res.json() };
    },
    { p: path, b: body },
  ) as Promise<{ status: number; body: T }>;
}

describe.skipIf(!browserAvailable())('招生申请', () => {
  let e2e: E2E;
  let round: Round;
  let schoolA: Round['schools'][number];
  let schoolB: Round['schools'][number];

  beforeAll(async () => {
    e2e = await startE2E({ schools: 20 });
  });
  afterAll(async () => e2e?.close());

  it('shows the demo round: applicants masked, results chart and 随迁子女 placements', async () => {
    const { page, errors } = await signInWatched(e2e, 'jiaoyuju', DESKTOP);
    await page.goto(`${e2e.url}/admission/applicants`);
    await settle(page);
    await visible(page.getByTestId('applicant-table'));
    expect(await text(page.getByTestId('round-status'))).toBe('已录取');
    // Masked names only: a surname, stars, maybe a last character.
    const names = await page
      .locator('[data-testid=applicant-table] .el-table__body tr td:nth-child(2)')
      .allInnerTexts();
    expect(names.length).toBeGreaterThan(5);
    for (const n of names) expect(n.trim()).toMatch(/^\S\*+\S?$/);
    await fullShot(e2e, page, 'applicants-demo-list');
    await page.getByRole('tab', { name: '录取结果' }).click();
    await settle(page, { charts: true });
    await visible(page.getByTestId('results-chart').locator('canvas'));
    expect(
      await page.getByTestId('results-table').locator('.el-tag', { hasText: '派位' }).count(),
    ).toBeGreaterThan(0);
    await visible(page.getByTestId('migrant-table'));
    // A guaranteed child left without a place is a red alert, not just a number.
    const rounds = await apiGet<{ id: number; status: string }[]>(page, '/api/admission/rounds');
    const admitted = rounds.find((r) => r.status === 'admitted')!;
    const results = await apiGet<{ migrants: { eligible: number; placed: number } }>(
      page,
      `/api/admission/rounds/${admitted.id}/results`,
    );
    const shortfall = results.migrants.eligible - results.migrants.placed;
    if (shortfall > 0) {
      expect(await text(page.getByTestId('migrant-shortfall'))).toContain(
        `有 ${shortfall} 名符合条件的随迁子女尚未安排学位`,
      );
    } else {
      expect(await page.getByTestId('migrant-shortfall').count()).toBe(0);
    }
    // 志愿录取方式对比: deferred acceptance beside the Boston mechanism on the same children.
    const card = page.getByTestId('choice-comparison');
    await visible(card);
    expect(await text(card)).toContain('延迟接受（本系统）');
    expect(await text(card)).toContain('按志愿顺序录取（先一志愿）');
    expect(await text(card)).toContain('失去本有优先权的学位');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(ARTIFACTS, 'applicants-choice-comparison.png') });
    await fullShot(e2e, page, 'applicants-demo-results');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('imports with an error (per-row message, nothing written), fixes, commits, admits', async () => {
    const { page, errors } = await signInWatched(e2e, 'jiaoyuju', DESKTOP);
    await page.goto(`${e2e.url}/admission/applicants`);
    await settle(page);
    await page.getByTestId('new-round').click();
    await page.getByPlaceholder(/招生$/).fill('2027年清源县小学一年级招生（演练）');
    await page.getByTestId('save-round').click();
    await settle(page);
    await visible(page.getByText('已新建招生轮次'));
    const rounds = await apiGet<Round[]>(page, '/api/admission/rounds');
    const created = rounds.find((r) => r.title.includes('演练'))!;
    round = await apiGet<Round>(page, `/api/admission/rounds/${created.id}`);
    [schoolA, schoolB] = round.schools;
    // Places of the first two schools, in the setup tab.
    const placesInput = (name: string) =>
      page.locator('.places .el-table__body tr').filter({ hasText: name }).locator('input');
    // Letters are refused with the school and the reason, and the save waits for a number.
    await placesInput(schoolA!.schoolName).fill('2O');
    await visible(
      page.locator('.number-field-error', { hasText: `${schoolA!.schoolName}计划招生数只能填写数字` }),
    );
    await page.getByTestId('save-setup').click();
    await visible(page.locator('.el-message--error', { hasText: '计划招生数只能填写数字' }));
    for (const [school, n] of [
      [schoolA!, '2'],
      [schoolB!, '4'],
    ] as const) {
      await placesInput(school.schoolName).fill(n);
      await placesInput(school.schoolName).blur();
    }
    await page.getByTestId('save-setup').click();
    await settle(page);
    await visible(page.getByText('已保存招生类别和计划招生数'));
    await fullShot(e2e, page, 'applicants-setup');

    // The template, filled in with one wrong ID number on row 4.
    await page.getByRole('tab', { name: '申请名单' }).click();
    const tpl = await download(page, () => page.getByTestId('template').click());
    expect(tpl.name).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('申请人')!;
    const rows = [
      [
        '张小明',
        idNumber(11),
        null,
        '张建国',
        '13800000001',
        '城关镇幸福路 1 号',
        '幸福小区',
        schoolA!.schoolName,
        '户籍与房产一致',
      ],
      [
        '周一',
        idNumber(21),
        null,
        '周建',
        '13800000002',
        null,
        '幸福小区',
        schoolA!.schoolName,
        '户籍',
        null,
        null,
        null,
        'T1',
      ],
      [
        '周二',
        idNumber(23),
        null,
        '周建',
        '13800000002',
        null,
        '幸福小区',
        schoolA!.schoolName,
        '户籍',
        null,
        null,
        null,
        'T1',
      ],
      [
        '吴明',
        idNumber(25),
        null,
        '吴建',
        '13800000003',
        null,
        '阳光花园',
        schoolA!.schoolName,
        '户籍',
        null,
        null,
        null,
        null,
        schoolB!.schoolName,
      ],
      ['马丽', idNumber(26), null, '马建', '13800000004', null, '城南村', null, '居住证随迁子女', '是'],
      ['孙红', idNumber(28), null, '孙建', '13800000005', null, '东关村', schoolB!.schoolName, '房产'],
    ];
    const wrong = `${idNumber(21).slice(0, 17)}${idNumber(21).endsWith('0') ? '1' : '0'}`;
    const fill = async (data: (string | null)[][]) => {
      data.forEach((r, k) => {
        ws.getRow(k + 2).values = r;
        ws.getRow(k + 2).commit();
      });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const broken = await fill(rows.map((r, k) => (k === 2 ? [r[0]!, wrong, ...r.slice(2)] : r)));
    await page.getByTestId('import-file').setInputFiles({
      name: '申请名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: broken,
    });
    await visible(page.getByTestId('import-failed'));
    const errTable = page.getByTestId('import-errors');
    const errRows = errTable.locator('.el-table__body tr');
    expect(await errRows.count()).toBe(1);
    const heads = (await errTable.locator('thead th').allInnerTexts()).map((h) => h.trim());
    const cells = (await errRows.first().locator('td').allInnerTexts()).map((c) => c.trim());
    const at = (name: string) => cells[heads.indexOf(name)];
    expect([at('文件'), at('行'), at('列'), at('值')]).toEqual(['申请名单.xlsx', '4', '身份证号', wrong]);
    expect(at('问题')).toContain('校验位不正确');
    await fullShot(e2e, page, 'applicants-import-error');
    const none = await apiGet<{ total: number }>(page, `/api/admission/rounds/${round.id}/applicants`);
    expect(none.total).toBe(0);

    const fixed = await fill(rows);
    await page.getByRole('button', { name: '改好后重新导入' }).click();
    await page.getByTestId('import-file').setInputFiles({
      name: '申请名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fixed,
    });
    await visible(page.getByTestId('import-ok'));
    expect(await text(page.getByTestId('import-ok'))).toContain('已导入 6 名申请人');
    await page
      .getByTestId('import-dialog')
      .locator('.el-dialog__footer')
      .getByRole('button', { name: '关闭' })
      .click();
    await settle(page);
    await visible(page.getByTestId('applicant-table').getByText('张*明'));

    // 查看: the full record, with the audit notice.
    await page
      .getByTestId('applicant-table')
      .locator('tr', { hasText: '张*明' })
      .getByRole('button', { name: '查看' })
      .click();
    const dialog = page.getByTestId('view-dialog');
    await visible(dialog.getByText('已记入审计日志'));
    expect(await text(dialog)).toContain(idNumber(11));
    // The bureau prints the notices: it sees the 核验码.
    expect(await text(dialog.getByTestId('view-secret'))).toMatch(/^[0-9a-f]{32}$/);
    // The dialog's fade-in is over before the picture is taken.
    await page.waitForFunction(() => document.querySelector('[class*="-enter-active"]') === null);
    await fullShot(e2e, page, 'applicants-view');
    await dialog.locator('.el-dialog__headerbtn').click();

    // Publish the list: one lottery draw, 5 entries (the twins share one).
    await page.getByTestId('commit').click();
    await confirmBox(page, '生成派位名单并公布承诺值', '生成并公布');
    await settle(page);
    expect(await text(page.getByTestId('round-status'))).toBe('名单已公布，待派位');
    const link = page.getByTestId('draw-link');
    round = await apiGet<Round>(page, `/api/admission/rounds/${round.id}`);
    expect(await link.getAttribute('href')).toBe(`/admission/lottery/${round.drawId}`);
    const draw = await apiGet<{ entryCount: number }>(page, `/api/lottery/draws/${round.drawId}`);
    expect(draw.entryCount).toBe(5);
    expect(await page.getByTestId('add-applicant').count()).toBe(0);
    await fullShot(e2e, page, 'applicants-committed');
    // Both twins' notices carry the family's ONE entry: its ticket and its 核验码.
    const listed = await apiGet<{ items: { id: number; ticket: string; familyKey: string | null }[] }>(
      page,
      `/api/admission/rounds/${round.id}/applicants?pageSize=50`,
    );
    const twins = listed.items.filter((x) => x.familyKey !== null);
    expect(twins).toHaveLength(2);
    const notices = await Promise.all(
      twins.map((x) =>
        apiGet<{ lotteryTicket: string; secret: string | null }>(page, `/api/admission/applicants/${x.id}`),
      ),
    );
    expect(notices.map((n) => n.lotteryTicket)).toEqual([twins[0]!.ticket, twins[0]!.ticket]);
    expect(notices[0]!.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(notices[1]!.secret).toBe(notices[0]!.secret);

    // The draw itself (the lottery page's own test drives its UI).
    const drawn = await apiPost(page, `/api/lottery/draws/${round.drawId}/draw`, {
      seed: '1618 0339 8874 9894 8482 0458 6834',
      operatorName: '县教育局基教股',
      witnesses: [{ name: '刘家长', role: '家长代表' }],
      place: '清源县教育局派位大厅',
    });
    expect(drawn.status).toBe(200);
    await page.reload();
    await settle(page);
    await page.getByTestId('admit').click();
    await settle(page, { charts: true });
    expect(await text(page.getByTestId('round-status'))).toBe('已录取');
    await visible(page.getByTestId('results-chart').locator('canvas'));
    const table = await text(page.getByTestId('results-table'));
    expect(table).toContain(schoolA!.schoolName);
    expect(table).toContain('第2类别 户籍');
    await fullShot(e2e, page, 'applicants-admitted');
    // The refused import is the one failed request (chromium logs it as a console error).
    expect(errors.filter((e) => !/status of 422.*\/applicants\/import/.test(e))).toEqual([]);
    expect(errors).toHaveLength(1);
    await page.context().close();
  });

  it('a school clerk sees only the children placed at the school, masked', async () => {
    const { page, errors } = await signInWatched(e2e, 'tianbao', DESKTOP);
    const me = await apiGet<{ user: { schoolId: string } }>(page, '/api/auth/me');
    const roundsSeen = await apiGet<Round[]>(page, '/api/admission/rounds');
    const demo = roundsSeen.find((r) => !r.title.includes('演练'))!;
    await page.goto(`${e2e.url}/admission/applicants?round=${demo.id}`);
    await settle(page);
    const list = await apiGet<{
      items: { id: number; placementSchoolId: string; nameMasked: string }[];
      total: number;
    }>(page, `/api/admission/rounds/${demo.id}/applicants?pageSize=500`);
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((x) => x.placementSchoolId === me.user.schoolId)).toBe(true);
    // The school enrols the child; the family's 核验码 is not the school's to see.
    const one = await apiGet<{ name: string; secret: string | null }>(
      page,
      `/api/admission/applicants/${list.items[0]!.id}`,
    );
    expect(one.name).not.toBe('');
    expect(one.secret).toBeNull();
    await page.getByRole('tab', { name: '录取到本校的学生' }).click();
    await visible(page.getByTestId('applicant-table'));
    // The clerk registers the admitted children: a full record is one click (audited) away; the
    // export carries personal data (a principal gets the masked list only: admission.test.ts).
    expect(await page.getByRole('button', { name: '查看', exact: true }).count()).toBeGreaterThan(0);
    await visible(page.getByRole('button', { name: '导出（含个人信息）' }));
    await fullShot(e2e, page, 'applicants-school');
    expect(errors).toEqual([]);
  });
});
