import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, errorFromResponse, messageOf, onUnauthenticated, setCsrfToken } from './client';
import { filenameFromDisposition } from './download';
import { api, data } from './http';
import { schoolView } from './schools';

describe('errorFromResponse', () => {
  it('keeps the server’s code, message and details', () => {
    const e = errorFromResponse(
      409,
      JSON.stringify({ code: 'conflict', message: '该报表已被他人修改', details: { currentVersion: 4 } }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(409);
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('该报表已被他人修改');
    expect(e.details).toEqual({ currentVersion: 4 });
  });

  it('gives a Chinese message for bodies that are not the API’s', () => {
    expect(errorFromResponse(502, '<html>Bad Gateway</html>').message).toContain('服务器暂时不可用');
    expect(errorFromResponse(401, '').code).toBe('unauthenticated');
    expect(errorFromResponse(418, '').message).toBe('请求失败（418）');
    expect(errorFromResponse(500, '{"code":"internal"}').message).toContain('服务器出错');
  });

  it('has a message for anything thrown', () => {
    expect(messageOf(new ApiError(400, 'x', '请填写理由'))).toBe('请填写理由');
    expect(messageOf('boom')).toBe('操作失败，请稍后再试');
  });
});

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(
      buildUrl('/api/schools', { year: 2025, q: '第一 小学', type: '', locality: null, page: undefined }),
    ).toBe('/api/schools?year=2025&q=%E7%AC%AC%E4%B8%80+%E5%B0%8F%E5%AD%A6');
    expect(buildUrl('/api/x')).toBe('/api/x');
    expect(buildUrl('/api/x', {})).toBe('/api/x');
    expect(buildUrl('/api/x?a=1', { b: 2 })).toBe('/api/x?a=1&b=2');
  });
});

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent('清源县评估报告.xlsx')}`,
      ),
    ).toBe('清源县评估报告.xlsx');
    expect(filenameFromDisposition('attachment; filename="report.docx"')).toBe('report.docx');
    expect(filenameFromDisposition('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(filenameFromDisposition('inline')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});

describe('the typed client (http.ts)', () => {
  type Seen = { method: string; url: string; headers: Headers; body: string };
  let seen: Seen[] = [];
  /** Answers every request with `answer` and records what was sent. */
  function serve(answer: () => Response | Promise<Response>) {
    seen = [];
    vi.stubGlobal('fetch', async (req: Request) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: await req.text() });
      return answer();
    });
  }
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  beforeEach(() => setCsrfToken(''));
  afterEach(() => vi.unstubAllGlobals());

  it('sends the query without empty values and returns the typed answer', async () => {
    serve(() => json(200, { items: [], total: 0, page: 1, pageSize: 20 }));
    const page = await data(api.GET('/api/schools', { params: { query: { year: 2025, q: '', page: 1 } } }));
    expect(page.total).toBe(0);
    expect(new URL(seen[0].url).search).toBe('?year=2025&page=1');
    expect(seen[0].headers.get('X-CSRF-Token')).toBeNull();
  });

  it('puts the CSRF token on writes and the path parameters into the path', async () => {
    setCsrfToken('t0ken');
    serve(() => json(200, { ok: true }));
    await data(api.POST('/api/users/{id}/unlock', { params: { path: { id: 7 } } }));
    expect(seen[0].method).toBe('POST');
    expect(new URL(seen[0].url).pathname).toBe('/api/users/7/unlock');
    expect(seen[0].headers.get('X-CSRF-Token')).toBe('t0ken');
  });

  it('throws the server’s refusal as ApiError and reports an expired session', async () => {
    let expired = 0;
    onUnauthenticated(() => expired++);
    serve(() =>
      json(409, { code: 'conflict', message: '该报表已被他人修改', details: { currentVersion: 4 } }),
    );
    const refused = await data(api.GET('/api/dashboard', { params: { query: { year: 2025 } } })).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 409, code: 'conflict', details: { currentVersion: 4 } });
    expect(expired).toBe(0);
    serve(() => json(401, { code: 'unauthenticated', message: '请重新登录' }));
    await expect(data(api.GET('/api/audit', { params: { query: {} } }))).rejects.toMatchObject({
      status: 401,
    });
    expect(expired).toBe(1);
    // A wrong password at login is not an expired session.
    await expect(
      data(api.POST('/api/auth/login', { body: { username: 'a', password: 'b' } })),
    ).rejects.toMatchObject({ status: 401 });
    expect(expired).toBe(1);
  });

  it('gives Chinese messages for a proxy’s page, a lost connection and a garbled answer', async () => {
    serve(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(data(api.GET('/api/meta'))).rejects.toMatchObject({ code: 'http502' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(data(api.GET('/api/meta'))).rejects.toMatchObject({ code: 'network' });
    serve(
      () => new Response('{"items": [', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    await expect(data(api.GET('/api/meta'))).rejects.toMatchObject({ code: 'badResponse' });
  });
});

describe('schoolView', () => {
  it('turns the reports array into a record and lifts the year’s whole-school figures', () => {
    const base = {
      id: '2130012345',
      name: '九年一贯制学校',
      type: 'nineYear' as const,
      typeName: '九年一贯制学校',
      locality: 'town' as const,
      localityName: '镇区',
      regionCode: '130123',
      regionName: '清源县',
      countyCode: '130123',
      address: null,
      latitude: null,
      longitude: null,
      status: 'open' as const,
      mergedInto: null,
      firstYear: null,
      createdAt: '2025-09-01T00:00:00Z',
      updatedAt: '2025-09-01T00:00:00Z',
      stages: ['primary' as const, 'junior' as const],
      year: 2025,
      statusHistory: [],
    };
    const at = { updatedAt: '2025-10-01T00:00:00Z', submittedAt: null, reviewedAt: null };
    const s = schoolView({
      ...base,
      reports: [
        { stage: 'primary', status: 'approved', version: 3, ...at },
        { stage: 'junior', status: 'draft', version: 1, ...at },
      ],
      info: {
        sharedFacilities: { books: 1000 },
        seniorStudents: null,
        meetsProvincialStandard: true,
        rosterPosition: 1,
        updatedAt: '2025-10-01T00:00:00Z',
      },
    });
    expect(s.reports).toEqual({
      primary: { status: 'approved', version: 3 },
      junior: { status: 'draft', version: 1 },
    });
    expect(s.facilityScope).toBe('全校合计');
    expect(s.meetsProvincialStandard).toBe(true);
    expect(s.seniorStudents).toBeNull();
    const none = schoolView({ ...base, reports: [], info: null });
    expect(none.reports).toEqual({});
    expect(none.facilityScope).toBeUndefined();
  });
});

describe("ApiError's details", () => {
  it('reads the problems, the conflict and the outstanding reports by what the refusal is', () => {
    const issue = { code: 'invalidValue', message: '不能为负数', fix: '请填 0 或正整数', row: 3 };
    const invalid = new ApiError(422, 'importInvalid', '有错', [issue]);
    expect(invalid.issues()).toEqual([issue]);
    expect(invalid.conflict()).toBeNull();
    const conflict = new ApiError(409, 'conflict', '冲突', { currentVersion: 4, updatedByName: '填报员' });
    expect(conflict.conflict()).toEqual({ currentVersion: 4, updatedByName: '填报员' });
    expect(conflict.issues()).toEqual([]);
    const report = {
      schoolId: 'S1',
      schoolName: '一小',
      stage: 'primary' as const,
      status: 'missing' as const,
    };
    const outstanding = new ApiError(409, 'reportsOutstanding', '未审核', [report]);
    expect(outstanding.outstanding()).toEqual([report]);
    expect(outstanding.issues()).toEqual([]);
    expect(new ApiError(500, 'internal', '错').outstanding()).toEqual([]);
  });
});
