/**
 * @module Stored 电脑派位 draws (docs/lottery.md): created committed (canonical list and its
 * commitment published at once), drawn once in public with a seed of ≥ 20 digits, immutable from
 * then on (migration 0010's trigger), audited, and readable by anyone (commitment before the draw,
 * result after).
 *
 * Decisions:
 * - Every draw is public from its creation: publishing the list and the commitment BEFORE the seed
 *   is drawn is what makes the result checkable, so the policy resource is always
 *   `published: true`. Viewing needs no right; creating and drawing need `edit` on the draw
 *   (the county's bureau; a school for its own head-teacher draw). Someone who may see a draw but
 *   not draw it gets notAllowed (403), not notFound.
 * - The lists and results are core's texts exactly (list_text = list.txt, result_text =
 *   `rank,ticket\n` lines): the database checks that their SHA-256 are the commitment and result
 *   hash stored with them, and everything the public gets is cut from these texts.
 * - Two people pressing 开始派位 at once: the row is locked (FOR UPDATE); the second sees the draw
 *   done and gets `conflict` (409) with who drew it and when. Nothing of the loser is written.
 * - The protocol is printed from a replay (core drawLottery on the stored list and seed), checked
 *   against the stored result hash, so a printed record is never of a result the list does not give.
 * - Three ways to create a draw, nothing else: an admission round's ONE draw
 *   (admissionRounds.commitRoundDraw), a published class placement's ONE head-teacher draw
 *   (classPlacementDraws.createHeadTeacherDraw), and the county bureau's own admission draw from a
 *   list ({@link createStandaloneDraw}, the generic API). createDraw itself is internal to the db
 *   package: a school could otherwise create head-teacher draws until one suits it.
 *
 * The API of draws, gathered here for index.ts and the rounds and placements: the shapes
 * (drawTypes.ts), creating and conducting (drawCommands.ts), reading (drawQueries.ts, with the
 * result lists of drawResults.ts), the protocol (drawProtocol.ts) and the standalone draws
 * (standaloneDraws.ts). The stored row (drawRecords.ts) and the input checks (drawChecks.ts) are
 * shared by them.
 */
export { conductDraw, createDraw } from './drawCommands.js';
export { drawProtocol } from './drawProtocol.js';
export { drawRanks, getDraw, getPublicDraw, listDraws, listPublicDraws } from './drawQueries.js';
export { shanghaiIso, shanghaiTime } from './drawRecords.js';
export { parseResultText, type ResultPage, resultPage } from './drawResults.js';
export {
  type ConductDrawInput,
  DRAW_PURPOSE_NAMES,
  type DrawDetail,
  type DrawListQuery,
  type DrawProtocol,
  type DrawPurpose,
  type DrawView,
  type DrawWitness,
  MAX_DRAW_ENTRIES,
  type NewDraw,
  PROTOCOL_ALL_RANKS,
  type PublicDraw,
} from './drawTypes.js';
export {
  canCreateDraw,
  checkStandaloneDraw,
  createStandaloneDraw,
  HEAD_TEACHER_DRAW_HINT,
  type NewStandaloneDraw,
} from './standaloneDraws.js';
