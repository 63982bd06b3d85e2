/**
 * @module Region codes (GB/T 2260 + 统计用区划代码) as jurisdiction scopes, compared level by level.
 *
 * A user's scope is a *whole level* of the code: province '13', city '1306', county '130660',
 * township '130660101'. Comparing raw strings with startsWith is wrong in both directions:
 * '13066' (no such level) would reach the neighbouring county '130661', the stored city code
 * '130600' would reach nothing under it, and '' would reach everything. So both codes are parsed
 * into levels first and anything that is not a whole level is rejected (denied), never guessed.
 */

/** 行政区划层级. */
export type RegionLevel = 'province' | 'city' | 'county' | 'township';

/** A jurisdiction: its level and the digits that every code under it starts with. */
export interface RegionScope {
  level: RegionLevel;
  /** 2, 4, 6 or 9 digits; a code is inside the scope exactly when it starts with these. */
  prefix: string;
}

const DIGITS = /^[0-9]+$/;

/** A county part (6 digits) that is a real county: province ≠ 00 and the last two digits ≠ 00. */
function isCountyCode(code: string): boolean {
  return code.length === 6 && DIGITS.test(code) && !code.startsWith('0') && !code.endsWith('00');
}

/**
 * Parses a code a user's scope may be given in: the short forms '13' / '1306', the stored 6-digit
 * forms '130000' / '130600' / '130660', or a township '130660101'.
 * @param code region code as stored in app_user.region_code (or its short form)
 * @returns the scope, or null when the code is not a whole level (e.g. '13066', '1306601', '')
 */
export function parseRegionScope(code: string | null | undefined): RegionScope | null {
  if (typeof code !== 'string' || !DIGITS.test(code) || code.startsWith('0')) return null;
  switch (code.length) {
    case 2:
      return { level: 'province', prefix: code };
    case 4:
      // '1300' would be a province written as a city.
      return code.endsWith('00') ? null : { level: 'city', prefix: code };
    case 6:
      if (code.endsWith('0000')) return { level: 'province', prefix: code.slice(0, 2) };
      if (code.endsWith('00')) return { level: 'city', prefix: code.slice(0, 4) };
      return { level: 'county', prefix: code };
    case 9:
      return isCountyCode(code.slice(0, 6)) ? { level: 'township', prefix: code } : null;
    default:
      return null;
  }
}

/**
 * Parses the code a resource sits in: schools, reports and county data live in a county (6 digits)
 * or a township under it (9 digits), never directly in a city or province.
 * @param code the resource's region code
 * @returns the code's level, or null when it is no county or township code
 */
export function resourceRegionLevel(code: string | null | undefined): 'county' | 'township' | null {
  if (typeof code !== 'string') return null;
  if (isCountyCode(code)) return 'county';
  if (code.length === 9 && DIGITS.test(code) && isCountyCode(code.slice(0, 6))) return 'township';
  return null;
}

/**
 * Whether a resource's region lies inside a scope. Because the scope prefix is a whole level and
 * the resource code is a whole county or township code, startsWith compares whole levels here.
 * @param scope a parsed scope (see parseRegionScope)
 * @param resourceCode the resource's county or township code
 * @returns true when the resource is in the subtree; false for malformed codes
 */
export function regionContains(scope: RegionScope, resourceCode: string | null | undefined): boolean {
  if (resourceRegionLevel(resourceCode) === null) return false;
  return (resourceCode as string).startsWith(scope.prefix);
}

/** Levels whose users may write (county bureau, township 学区); city and province only read. */
export function isWritableLevel(level: RegionLevel): boolean {
  return level === 'county' || level === 'township';
}
