/**
 * @module 招生申请 commands: a county's admission rounds (categories, schools and places), their
 * applicants (entered one by one or imported, read in full and exported, audited), the round's
 * lottery list committed as its ONE draw, admission by category and the results. Each is
 * `(ctx, props) → result`: policy (access.ts) → core checks → db repositories → recordChange.
 *
 * Decisions:
 * - Access: a round is an `admissionPlan` of its county (the bureau edits; inspectors, city and
 *   province read the round and its per-school table — aggregates, no child's data). A school user
 *   reads an admitted round of its county, and only its own school's row of the results.
 * - Life cycle: open → committed (`commitRoundDraw`: the draw is created from the applicants, one
 *   entry per family; applicants, categories and places are frozen, also by trigger) → admitted
 *   (`admitRound`: after the draw, core's admitByZone places every child; once, audited).
 * - Optimistic concurrency: every change raises `version`; a write naming an older version is a
 *   409 conflict with nothing written. Every add, change, removal and import of an applicant raises
 *   the round's version too: the commit names the version the user reviewed.
 * - A school's group for 随迁子女保障 (same township first) is its township region when it has one,
 *   else the township its name begins with (柳林镇中心小学 → 柳林镇), else 县城.
 * - Applicants: personal data (name, ID number, guardian, phone, address, 特殊需要说明, the 核验码)
 *   is sealed with the county's PersonalCipher; lists read the masked columns and never decrypt;
 *   audit events hold masked values only. `applicant` resources of the round's county, with
 *   schoolId = the school the child was placed at: the bureau reads and changes all; a school user
 *   reads the children placed at its school; inspectors and city users get 403 on children's data;
 *   anyone else 404. 'view' gives the masked list (and a masked export); 'viewPersonal' a child's
 *   full record and an export with personal data: the bureau, and the school's clerk for its
 *   admitted children — not the principal.
 * - Checks: core's checkApplicantFields (the same Chinese messages as the Excel import), plus a
 *   duplicate ID number in the round (found by opening the sealed numbers).
 * - Tickets: `<year>-<serial>` from the round's counter, never reused.
 * - 核验码: the family's lottery entry is committed with its FIRST child's secret (ticket order), so
 *   every member's full record and export show that secret with the family's first ticket; only
 *   the county's bureau (who prints the notices) gets it.
 */
export { admitRound, commitRoundDraw } from './admission.js';
export {
  type ImportedApplicants,
  importApplicantFile,
  importApplicants,
  roundForImport,
} from './applicantImport.js';
export { type ApplicantExport, exportApplicants, getApplicant, listApplicants } from './applicantReads.js';
export { addApplicant, removeApplicant, updateApplicant } from './applicants.js';
export { getRound, listRounds, roundResults } from './roundReads.js';
export { createRound, type NewRound, type RoundChanges, updateRound } from './rounds.js';
