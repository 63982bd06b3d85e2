import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl, errorFromResponse, messageOf } from './client';
import { filenameFromDisposition } from './download';
import { asOptions, asPage, asSchoolDetail, asVerdict, asYears } from './normalize';

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

describe('normalize', () => {
  it('reads a list as a page or an array', () => {
    expect(asPage([1, 2])).toEqual({ items: [1, 2], total: 2, page: 1, pageSize: 2 });
    expect(asPage({ items: [1], total: 40, page: 2, pageSize: 20 })).toEqual({
      items: [1],
      total: 40,
      page: 2,
      pageSize: 20,
    });
    expect(asPage(null, 3, 50)).toEqual({ items: [], total: 0, page: 3, pageSize: 50 });
  });

  it('reads options in the forms a server may send', () => {
    expect(asOptions([{ value: 'primary', label: '小学' }])).toEqual([{ value: 'primary', label: '小学' }]);
    expect(asOptions([{ key: 'urban', name: '城区' }])).toEqual([{ value: 'urban', label: '城区' }]);
    expect(asOptions({ draft: '填报中' })).toEqual([{ value: 'draft', label: '填报中' }]);
    expect(asOptions(['a'])).toEqual([{ value: 'a', label: 'a' }]);
    expect(asOptions(undefined)).toEqual([]);
  });

  it('reads a verdict as a status or an object', () => {
    expect(asVerdict('met')).toEqual({ status: 'met', reasons: [] });
    expect(
      asVerdict({ status: 'unmet', reasons: ['小学综合差异系数 0.70 高于 0.65'] })?.reasons,
    ).toHaveLength(1);
    expect(asVerdict(null)).toBeNull();
    expect(asVerdict('bogus' as never)).toBeNull();
  });

  it('reads years newest first', () => {
    expect(asYears([2023, { year: 2025 }, 2024, 2025])).toEqual([2025, 2024, 2023]);
    expect(asYears(undefined)).toEqual([]);
  });
});

describe('asSchoolDetail', () => {
  it('turns the reports array into a record and lifts the year’s whole-school figures', () => {
    const s = asSchoolDetail({
      id: '2130012345',
      name: '九年一贯制学校',
      type: 'nineYear',
      stages: ['primary', 'junior'],
      reports: [
        { stage: 'primary', status: 'approved', version: 3 },
        { stage: 'junior', status: 'draft', version: 1 },
      ],
      info: { sharedFacilities: { books: 1000 }, seniorStudents: null, meetsProvincialStandard: true },
    });
    expect(s.reports).toEqual({
      primary: { status: 'approved', version: 3 },
      junior: { status: 'draft', version: 1 },
    });
    expect(s.facilityScope).toBe('全校合计');
    expect(s.meetsProvincialStandard).toBe(true);
    expect(s.seniorStudents).toBeNull();
  });

  it('keeps a record of reports and leaves unknown figures out', () => {
    const s = asSchoolDetail({
      id: 'x',
      stages: ['primary'],
      reports: { primary: { status: 'draft', version: 1 } },
      info: null,
    });
    expect(s.reports.primary?.version).toBe(1);
    expect(s.facilityScope).toBeUndefined();
  });
});
