/**
 * Issue 10 #27 over HTTP: a run made before the data changed is marked 已过期 with what changed
 * (in the list and on the run), and a published year's county items are read-only — the page
 * learns it before anyone types (GET /api/county-inputs/status), and the save says the same.
 */
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../platform/testing.js';

interface Freshness {
  current: boolean;
  reasons: string[];
}

describe.each(testEngines())('out-of-date runs and read-only county items on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let school: ApiClient;
  let Y: number;
  let C: string;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 8 });
    bureau = await server.as('jiaoyuju');
    school = await server.as('tianbao');
    Y = server.seed.year;
    C = server.seed.countyCode;
  });
  afterAll(async () => server?.close());

  const freshnessOf = async (id: number) =>
    (await bureau.get<{ freshness: Freshness }>(`/api/evaluations/${id}`)).body.freshness;
  const staleInList = async (id: number) =>
    (
      await bureau.get<{ items: { id: number; stale?: boolean }[] }>(`/api/evaluations?year=${Y}`)
    ).body.items.find((r) => r.id === id)?.stale;

  it('a fresh run is current; after a county item or a school report changes it is 已过期, saying what changed', async () => {
    const ran = await bureau.post<{ runs: { id: number }[] }>('/api/evaluations', {
      year: Y,
      standard: 'quality',
      countyCode: C,
    });
    expect(ran.status).toBe(200);
    const id = ran.body.runs[0].id;
    expect(await freshnessOf(id)).toEqual({ current: true, reasons: [] });
    expect(await staleInList(id)).toBe(false);

    const items = await bureau.get<{ itemId: string; name: string; input: string; value: unknown }[]>(
      `/api/county-inputs?year=${Y}&countyCode=${C}`,
    );
    const judged = items.body.find((i) => i.input === 'yesno')!;
    const saved = await bureau.put(`/api/county-inputs?year=${Y}&countyCode=${C}`, {
      items: [{ itemId: judged.itemId, value: judged.value !== true }],
    });
    expect(saved.status).toBe(200);
    const afterItem = await freshnessOf(id);
    expect(afterItem.current).toBe(false);
    expect(afterItem.reasons).toEqual([`县级指标有改动：${judged.name}`]);
    expect(await staleInList(id)).toBe(true);

    // The demo school's report of the year is 已退回: its clerk saves a corrected figure.
    const me = await school.get<{ user: { schoolId: string; schoolName?: string } }>('/api/auth/me');
    const S = me.body.user.schoolId;
    const path = `/api/reports/${S}/${Y}/primary`;
    const report = await school.get<{ version: number; data: Record<string, number | null> }>(path);
    const put = await school.put(path, {
      version: report.body.version,
      data: { ...report.body.data, books: (report.body.data.books ?? 0) + 10 },
    });
    expect(put.status).toBe(200);
    const afterReport = await freshnessOf(id);
    expect(afterReport.reasons).toHaveLength(2);
    expect(afterReport.reasons[0]).toMatch(/^学校报表有改动：.+（小学）$/);

    // Running again gives a current run; the old one stays 已过期.
    const again = await bureau.post<{ runs: { id: number }[] }>('/api/evaluations', {
      year: Y,
      standard: 'quality',
      countyCode: C,
    });
    expect(await freshnessOf(again.body.runs[0].id)).toEqual({ current: true, reasons: [] });
    expect(await staleInList(id)).toBe(true);
  });

  it('a published year’s county items are read-only, and the page can tell before saving', async () => {
    const open = await bureau.get(`/api/county-inputs/status?year=${Y}&countyCode=${C}`);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ locked: false, runId: null, reason: null });

    const published = await bureau.get<{ locked: boolean; runId: number; reason: string }>(
      `/api/county-inputs/status?year=${Y - 1}&countyCode=${C}`,
    );
    expect(published.status).toBe(200);
    expect(published.body.locked).toBe(true);
    expect(published.body.reason).toContain('已公示');
    expect(published.body.reason).toContain(`评估编号 ${published.body.runId}`);

    const items = await bureau.get<{ itemId: string; input: string; value: unknown }[]>(
      `/api/county-inputs?year=${Y - 1}&countyCode=${C}`,
    );
    const judged = items.body.find((i) => i.input === 'yesno')!;
    const refused = await bureau.put<{ code: string; message: string }>(
      `/api/county-inputs?year=${Y - 1}&countyCode=${C}`,
      { items: [{ itemId: judged.itemId, value: judged.value !== true }] },
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'wrongState', message: published.body.reason });

    // County data: not for school users (as GET /api/county-inputs).
    expect((await school.get(`/api/county-inputs/status?year=${Y}&countyCode=${C}`)).status).toBe(404);
  });
});
