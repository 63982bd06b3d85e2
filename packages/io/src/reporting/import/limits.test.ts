import { describe, expect, it } from 'vitest';
import { importQuotaSchoolsBuffer } from '../../admission/quota/schools.js';
import { ErrorSink, errorCount, listedErrors, MAX_LISTED_ERRORS, toIssue } from './errors.js';
import { IMPORT_ROW_CAPS } from './limits.js';

describe('row caps per import kind', () => {
  it('refuses a CSV with more rows than the import can mean, naming the cap', async () => {
    const cap = IMPORT_ROW_CAPS.quotaSchools.rows;
    const rows = Array.from({ length: cap + 50 }, (_, i) => `${i},第${i}中学,100,否`);
    const r = await importQuotaSchoolsBuffer(
      Buffer.from(['学校代码,学校名称,毕业生数,乡村学校', ...rows].join('\n')),
      '初中.csv',
    );
    expect(r.errors).toEqual([
      {
        file: '初中.csv',
        code: 'tooManyRows',
        message: `文件“初中.csv”有 ${cap + 51} 行数据，超过学校名单每个工作表 ${cap} 行的上限`,
        fix: expect.stringContaining('分成几个文件'),
      },
    ]);
  });
});

describe('error lists', () => {
  it('keeps a thousand errors, counts the rest, and lists 200 with "另有 N 处错误未列出"', () => {
    const sink = new ErrorSink('a.xlsx', '学校');
    for (let i = 0; i < 5000; i++)
      sink.add('不能为负数：请填 0 或正整数', { row: i + 2, column: '在校生数' });
    expect(sink.errors.length).toBeLessThanOrEqual(1001);
    expect(errorCount(sink.errors)).toBe(5000);
    const listed = listedErrors(sink.errors);
    expect(listed).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(listed.at(-1)).toMatchObject({
      code: 'moreErrors',
      message: '另有 4800 处错误未列出',
      omitted: 4800,
    });
  });

  it('splits "problem：fix" and gives every error a code and a fix', () => {
    expect(
      toIssue({
        file: 'a.xlsx',
        row: 3,
        column: '在校生数',
        value: -1,
        message: '不能为负数：请填 0 或正整数',
      }),
    ).toEqual({
      code: 'invalidValue',
      file: 'a.xlsx',
      row: 3,
      column: '在校生数',
      value: -1,
      message: '不能为负数',
      fix: '请填 0 或正整数',
    });
    expect(
      toIssue({ file: 'a.xlsx', sheet: '学校', row: 4, message: '第 2 行：编号 “A” 与上一行重复' }),
    ).toMatchObject({
      code: 'invalidRow',
      message: '第 2 行：编号 “A” 与上一行重复',
      fix: '请改正第 4 行，然后重新上传',
    });
    expect(toIssue({ file: 'a.xlsx', message: '名单只有表头' }).fix).toBe('请对照模板检查文件，然后重新上传');
  });
});
