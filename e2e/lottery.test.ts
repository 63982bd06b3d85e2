/**
 * 电脑派位 in the browser: the bureau opens the demo's committed admission draw, sees the commitment,
 * is refused a 6-digit seed with the reason, enters witnesses and a 24-digit seed, draws, sees the
 * result and prints the protocol; the public page without login on a phone (390×844) replays the
 * draw in the browser (✓ 一致) and a parent checks ticket + secret and sees the rank; the list.txt
 * downloaded from the page replays with the built CLI; the bureau's 新建派位 offers only its own
 * admission draw (head-teacher draws are made through a published placement: e2e/classes.test.ts).
 * Screenshots in test-artifacts/e2e/lottery-*.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { shanghaiSchoolYear } from '@junheng/core';
import { demoAdmissionEntries } from '@junheng/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserAvailable, DESKTOP, type E2E, PHONE, startE2E } from './harness.js';
import {
  apiGet,
  confirmBox,
  download,
  fullShot,
  openWatched,
  settle,
  signInWatched,
  text,
  visible,
} from './support.js';

/** What a phone shows now (the screen, not the whole page). */
const screen = (page: import('playwright-core').Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

const CLI = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'main.js');

interface Draw {
  id: number;
  purpose: string;
  status: string;
  commitment: string;
  seed: string | null;
  resultHash: string | null;
  countyCode: string;
}

