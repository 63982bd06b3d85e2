/**
 * @module The printable 派位公证记录 of a drawn draw: replayed from the stored list and seed (core),
 * checked against the stored result hash, so a printed record is never of a result the list does
 * not give; printed by core's protocolText with the title, purpose and place added, and in a
 * head-teacher draw the class each rank takes.
 */
import {
  DRAW_PURPOSE_NAMES,
  type DrawRecord,
  drawLottery,
  drawRecord,
  type LotteryResult,
  message,
  PROTOCOL_ALL_RANKS,
  protocolText,
  Refusal,
  shanghaiIso,
} from '@junheng/core';
import type { DrawView, PublicDraw } from '@junheng/db';

/** The printable 派位公证记录. */
export interface DrawProtocol {
  draw: DrawView;
  record: DrawRecord;
  /** Plain text (core protocolText, with the draw's title and place). */
  text: string;
  /** Ranks printed in the text (all up to PROTOCOL_ALL_RANKS children, else the first ones). */
  ranksShown: number;
}

/** The DrawRecord of a drawn draw and its replayed result. */
function recordOf(view: DrawView, result: LotteryResult): DrawRecord {
  return drawRecord(result, {
    drawnAt: shanghaiIso(view.drawnAt!),
    operator: view.operatorName!,
    witnesses: view.witnesses.map((w) => `${w.name}（${w.role}）`),
    ...(view.notary ? { notary: view.notary } : {}),
  });
}

/** Head-teacher draws: the class each rank takes, next to the rank (候补 past the classes). */
function withSlots(lines: string[], slots: readonly string[]): string[] {
  return lines.map((line) => {
    const m = /^ {2}(\d+)\. (.*)$/.exec(line);
    if (!m) return line;
    const slot = slots[Number(m[1]) - 1];
    return `${line}${slot ? ` → ${slot}` : '（候补）'}`;
  });
}

/**
 * The protocol of a drawn draw (public like the draw itself).
 * @throws Refusal wrongState when not drawn yet; Error when the replay does not give the stored
 *   result hash (the database is damaged)
 */
export function buildProtocol(pub: PublicDraw): DrawProtocol {
  const view = pub.draw;
  if (view.status !== 'drawn')
    throw new Refusal('wrongState', 'lottery.protocolNotDrawn', { title: view.title });
  const result = drawLottery(pub.listText, view.seed!);
  if (result.resultHash !== view.resultHash) {
    throw new Error(message('lottery.resultCorrupted', { id: view.id }));
  }
  const record = recordOf(view, result);
  const shown = Math.min(result.order.length, PROTOCOL_ALL_RANKS);
  const printed = protocolText(record, result, shown).split('\n');
  const lines = view.slots ? withSlots(printed, view.slots) : printed;
  const extra = [
    `派位事项：${view.title}`,
    `派位用途：${DRAW_PURPOSE_NAMES[view.purpose]}${view.schoolName ? `（${view.schoolName}）` : ''}`,
    `派位地点：${view.place}`,
  ];
  const text = [lines[0]!, '', ...extra, ...lines.slice(2)].join('\n');
  return { draw: view, record, text, ranksShown: shown };
}
