import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../demo/index.js';
import { Refusal } from '../messages/refusal.js';
import { outstandingRefusal, outstandingReports } from './publication.js';
import { checkRunRequest, datasetIssueDetails, isRunId, isRunYear } from './runRequest.js';

function refusal(f: () => unknown): Refusal {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    return err as Refusal;
  }
  throw new Error('expected a refusal');
}

describe('checkRunRequest', () => {
  const input = { countyCode: '130660', year: 2025, standard: 'both' as const, engineVersion: ' 1.0 ' };

  it('gives the standards to run and the trimmed version', () => {
    expect(checkRunRequest(input)).toEqual({ standards: ['basic', 'quality'], engineVersion: '1.0' });
    expect(checkRunRequest({ ...input, standard: 'quality' }).standards).toEqual(['quality']);
  });

  it('refuses in order: the county, the year, the standard, the version', () => {
    const r = refusal(() => checkRunRequest({ ...input, countyCode: 5 as never, year: 1 }));
    expect(r).toMatchObject({ code: 'notFound', message: '没有找到县级行政区划 5，或您无权访问该县的数据' });
    expect(refusal(() => checkRunRequest({ ...input, year: 1999, standard: 'x' as never })).message).toBe(
      '学年应为 2000 到 2100 之间的年份，收到 1999',
    );
    expect(refusal(() => checkRunRequest({ ...input, standard: 'all' as never })).code).toBe(
      'invalidRequest',
    );
    expect(refusal(() => checkRunRequest({ ...input, engineVersion: ' ' })).message).toBe(
      '缺少评估引擎版本号（engineVersion）',
    );
  });

  it('knows run ids and years', () => {
    expect([1, 0, 1.5, Number.MAX_SAFE_INTEGER + 1, '1'].map(isRunId)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([2000, 2100, 1999, 2025.5].map(isRunYear)).toEqual([true, true, false, false]);
  });
});

describe('datasetIssueDetails', () => {
  it('names the school and where to fix it, or the county', () => {
    const ds = generateDemoCounty({ schools: 3, year: 2025 });
    const s = ds.schools[1]!;
    const details = datasetIssueDetails(ds, [
      { path: 'schools[1].stages[0].students', value: -3, message: '在校生数不能为负数' },
      { path: 'countyInputs.x', value: 1, message: '未知的县级指标' },
    ]);
    expect(details[0]).toMatchObject({
      code: 'invalidData',
      path: 'schools[1].stages[0].students',
      message: expect.stringMatching(new RegExp(`^${s.name}（${s.id}）：`)),
      fix: `请在${s.name}的报表中改正后重新运行评估`,
      column: '学校标识码',
      value: s.id,
    });
    expect(details[1]).toMatchObject({ path: 'countyInputs.x', fix: '请改正县级数据后重新运行评估' });
    expect(details[1]).not.toHaveProperty('column');
  });
});

describe('outstandingReports', () => {
  const schools = [
    { id: 'A', name: '甲小学', type: 'primary' as const },
    { id: 'B', name: '乙学校', type: 'nineYear' as const },
    { id: 'C', name: '丙特校', type: 'special' as const },
    { id: 'D', name: '丁小学', type: 'primary' as const },
  ];

  it('lists the reports not approved or locked and the expected ones missing, in the schools’ order', () => {
    const list = outstandingReports(schools, [
      { schoolId: 'A', stage: 'primary', status: 'approved' },
      { schoolId: 'B', stage: 'primary', status: 'submitted' },
      { schoolId: 'C', stage: 'primary', status: 'draft' },
      { schoolId: 'D', stage: 'primary', status: 'locked' },
    ]);
    expect(list).toEqual([
      { schoolId: 'B', schoolName: '乙学校', stage: 'primary', status: 'submitted' },
      { schoolId: 'B', schoolName: '乙学校', stage: 'junior', status: 'missing' },
      // A special school is not expected to report, but a report it made is an input.
      { schoolId: 'C', schoolName: '丙特校', stage: 'primary', status: 'draft' },
    ]);
    const r = outstandingRefusal(list);
    expect(r).toMatchObject({ code: 'reportsOutstanding', details: list });
    expect(r.message).toBe(
      '还有 3 份报表未审核通过（已提交 1 份、未填报 1 份、填报中 1 份），如乙学校（小学）、乙学校（初中）、丙特校（小学）：全部报表审核通过后才能发布评估结果',
    );
    expect(outstandingRefusal([...list, list[0]!]).message).toContain('丙特校（小学）等：');
  });
});
