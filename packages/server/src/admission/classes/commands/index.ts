/**
 * @module The 均衡分班 commands: a school's entrants of one grade placed into N classes by core's
 * balanceClasses and compared with the snake draft; created (names sealed), run, read, listed and
 * published (公示 with masked names only), the school's own full lists opened (audited), and the
 * head-teacher draw of a published placement. Who may do what: placementAccess.ts; what a viewer
 * gets: ../present.ts; the repositories: @junheng/db classPlacements.ts.
 */
export { publishPlacement, runPlacement } from './changePlacement.js';
export {
  createPlacement,
  createPlacementOf,
  importPlacement,
  type NewClassPlacement,
  type NewPlacementRequest,
  type Upload,
} from './createPlacement.js';
export { createHeadTeacherDraw, headTeacherTable } from './headTeachers.js';
export {
  exportClassLists,
  getPlacement,
  listPlacements,
  type NamedClassList,
  placementNames,
} from './readPlacements.js';
