/**
 * 志愿录取方式对比 over HTTP: the results of an admitted round carry deferred acceptance and the
 * Boston mechanism side by side, on a round built so that Boston leaves one child with justified
 * envy and deferred acceptance none (worked by hand in packages/db/src/admission/rounds/choiceComparison.test.ts).
 */
import { residentIdCheckChar } from '@junheng/core';
import { testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../../platform/testing.js';

function idNumber(seq: number): string {
  const body = `13066020190702${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

interface Row {
  mechanism: string;
  placed: number;
  firstChoice: number;
  unplaced: number;
  envyApplicants: number;
}
interface Results {
  choiceComparison: { applicants: number; seats: number; basis: string; rows: Row[] } | null;
}

describe.each(testEngines())('志愿录取方式对比 over HTTP on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let clerk: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 12 });
    bureau = await server.as('jiaoyuju');
    clerk = await server.as('tianbao');
  });
  afterAll(async () => server?.close());

  it('reports both mechanisms on the same children; a school user gets null', async () => {
    const schools = await bureau.get<{ items: { id: string; type: string }[] }>(
      `/api/schools?pageSize=100&year=${server.seed.year}`,
    );
    const primaries = schools.body.items.filter((s) => s.type === 'primary').map((s) => s.id);
    expect(primaries.length).toBeGreaterThanOrEqual(3);
    const [Z, X, Y] = primaries as [string, string, string];
    const created = await bureau.post<{ id: number; version: number }>('/api/admission/rounds', {
      year: 2027,
      stage: 'primary',
      title: '志愿录取方式对比（测试）',
      places: [
        { schoolId: Z, places: 1 },
        { schoolId: X, places: 1 },
        { schoolId: Y, places: 1 },
      ],
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const child = (name: string, seq: number, more: Record<string, unknown>) => ({
      name,
      idNumber: idNumber(seq),
      guardianName: '王建国',
      phone: '13912345678',
      zoneSchoolId: null,
      category: 'hukou',
      migrantEligible: false,
      specialNeeds: null,
      siblingAtSchool: false,
      familyKey: null,
      choices: [],
      ...more,
    });
    for (const body of [
      child('张小明', 1, { zoneSchoolId: Z, choices: [X] }),
      child('王小红', 2, { category: 'hukouProperty', choices: [X] }),
      child('李小刚', 3, { category: 'hukou', choices: [X, Y] }),
      child('赵小丽', 4, { category: 'property', choices: [Y] }),
    ]) {
      expect((await bureau.post(`/api/admission/rounds/${id}/applicants`, body)).status).toBe(200);
    }
    const before = await bureau.get<Results & { round: { version: number } }>(
      `/api/admission/rounds/${id}/results`,
    );
    expect(before.body.choiceComparison).toBeNull();
    const c = await bureau.post<{ round: { version: number }; draw: { id: number } }>(
      `/api/admission/rounds/${id}/commit`,
      { version: before.body.round.version },
    );
    expect(c.status).toBe(200);
    const d = await bureau.post(`/api/lottery/draws/${c.body.draw.id}/draw`, {
      seed: '16180339887498948482045868343656',
      operatorName: '李操作',
      witnesses: [{ name: '王公证', role: '公证员' }],
      place: '清源县教育局会议室',
    });
    expect(d.status).toBe(200);
    const admitted = await bureau.post<Results>(`/api/admission/rounds/${id}/admit`, {
      version: c.body.round.version,
    });
    expect(admitted.status).toBe(200);
    const res = await bureau.get<Results>(`/api/admission/rounds/${id}/results`);
    for (const body of [admitted.body, res.body]) {
      expect(body.choiceComparison).toMatchObject({
        basis: 'seatsLeftForAssignment',
        applicants: 3,
        seats: 2,
      });
      expect(body.choiceComparison!.rows).toEqual([
        expect.objectContaining({
          mechanism: 'deferred-acceptance',
          placed: 2,
          firstChoice: 1,
          unplaced: 1,
          envyApplicants: 0,
        }),
        expect.objectContaining({
          mechanism: 'boston',
          placed: 2,
          firstChoice: 2,
          unplaced: 1,
          envyApplicants: 1,
        }),
      ]);
    }
    const school = await clerk.get<Results>(`/api/admission/rounds/${id}/results`);
    if (school.status === 200) expect(school.body.choiceComparison).toBeNull();
    else expect(school.status).toBe(404);
  });
});
