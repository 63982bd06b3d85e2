/**
 * @module The rows of an import's error table from a 422 importInvalid answer: every row has a
 * problem and how to fix it; the last row may stand for errors not listed ("另有 N 处错误未列出").
 */
import type { ImportIssue } from '../api/errorDetails';

/** The issues of a 422 importInvalid `details`, with the file name where the server left it out. */
export function asIssues(details: unknown, file: string): ImportIssue[] {
  if (!Array.isArray(details)) return [];
  return details.map((d) => {
    const o = (d ?? {}) as Record<string, unknown>;
    const issue: ImportIssue = {
      file: typeof o.file === 'string' ? o.file : file,
      sheet: typeof o.sheet === 'string' ? o.sheet : undefined,
      row: typeof o.row === 'number' ? o.row : null,
      column: typeof o.column === 'string' ? o.column : o.column == null ? null : String(o.column),
      value: o.value,
      message: typeof o.message === 'string' ? o.message : '数据有误',
      fix: typeof o.fix === 'string' && o.fix !== '' ? o.fix : '请对照模板改正后重新上传',
    };
    if (typeof o.code === 'string') issue.code = o.code;
    if (typeof o.omitted === 'number') issue.omitted = o.omitted;
    return issue;
  });
}

/** How many problems the list stands for: its rows, plus those the "另有 N 处" row counts. */
export function issueTotal(issues: readonly ImportIssue[]): number {
  return issues.reduce((n, i) => n + (i.code === 'moreErrors' ? (i.omitted ?? 0) : 1), 0);
}