describe.skipIf(!browserAvailable())('电脑派位', () => {
  let e2e: E2E;
  let drawId: number;
  let drawn: Draw;

  beforeAll(async () => {
    e2e = await startE2E({ schools: 12 });
  });
  afterAll(async () => e2e?.close());

  it('the bureau sees the commitment, is refused a 6-digit seed, draws with witnesses and prints the protocol', async () => {
    const { page, errors } = await signInWatched(e2e, 'jiaoyuju', DESKTOP);
    await page.goto(`${e2e.url}/admission/lottery`);
    await settle(page);
    await visible(page.getByText('民办初中七年级招生电脑派位'));
    await fullShot(e2e, page, 'lottery-list');
    const list = await apiGet<{ items: Draw[] }>(page, '/api/lottery/draws');
    const admission = list.items.find((d) => d.purpose === 'admission' && d.status === 'committed')!;
    drawId = admission.id;

    await page.getByText('民办初中七年级招生电脑派位').click();
    await page.waitForURL(`**/admission/lottery/${drawId}`);
    await settle(page);
    // Printing opens the browser's dialog; here it only has to be called (client-side navigation
    // since the list: the stub stays).
    await page.evaluate(() => {
      window.print = () => {
        (window as unknown as { printed: number }).printed =
          ((window as unknown as { printed?: number }).printed ?? 0) + 1;
      };
    });
    const shown = (await text(page.locator('[data-test=commitment]'))).replace(/\s/g, '');
    expect(shown).toBe(admission.commitment);
    await fullShot(e2e, page, 'lottery-before');

    // A 6-digit seed: refused with the reason, nothing drawn.
    await page.getByLabel('随机种子').fill('123456');
    await page.getByLabel('第 1 位见证人姓名').fill('王建国');
    await page.getByLabel('第 2 位见证人姓名').fill('赵明');
    await page.getByLabel('派位地点').fill('清源县教育局三楼会议室');
    await page.getByLabel('公证').fill('清源县公证处 刘公证');
    await page.getByRole('button', { name: '开始派位' }).click();
    const refusal = await visible(page.locator('.el-form-item__error'));
    expect(await text(refusal)).toContain('随机种子只有 6 位，至少需要 20 位数字');
    await fullShot(e2e, page, 'lottery-short-seed');
    expect((await apiGet<Draw>(page, `/api/lottery/draws/${drawId}`)).status).toBe('committed');

    // 24 digits drawn in public: confirm, draw.
    await page.getByLabel('随机种子').fill('2718 2818 2845 9045 2353 6028');
    await page.getByRole('button', { name: '开始派位' }).click();
    await confirmBox(page, '确认开始派位', '开始派位');
    await visible(page.getByText('派位结果（共 860 名）'), 30_000);
    await settle(page);
    drawn = await apiGet<Draw>(page, `/api/lottery/draws/${drawId}`);
    expect(drawn.status).toBe('drawn');
    expect(drawn.seed).toBe('271828182845904523536028');
    expect(await text(page.locator('[data-test=result-hash]'))).toBe(drawn.resultHash);
    expect(await page.locator('[data-test=results] .el-table__body tr').count()).toBe(50);
    await fullShot(e2e, page, 'lottery-drawn');

    // Search a ticket.
    await page.getByLabel('按编号查找').fill('2027-000123');
    await page.getByRole('button', { name: '查找' }).click();
    await settle(page);
    expect(await page.locator('[data-test=results] .el-table__body tr').count()).toBe(1);

    // The protocol: shown, printed, with the signature lines.
    await page.getByRole('button', { name: '打印派位记录' }).click();
    const sheet = await visible(page.locator('[data-test=protocol]'));
    expect(await text(sheet)).toContain('电脑派位公证记录');
    expect(await text(sheet)).toContain('2718 2818 2845 9045 2353 6028');
    expect(await text(sheet)).toContain('见证人员 王建国（家长代表）签字');
    expect(await text(sheet)).toContain('公证人员（清源县公证处 刘公证）签字');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await e2e.shot(page, 'lottery-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('replays the draw on a phone without login and shows 一致; a parent checks ticket + secret', async () => {
    const { page, context, errors } = await openWatched(e2e, PHONE);
    await page.goto(`${e2e.url}/public/lottery/${drawId}`);
    await settle(page);
    await visible(page.getByRole('heading', { name: /民办初中七年级招生电脑派位/ }));
    expect(await text(page.locator('[data-test=commitment]'))).toBe(drawn.commitment);
    expect(await text(page.locator('[data-test=result-hash]'))).toBe(drawn.resultHash);
    expect(page.url()).not.toContain('/login');
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: innerWidth,
    }));
    expect(width.scroll).toBeLessThanOrEqual(width.inner);
    await screen(page, 'lottery-public-phone');

    await page.getByRole('button', { name: '在本机重新计算' }).click();
    const verdict = await visible(page.locator('[data-test=replay-verdict]'), 30_000);
    expect(await text(verdict)).toContain('✓ 一致');
    expect(await text(verdict)).toContain('结果哈希 ✓ 一致');
    await page.getByText('在本机重新计算', { exact: true }).first().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await screen(page, 'lottery-public-replayed');

    // A parent: ticket and secret from the demo's entries (the secret stays in the browser).
    const year = shanghaiSchoolYear(new Date());
    const mine = demoAdmissionEntries(drawn.countyCode, year).find((e) => e.ticket === '2027-000123')!;
    expect(mine).toBeDefined();
    const page123 = await apiGet<{ results: { items: { rank: number }[] } }>(
      page,
      `/api/public/lottery/draws/${drawId}?ticket=2027-000123`,
    );
    const rank = page123.results.items[0]!.rank;
    await page.getByLabel('编号', { exact: true }).fill(mine.ticket);
    await page.getByLabel('核验码').fill(mine.secret);
    await page.getByRole('button', { name: '核对', exact: true }).click();
    const result = await visible(page.locator('[data-test=mine]'), 30_000);
    expect(await text(result)).toContain('✓ 您的条目在公示名单中（第 123 行）');
    expect(await text(result)).toContain(`第 ${rank} 名`);
    await page.getByText('核对本人条目', { exact: true }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await screen(page, 'lottery-public-mine');
    // A wrong secret is caught.
    await page.getByLabel('核验码').fill('0'.repeat(32));
    await page.getByRole('button', { name: '核对', exact: true }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-test=mine]')?.textContent?.includes('摘要与核验码不符'),
    );

    // The list.txt of the page, replayed with the built CLI (npx tsc -b packages/cli first).
    const cli = await page.locator('[data-test=cli]').textContent();
    expect(cli).toBe(`junheng lottery verify list.txt ${drawn.seed} --result-hash ${drawn.resultHash}`);
    const file = await download(page, () => page.locator('[data-test=list-link]').click());
    const run = spawnSync(
      process.execPath,
      [CLI, 'lottery', 'verify', file.path, drawn.seed!, '--result-hash', drawn.resultHash!],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('✓ 复算一致');
    await page.getByText('下载与独立复算', { exact: true }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await screen(page, 'lottery-public-files');
    await fullShot(e2e, page, 'lottery-public-full');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('the bureau creates a draw from a pasted list; a bad row is listed with its row and fix', async () => {
    const { page, context, errors } = await signInWatched(e2e, 'jiaoyuju', DESKTOP);
    await page.goto(`${e2e.url}/admission/lottery`);
    await settle(page);
    await page.getByRole('button', { name: '上传名单新建派位' }).click();
    const dialog = await visible(page.locator('.el-dialog').filter({ hasText: '上传名单新建派位' }));
    // Only the county's admission draw here: no purpose to choose, head-teacher draws are elsewhere.
    expect(await dialog.getByRole('radio', { name: '班主任派位' }).count()).toBe(0);
    expect(await text(dialog)).toContain('班主任派位请在“均衡分班”页面公示分班结果后进行');
    // Wait for the dialog's opening animation; one cancelled meanwhile rejects `finished` (AbortError).
    await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
    await e2e.shot(page, 'lottery-create-dialog');
    await dialog.getByLabel('派位名称').fill('2027年清源县民办学校补录派位');
    await dialog.getByText('粘贴文本', { exact: true }).click();
    const good = ['0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'deadbeefcafebabe0123456789abcdef'];
    await dialog.getByLabel('粘贴名单').fill(`编号\t核验码\n2027-B0001\t${good[0]}\n2027-B0002\t123456\n`);
    await dialog.getByRole('button', { name: '建立并公示承诺值' }).click();
    await visible(dialog.locator('.import-errors'));
    expect(await text(dialog.locator('.import-errors'))).toContain('32–128 位十六进制数字');
    await e2e.shot(page, 'lottery-create-errors');
    await dialog.getByLabel('粘贴名单').fill(`2027-B0001\t${good[0]}\n2027-B0002\t${good[1]}\n`);
    await dialog.getByRole('button', { name: '建立并公示承诺值' }).click();
    await page.waitForURL(/\/admission\/lottery\/\d+$/);
    await settle(page);
    await visible(page.getByText('参加人数 2'));
    // Chromium logs the refused upload (422) as a console error: that one was expected.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await context.close();
  });
});
