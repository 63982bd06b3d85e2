/**
 * @module 均衡分班 placements, the repositories: a school's entrants of one grade, placed into N
 * classes by core's balanceClasses and compared with the snake draft; stored, re-run, read, listed
 * and published (公示 with masked names only); the head-teacher draw (班主任派位) recorded on a
 * published one. Names are minors' personal data: the roster with names is ONE sealed value
 * (PersonalCipher, sealed and opened by the server's commands); the plain `roster` column holds an
 * entrant key (E0001…), the masked name (core maskName) and what the balancing needs.
 *
 * Who may do what, the checks, the audit and what a viewer gets are the server's
 * (server/src/admission/classes: commands and present.ts); the rows (placementRecords.ts) and the
 * writes (placementWrites.ts) are here.
 */
export {
  isPlacementId,
  listPlacementRows,
  type PlacementRow,
  type PlacementStatus,
  placementRows,
  readPlacement,
  typedPlacement,
} from './placementRecords.js';
export {
  insertPlacement,
  type PlacementInsert,
  placementSchool,
  publishedOfGrade,
  readSealedStudents,
  recordHeadTeacherDraw,
  recordPublished,
  recordRun,
} from './placementWrites.js';
