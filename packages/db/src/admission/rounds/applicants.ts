/**
 * @module 招生申请 (applicants of an admission round): add, edit, remove, list (masked), read one
 * in full (audited), export with personal data (audited), import all or nothing.
 *
 * Decisions:
 * - Personal data (name, ID number, guardian, phone, address, 特殊需要说明, the 核验码) is sealed
 *   with the county's PersonalCipher; lists read the masked columns and never decrypt. Audit events
 *   hold masked values only. The ID mask keeps the last two characters (core maskIdNumber): with
 *   the stored birth month and gender, more would let a copy of the database narrow the number
 *   down. Notes stored in plain text before they were sealed are sealed at start-up
 *   ({@link sealPlainNotes}).
 * - Access: `applicant` resources of the round's county, with schoolId = the school the child was
 *   placed at. The county's bureau reads and changes all; a school user reads the children placed
 *   at its school; inspectors and city/province users (who see the round's aggregates) get 403 on
 *   children's data; anyone else 404. 'view' gives the masked list (and a masked export);
 *   'viewPersonal' a child's full record and an export with personal data: the bureau, and the
 *   school's clerk for its admitted children — not the principal (README, core policies).
 * - Checks: core's checkApplicantFields (the same Chinese messages as the Excel import), plus a
 *   duplicate ID number in the round (found by opening the sealed numbers of the round: they are
 *   randomised ciphertext, so no SQL equality can find them — a few thousand AES-GCM opens take
 *   milliseconds).
 * - Tickets: `<year>-<serial>` from the round's counter, never reused.
 * - Applicants are frozen once the round's draw is committed (also by trigger).
 * - Every add, change, removal and import raises the round's version: the commit names the version
 *   the user reviewed, so a list changed since (a colleague's import) is a 409, not a silent commit.
 * - 核验码: the family's lottery entry is committed with its FIRST child's secret (ticket order), so
 *   every member's full record and export show that secret with the family's first ticket; only
 *   the county's bureau (who prints the notices) gets it.
 *
 * The API of applicants, gathered here for index.ts: the shapes (applicantTypes.ts), one child's
 * add, change and removal (applicantCommands.ts), the masked list (applicantQueries.ts), the full
 * record and the export (applicantRecords.ts), the import (applicantImport.ts) and the sealing of
 * old plain notes (applicantSealing.ts). The stored row (applicantRows.ts) and the field checks
 * (applicantChecks.ts) are shared by them.
 */
export { addApplicant, removeApplicant, updateApplicant } from './applicantCommands.js';
export { importApplicants } from './applicantImport.js';
export { listApplicants } from './applicantQueries.js';
export { exportApplicants, getApplicant } from './applicantRecords.js';
export { sealPlainNotes } from './applicantSealing.js';
export type {
  ApplicantDetail,
  ApplicantImportRow,
  ApplicantListItem,
  ApplicantListQuery,
  ApplicantRowError,
  ApplicantStatus,
} from './applicantTypes.js';
