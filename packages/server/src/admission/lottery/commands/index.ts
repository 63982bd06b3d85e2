/**
 * @module The 电脑派位 commands (docs/lottery.md): created committed (canonical list and its
 * commitment published at once), drawn once in public with a seed of ≥ 20 digits, immutable from
 * then on (the database's trigger), audited, and readable by anyone (commitment before the draw,
 * result after). Who may do what: drawAccess.ts. The repositories: @junheng/db lotteryDraws.ts;
 * the checks of what a draw is created with and what is entered at it: core drawInput.ts.
 */
export { conductDraw } from './conductDraw.js';
export { createDraw } from './createDraw.js';
export { drawResource } from './drawAccess.js';
export {
  drawnResult,
  drawProtocol,
  exportDrawProtocol,
  getDraw,
  getPublicDraw,
  listDraws,
  listPublicDraws,
  type PublicContext,
  publicDrawPage,
} from './readDraws.js';
export {
  canCreateDraw,
  checkStandaloneDraw,
  createDrawFromUpload,
  createStandaloneDraw,
  generateSecrets,
  type NewStandaloneDraw,
  type Upload,
} from './standaloneDraws.js';
