/**
 * @module The public 划片 lookup's logic (pure, unit-tested): which intake year to show first, and
 * finding a 小区/村 by what a parent types.
 */
import type { Stage } from '@junheng/core';
import type {
  PublicZoning,
  PublicZoningArea,
  PublicZoningPlan,
  PublicZoningSchool,
} from '../../api/publicAdmission';
import { schoolYearOf } from '../../shared/format';

/** The intake year (招生年份) children start school in next: the autumn after the current 学年 began. */
export function nextIntakeYear(now: Date = new Date()): number {
  return schoolYearOf(now) + 1;
}

/** The years with a published plan, newest first. */
export function planYears(plans: readonly PublicZoningPlan[]): number[] {
  return [...new Set(plans.map((p) => p.year))].sort((a, b) => b - a);
}

/**
 * The year to show first: the next intake year if a plan of it is published, else the earliest
 * published year after it, else the latest published year (null when nothing is published).
 */
export function defaultYear(plans: readonly PublicZoningPlan[], now: Date = new Date()): number | null {
  const years = planYears(plans);
  if (years.length === 0) return null;
  const next = nextIntakeYear(now);
  const coming = years.filter((y) => y >= next);
  return coming.length > 0 ? Math.min(...coming) : years[0]!;
}

/** The stages published for a year (小学 first). */
export function planStages(plans: readonly PublicZoningPlan[], year: number | null): Stage[] {
  const stages = new Set(plans.filter((p) => p.year === year).map((p) => p.stage));
  return (['primary', 'junior'] as const).filter((s) => stages.has(s));
}

/**
 * What a name is compared as: no spaces, full-width letters and digits as half-width, lower case
 * (“阳光花园 3 期”, “阳光花园３期” and “阳光花园3期” are the same).
 */
export function normalizeName(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000·・.,，。、]/g, '')
    .toLowerCase();
}

export interface AreaMatch {
  area: PublicZoningArea;
  school: PublicZoningSchool;
}

/**
 * The 小区/村 a parent means by `query`: those whose name (or 乡镇 + name) contains what was typed,
 * and those whose name is contained in it (a full address such as “城关镇阳光花园3号楼” finds
 * 阳光花园). Best first: the exact name, then names starting with it, then the rest, shorter first
 * (names found inside the text: longer first).
 */
export function searchAreas(zoning: PublicZoning | null, query: string): AreaMatch[] {
  const q = normalizeName(query);
  if (!zoning || q.length === 0) return [];
  const found: { m: AreaMatch; rank: number; len: number }[] = [];
  // The same name in the same 乡镇 zoned to the same school once (a map may list a place twice).
  const seen = new Set<string>();
  for (const school of zoning.schools) {
    for (const area of school.areas) {
      const key = `${school.schoolId}|${area.township ?? ''}|${area.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = normalizeName(area.name);
      const full = normalizeName(`${area.township ?? ''}${area.name}`);
      let rank = -1;
      if (name === q || full === q) rank = 0;
      else if (name.startsWith(q)) rank = 1;
      else if (name.includes(q) || full.includes(q)) rank = 2;
      // The name inside a longer text: only names of two characters or more (not a lone “村”).
      else if (name.length >= 2 && q.includes(name)) rank = 3;
      // A name inside the text: the longest is the best guess (阳光花园 before 花园).
      if (rank >= 0) found.push({ m: { area, school }, rank, len: rank === 3 ? -name.length : name.length });
    }
  }
  found.sort(
    (a, b) => a.rank - b.rank || a.len - b.len || a.m.area.name.localeCompare(b.m.area.name, 'zh-CN'),
  );
  return found.map((f) => f.m);
}
