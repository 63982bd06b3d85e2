/**
 * @module Stored 电脑派位 draws (docs/lottery.md), the repositories: created committed (canonical
 * list and its commitment published at once), drawn once in public with a seed of ≥ 20 digits,
 * immutable from then on (migration 0010's trigger), readable by anyone (commitment before the
 * draw, result after). Who may create and draw them, the checks, the audit and the answers are the
 * server's (server/src/admission/lottery: commands and presenters); what a draw is created with is
 * core's (admission/lottery/drawInput.ts).
 *
 * The rows (drawRecords.ts: a draw with its names, the county's list, the school and round a new
 * draw is checked against, the insert and the result recorded once) and the texts (drawResults.ts:
 * the public list and result, cached; the ranks an admission reads).
 */
export {
  type DrawInsert,
  type DrawResult,
  type DrawRow,
  drawSchool,
  insertDraw,
  isDrawId,
  listCountyDraws,
  readDraw,
  readListText,
  recordDrawResult,
  roundForDraw,
  type StoredDraw,
} from './drawRecords.js';
export { drawRanks, parseResultText, readPublicDraw } from './drawResults.js';
export type { DrawDetail, DrawView, PublicDraw } from './drawTypes.js';
