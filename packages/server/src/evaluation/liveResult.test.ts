/**
 * The dashboard and a school's page keep their live figures in memory between requests
 * (liveResult.ts): they must still show every change at once — a report saved through the API, a
 * run evaluated, and a row written behind the server's back (another process, the CLI) — and
 * always the answer a fresh computation gives.
 */
import { evaluate, nationalStandards } from '@junheng/core';
import { loadDataset } from '@junheng/db';
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../platform/testing.js';

interface Dashboard {
  verdicts: {
    basic: { status: string; reasons: string[] } | null;
    quality: { status: string; reasons: string[] } | null;
  };
  coefficients: { standard: string; stage: string; indicator: string; cv: number | null }[];
  schools: { total: number; met: number; unmet: number; incomplete: number };
  reports: Record<string, number>;
  trend: { runId: number }[];
  latestRun: { id: number } | null;
}

interface ReportBody {
  status: string;
  version: number;
  data: Record<string, number | null>;
}

describe.each(testEngines())('live figures kept between requests on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let school: ApiClient;
  let C: string;
  let Y: number;
  let S: string;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 10 });
    bureau = await server.as('jiaoyuju');
    school = await server.as('tianbao');
    C = server.seed.countyCode;
    Y = server.seed.year;
    S = (await school.get<{ user: { schoolId: string } }>('/api/auth/me')).body.user.schoolId;
  });
  afterAll(async () => server?.close());

  const dashboard = async () => {
    const r = await bureau.get<Dashboard>(`/api/dashboard?year=${Y}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  /** What the dashboard shows of the evaluation, computed now without any cache. */
  const fresh = async () => {
    const ds = await loadDataset(server.db, C, Y);
    const result = evaluate(ds, { standards: nationalStandards(), standard: 'both', detail: 'full' });
    const cvs = [
      ...(result.basic?.stages ?? []).flatMap((st) => [
        st.composite.value,
        ...st.coefficients.map((c) => c.cv),
      ]),
      ...(result.quality?.stages ?? []).flatMap((st) => st.coefficients.map((c) => c.cv)),
    ];
    const schools = result.quality?.schools ?? [];
    return {
      verdicts: [result.basic?.status, result.quality?.status],
      cvs,
      met: schools.filter((s) => s.status === 'met').length,
      total: schools.length,
    };
  };

  const shown = (d: Dashboard) => ({
    verdicts: [d.verdicts.basic?.status, d.verdicts.quality?.status],
    cvs: d.coefficients.map((c) => c.cv),
    met: d.schools.met,
    total: d.schools.total,
  });

  it('answers a repeated request as a fresh computation does', async () => {
    const first = await dashboard();
    expect(shown(first)).toEqual(await fresh());
    expect(await dashboard()).toEqual(first);
  });

  it('shows a report saved through the API at once, on the dashboard and on the school page', async () => {
    const before = await dashboard();
    const schoolPage = `/api/schools/${S}/evaluation?year=${Y}`;
    const pageBefore = (await school.get(schoolPage)).body;
    const path = `/api/reports/${S}/${Y}/primary`;
    const report = (await school.get<ReportBody>(path)).body;
    expect(['draft', 'returned']).toContain(report.status);
    const saved = await school.put<ReportBody>(path, {
      data: { ...report.data, students: (report.data.students ?? 100) * 3 },
      version: report.version,
    });
    expect(saved.status).toBe(200);
    const after = await dashboard();
    expect(after.coefficients.map((c) => c.cv)).not.toEqual(before.coefficients.map((c) => c.cv));
    expect(shown(after)).toEqual(await fresh());
    expect((await school.get(schoolPage)).body).not.toEqual(pageBefore);
  });

  it('shows a new evaluation run in the trend and as the latest run', async () => {
    const before = await dashboard();
    const run = await bureau.post<{ runs: { id: number }[] }>('/api/evaluations', {
      year: Y,
      standard: 'both',
    });
    expect(run.status).toBe(200);
    const after = await dashboard();
    const newest = Math.max(...run.body.runs.map((r) => r.id));
    expect(after.latestRun?.id).toBe(newest);
    expect(after.trend.map((p) => p.runId)).toContain(newest);
    expect(after.trend).not.toEqual(before.trend);
  });

  it('shows rows written behind the server, by another process', async () => {
    const before = await dashboard();
    // A school closed directly in the database leaves the county's evaluation.
    const { rows } = await server.db.query<{ id: string }>(
      `SELECT id FROM school WHERE county_code = $1 AND id <> $2 ORDER BY id LIMIT 1`,
      [C, S],
    );
    await server.db.query(`UPDATE school SET status = 'closed' WHERE id = $1`, [rows[0]!.id]);
    const closed = await dashboard();
    expect(closed.schools.total).toBeLessThan(before.schools.total);
    expect(shown(closed)).toEqual(await fresh());
    // County items emptied directly: the 优质均衡 verdict says so.
    await server.db.query(
      `UPDATE county_input SET value = 'null'::jsonb WHERE county_code = $1 AND year = $2`,
      [C, Y],
    );
    const emptied = await dashboard();
    expect(emptied.verdicts.quality).not.toEqual(closed.verdicts.quality);
    expect(shown(emptied)).toEqual(await fresh());
  });
});
