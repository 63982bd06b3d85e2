/**
 * @module 均衡分班: a school's entrants of one grade, placed into N classes by core's
 * balanceClasses and compared with the snake draft on the same students; stored, re-run, read,
 * listed and published (公示 with masked names only).
 *
 * Decisions:
 * - Names are minors' personal data. The roster with names is ONE sealed value (PersonalCipher);
 *   the plain `roster` column holds an entrant key (E0001…), the masked name (core maskName) and
 *   what the balancing needs (gender, entry score, 随班就读, 留守, the 同班组 / 分开组 codes). Running,
 *   reading, listing and publishing never decrypt. Only {@link placementNames} opens the seal, for
 *   the school's own full list, and it writes an audit event.
 * - Access: kind admissionPlan with the school's id and region. The school's users do their own
 *   分班 (rules.ts school.classes: view, edit, export); the county bureau may do any school's of its
 *   county (bureau.admission); inspectors and the city read. Invisible → 404 (notFound), visible but
 *   not editable → 403. Publishing is part of 分班 and needs `edit` (the rules give a school no
 *   `publish` on admissionPlan; a published list is masked, so nothing personal is disclosed).
 * - What a viewer gets ({@link PlacementDetail}): the school's own users and the county bureau, who
 *   may see the children's records (kind applicant), get everything (masked roster with 随班就读 /
 *   留守 flags, the full report). Other officials who read admission plans (inspectors, the city,
 *   the admin) get the aggregate report (per-class counts, constraint checks without members) but
 *   no child's flags. Whoever may view the placement only because it is published gets the class
 *   lists (class, number, masked name, gender) and nothing about special needs, 留守 or 同班/分开
 *   groups (a disability or family situation is not for a notice board).
 * - Every change raises `version` by one; a write naming an older version is refused (409
 *   conflict), and every change is one transaction with its audit event (no names in it).
 * - A published placement is final: it is not re-run (wrongState), and only one placement per
 *   school, year and stage is published (the schema enforces both). The head-teacher draw
 *   (classPlacementDraws.ts) is made only for a published placement, once: the children's classes
 *   are fixed before anyone learns which teacher takes which class, so a school cannot re-place
 *   children (another seed, renamed classes, another placement) after the draw.
 *
 * The API of placements, gathered here for index.ts: the shapes (placementTypes.ts), creating,
 * running and publishing (placementCommands.ts), reading (placementQueries.ts). The stored row and
 * what a viewer gets of it (placementRecords.ts) are shared by them and by the head-teacher draw
 * (placementDrawLinks.ts, classPlacementDraws.ts).
 */
export { createPlacement, publishPlacement, runPlacement } from './placementCommands.js';
export { getPlacement, listPlacements, placementNames } from './placementQueries.js';
export { placementDetail, placementNotFound } from './placementRecords.js';
export type {
  ClassPlacementListQuery,
  ClassPlacementSummary,
  ClassPlacementView,
  NewClassPlacement,
  PlacementDetail,
  PlacementStatus,
} from './placementTypes.js';
