/**
 * @module The rows of an import's error table from a 422 importInvalid answer: every row has a
 * problem and how to fix it; the last row may stand for errors not listed ("另有 N 处错误未列出").
 */
import type { Issue } from '@junheng/core';
import { t } from './messages';

/**
 * The issues of a 422 importInvalid `details`, with the file name where the server left it out.
 * Read defensively (unknown): a row without a code or fix still shows, with a generic fix.
 */
export function asIssues(details: unknown, file: string): Issue[] {
  if (!Array.isArray(details)) return [];
  return details.map((d) => {
    const o = (d ?? {}) as Partial<Issue>;
    const issue: Issue = {
      code: typeof o.code === 'string' ? o.code : 'invalidValue',
      file: typeof o.file === 'string' ? o.file : file,
      message: typeof o.message === 'string' ? o.message : t('web.shared.issueMessage'),
      fix: typeof o.fix === 'string' && o.fix !== '' ? o.fix : t('web.shared.issueFix'),
    };
    if (typeof o.sheet === 'string') issue.sheet = o.sheet;
    if (typeof o.row === 'number') issue.row = o.row;
    if (typeof o.column === 'string') issue.column = o.column;
    if (o.value !== undefined) issue.value = o.value;
    if (typeof o.omitted === 'number') issue.omitted = o.omitted;
    return issue;
  });
}

/** How many problems the list stands for: its rows, plus those the "另有 N 处" row counts. */
export function issueTotal(issues: readonly Issue[]): number {
  return issues.reduce((n, i) => n + (i.code === 'moreErrors' ? (i.omitted ?? 0) : 1), 0);
}
