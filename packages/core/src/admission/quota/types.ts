/** A junior school (初中) that sends graduates to the quality high school. */
export interface QuotaSchool {
  id: string;
  name?: string;
  /** 应届毕业生数 (integer ≥ 0). */
  graduates: number;
  /** 乡村 school: its graduates are weighted by the rural tilt. */
  rural: boolean;
}

export interface QuotaOptions {
  /** The high school's 招生计划总数 (integer ≥ 0). */
  plan: number;
  /** Share of the plan that goes to 指标到校 (0–1); at least the rule's minShare. */
  share: number;
  /** Weight multiplier for 乡村 schools (≥ 1, e.g. 1.2). Default 1. */
  ruralWeight?: number;
  /** Least places for a school with graduates (capped at its graduates). Default 1. */
  minimum?: number;
}

/** One row of the shown calculation. */
export interface QuotaRow {
  schoolId: string;
  name?: string;
  graduates: number;
  rural: boolean;
  /** 1, or the rural weight. */
  weight: number;
  /** graduates × weight. */
  weightedGraduates: number;
  /** Guaranteed least places (minimum, or the untilted quota for a rural school, see allocate.ts). */
  guaranteed: number;
  /** True when the school was held at its guaranteed places instead of sharing proportionally. */
  heldAtGuarantee: boolean;
  /** True when the school's share exceeded its graduates and it was held at them. */
  heldAtCap: boolean;
  /** Proportional quota before rounding (the guarantee for a held school). */
  exactQuota: number;
  floor: number;
  /** exactQuota − floor. */
  remainder: number;
  /** 1 when the school received one of the leftover seats by largest remainder. */
  extraSeat: 0 | 1;
  final: number;
}

export interface QuotaAllocation {
  plan: number;
  share: number;
  /** Places allocated to junior schools: ceil(plan × share), so the share is never under-met. */
  places: number;
  /** Places left to the high school's own 统招. */
  unallocated: number;
  /**
   * Allocated places that no school can take: more places than the graduates of all schools
   * together (each school gets at most its graduates). 0 when the graduates suffice.
   */
  unplaced: number;
  ruralWeight: number;
  minimum: number;
  /** Places shared proportionally after the held schools took their guarantee or cap. */
  proportionalPlaces: number;
  /** Seats given by largest remainder. */
  leftoverSeats: number;
  rows: QuotaRow[];
}
