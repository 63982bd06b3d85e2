/**
 * @module Estimated unit costs (元) used only to choose between minimum plans of equal effect
 * (which indicator a school may leave at 85%). They are rough county-level estimates, not
 * standards: a bureau replaces them with its own prices.
 */
import type { IndicatorId } from '../indicators/catalogue.js';

export type UnitCosts = Partial<Record<IndicatorId, number>>;

export const DEFAULT_UNIT_COSTS: Record<IndicatorId, number> = {
  // a teacher post for one year (salary and on-costs)
  aboveDegreePer100: 150_000,
  // training and recognising an existing teacher as 县级骨干, or rotating one in
  backbonePer100: 30_000,
  peArtsPer100: 150_000,
  // new construction per m²
  teachingSpacePerStudent: 3_500,
  sportsSpacePerStudent: 500,
  equipmentPerStudent: 1,
  // one fitted networked multimedia classroom
  multimediaPer100: 80_000,
  computersPer100: 5_000,
  booksPerStudent: 30,
  teachersPerStudent: 150_000,
  aboveDegreePerStudent: 150_000,
  midTitlePerStudent: 30_000,
};
