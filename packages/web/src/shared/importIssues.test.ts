import { describe, expect, it } from 'vitest';
import { asIssues, issueTotal } from './importIssues';

describe('import error rows', () => {
  it('keeps the fix of every row for the 如何修改 column, and gives one where the server sent none', () => {
    const issues = asIssues(
      [
        {
          code: 'invalidValue',
          file: 'a.xlsx',
          row: 3,
          column: '在校生数（人）',
          value: -1,
          message: '不能为负数',
          fix: '请填 0 或正整数',
        },
        { message: '旧数据' },
        {
          code: 'moreErrors',
          file: 'a.xlsx',
          message: '另有 950 处错误未列出',
          fix: '请先改正以上错误后重新上传',
          omitted: 950,
        },
      ],
      '上传.xlsx',
    );
    expect(issues.map((i) => i.fix)).toEqual([
      '请填 0 或正整数',
      '请对照模板改正后重新上传',
      '请先改正以上错误后重新上传',
    ]);
    expect(issues[1]!.file).toBe('上传.xlsx');
    expect(issueTotal(issues)).toBe(952);
  });
});
