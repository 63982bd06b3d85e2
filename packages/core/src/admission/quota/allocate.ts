/**
 * @module 指标到校: a quality high school's allocated places shared among junior schools in
 * proportion to their graduates, rural schools weighted up, by largest remainder (Hamilton).
 *
 * Guarantees, in this order:
 * - a school with graduates gets at least `minimum` places (capped at its graduates);
 * - no school gets more places than its graduates: places beyond the graduates of all schools
 *   together cannot be placed and are reported as `unplaced`;
 * - a rural school never gets fewer places than it would with no tilt (ruralWeight = 1): Hamilton
 *   alone can take a seat from a school whose exact share grew (the population paradox), so each
 *   rural school's untilted quota is its guarantee in the tilted run;
 * - the finals add up to the allocated places less the unplaced ones exactly.
 */
import { type LrEntry, largestRemainder } from './largestRemainder.js';
import { QUOTA_SHARE_2017, type QuotaShareRule } from './share.js';
import type { QuotaAllocation, QuotaOptions, QuotaRow, QuotaSchool } from './types.js';

/** Weights are scaled to integers: a multiplier is exact to 6 decimals. */
const SCALE = 1_000_000;

function checkInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what}必须是非负整数，收到 ${value}`);
}

/** Places allocated for a plan and share: ceil(plan × share), so the share is met. */
export function allocatedPlaces(plan: number, share: number): number {
  // The small tolerance keeps 0.5 × 300 at 150 despite binary floating point.
  return Math.max(0, Math.ceil(plan * share - 1e-9));
}

export function allocateQuota(
  schools: readonly QuotaSchool[],
  options: QuotaOptions,
  rule: QuotaShareRule = QUOTA_SHARE_2017,
): QuotaAllocation {
  const { plan, share } = options;
  const ruralWeight = options.ruralWeight ?? 1;
  const minimum = options.minimum ?? 1;
  checkInteger(plan, '招生计划数');
  checkInteger(minimum, '每校保底名额');
  if (!(share >= rule.minShare && share <= 1)) {
    throw new RangeError(`分配比例须在 ${rule.minShare * 100}%–100% 之间（${rule.document}），收到 ${share}`);
  }
  if (!(Number.isFinite(ruralWeight) && ruralWeight >= 1)) {
    throw new RangeError(`乡村倾斜系数须 ≥ 1，收到 ${ruralWeight}`);
  }
  const ids = new Set<string>();
  for (const s of schools) {
    checkInteger(s.graduates, `${s.id} 的毕业生数`);
    if (ids.has(s.id)) throw new RangeError(`学校代码重复：${s.id}`);
    ids.add(s.id);
  }
  const places = allocatedPlaces(plan, share);
  const graduates = schools.reduce((n, s) => n + s.graduates, 0);
  const placeable = Math.min(places, graduates);
  const floorOf = (s: QuotaSchool) => Math.min(minimum, s.graduates);
  const entries = (multiplier: number, lower: (s: QuotaSchool, i: number) => number): LrEntry[] =>
    schools.map((s, i) => ({
      id: s.id,
      graduates: s.graduates,
      weight: BigInt(s.graduates) * BigInt(Math.round((s.rural ? multiplier : 1) * SCALE)),
      lower: lower(s, i),
      upper: s.graduates,
    }));
  const untilted = largestRemainder(placeable, entries(1, floorOf));
  const tilted =
    ruralWeight === 1
      ? untilted
      : largestRemainder(
          placeable,
          entries(ruralWeight, (s, i) => (s.rural ? Math.max(floorOf(s), untilted[i]!.final) : floorOf(s))),
        );
  const rows: QuotaRow[] = schools.map((s, i) => {
    const r = tilted[i]!;
    const weight = s.rural ? ruralWeight : 1;
    const guaranteed = ruralWeight !== 1 && s.rural ? Math.max(floorOf(s), untilted[i]!.final) : floorOf(s);
    const row: QuotaRow = {
      schoolId: s.id,
      graduates: s.graduates,
      rural: s.rural,
      weight,
      weightedGraduates: s.graduates * weight,
      guaranteed,
      heldAtGuarantee: r.held,
      heldAtCap: r.capped,
      exactQuota: r.exact,
      floor: r.floor,
      remainder: r.remainder,
      extraSeat: r.extra,
      final: r.final,
    };
    if (s.name !== undefined) row.name = s.name;
    return row;
  });
  const heldPlaces = rows.reduce((n, r) => n + (r.heldAtGuarantee || r.heldAtCap ? r.final : 0), 0);
  return {
    plan,
    share,
    places,
    unallocated: plan - places,
    unplaced: places - placeable,
    ruralWeight,
    minimum,
    proportionalPlaces: placeable - heldPlaces,
    leftoverSeats: rows.reduce((n, r) => n + r.extraSeat, 0),
    rows,
  };
}
