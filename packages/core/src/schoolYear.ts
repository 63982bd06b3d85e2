/** @module The school year a date falls in, in the bureau's time zone. */

/**
 * The school year running at a moment in China (Asia/Shanghai): from September it is the
 * calendar year's own, before that the previous one (2026-03 → 2025, i.e. 2025—2026学年). Same rule
 * as io's currentSchoolYear, but in the bureau's time zone rather than the process's.
 * @param now the moment
 */
export function shanghaiSchoolYear(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return month >= 9 ? year : year - 1;
}
