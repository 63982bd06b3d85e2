/**
 * @module 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male, even = female) and a check character (ISO 7064 MOD 11-2: weights 2^(17−i) mod 11,
 * check = (12 − Σ mod 11) mod 11, written X for 10). Used by the applicant import and forms.
 */
import type { RuleResult } from './rules.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The number as stored: full-width digits made half-width, spaces removed, x → X. */
export function normalizeResidentId(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The check character a 17-digit body calls for. */
export function residentIdCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= days[m - 1]!;
}

/**
 * Whether a 公民身份号码 is well formed (18 characters, a real birth date, the right check character).
 * @param id the value as typed (normalise first with normalizeResidentId)
 * @returns why it is wrong and how to fix it, or undefined
 */
export function checkResidentId(id: unknown): RuleResult {
  if (typeof id !== 'string') return '应为 18 位身份证号码（文本），不要写成数值（数值会丢失末位）';
  const s = id;
  if (s === '') return '不能为空：请填写 18 位公民身份号码';
  if (!/^\d{17}[\dX]$/.test(s)) {
    if (/^\d{15}$/.test(s)) return '这是 15 位旧身份证号码：请填写 18 位公民身份号码';
    return `应为 18 位（17 位数字加 1 位数字或 X），当前为 ${[...s].length} 位：请对照户口簿核对`;
  }
  if (s[0] === '0') return '前 6 位地址码不能以 0 开头：请对照户口簿核对';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1800 || !validDate(y, m, d)) {
    return `第 7—14 位出生日期 ${s.slice(6, 14)} 不是有效日期：请对照户口簿核对`;
  }
  const want = residentIdCheckChar(s.slice(0, 17));
  if (s[17] !== want) return '校验位不正确（号码中有数字录错或顺序颠倒）：请对照户口簿逐位核对';
  return undefined;
}

/** What a valid number says about the child. */
export interface ResidentIdInfo {
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM */
  birthMonth: string;
  gender: 'male' | 'female';
}

/** Birth date and gender of a number that passed checkResidentId. */
export function residentIdInfo(id: string): ResidentIdInfo {
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return {
    birthDate,
    birthMonth: birthDate.slice(0, 7),
    gender: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  };
}
