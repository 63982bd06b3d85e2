/**
 * @module One problem found in an input: as a validator finds it (ValidationIssue, located by a
 * JSON path), and as a person is shown it (Issue: a row of the error table — what is wrong, where,
 * and how to fix it — the one shape every refusal lists its problems in).
 */

/**
 * A problem as the error table shows it, and as every refusal with a list of problems carries it
 * (422 importInvalid, 400 invalidRequest): a file's cell, a form's field or a request's part.
 */
export interface Issue {
  /** Stable code of the kind of problem ('moreErrors' for the row counting errors not listed). */
  code: string;
  /** What is wrong, in Chinese. */
  message: string;
  /** How to fix it, in Chinese (the 如何修改 column). */
  fix: string;
  /** Where: the file as the user knows it, its worksheet, row (as Excel shows it) and column header. */
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  /** Where, in a JSON file or a request: a dotted path (`data.students`, `schools.3.name`). */
  path?: string;
  /** The value found (absent when the problem is a missing cell, column or field). */
  value?: unknown;
  /** On the 'moreErrors' row: how many problems it stands for. */
  omitted?: number;
}

export interface ValidationIssue {
  /** JSON path of the offending value, e.g. `schools[3].stages[0].students` ('' = the whole input). */
  path: string;
  /** The value found there (undefined when the key is missing). */
  value: unknown;
  /** What is wrong and how to fix it, in Chinese. */
  message: string;
}

/**
 * Show a value the way a clerk would recognise it: text in quotes, numbers as written.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return '（缺少）';
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One line for a person: `schools[3].stages[0].students 为 -3：不能为负数…`.
 */
export function formatValidationIssue(issue: ValidationIssue): string {
  const where = issue.path === '' ? '数据' : issue.path;
  if (issue.value === undefined) return `${where}：${issue.message}`;
  return `${where} 为 ${describeValue(issue.value)}：${issue.message}`;
}
