/**
 * @module 招生轮次 (admission rounds): a county's round of a year and 学段 with its categories in
 * priority order, its planned places per school, its ONE lottery draw and the admission result.
 *
 * Decisions:
 * - Access: a round is an `admissionPlan` of its county (the bureau edits; inspectors, city and
 *   province read the round and its per-school table — aggregates, no child's data). A school user
 *   reads an admitted round of its county, and only its own school's row of the results.
 * - Life cycle: open → committed (`commitRoundDraw`: the draw is created from the applicants, one
 *   entry per family; applicants, categories and places are frozen, also by trigger) → admitted
 *   (`admitRound`: after the draw, core's admitByZone places every child; once, audited).
 * - Optimistic concurrency: every change raises `version`; a write naming an older version is a
 *   409 conflict with nothing written.
 * - A school's group for 随迁子女保障 (same township first) is its township region when it has one,
 *   else the township its name begins with (柳林镇中心小学 → 柳林镇), else 县城.
 *
 * The API of rounds, gathered here for index.ts: the shapes (roundTypes.ts), reading
 * (roundQueries.ts), creating and changing (roundCommands.ts), committing the draw and admitting
 * (roundAdmission.ts). The stored row and its shaping (roundRecords.ts) and the access guards
 * (roundAccess.ts) are shared with the applicants (applicants.ts).
 */
export { admitRound, commitRoundDraw } from './roundAdmission.js';
export { createRound, updateRound } from './roundCommands.js';
export { getRound, listRounds, roundResults } from './roundQueries.js';
export {
  type AdmissionStage,
  type NewRound,
  ROUND_STATUS_NAMES,
  type RoundChanges,
  type RoundDetail,
  type RoundResults,
  type RoundSchool,
  type RoundStatus,
  type RoundSummary,
  type SchoolResultRow,
} from './roundTypes.js';
