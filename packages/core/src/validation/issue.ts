/**
 * @module One problem found in an input, located by a JSON path.
 */

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
