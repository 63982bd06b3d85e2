/**
 * @module The printable 派位公证记录 of a drawn draw: replayed from the stored list and seed, checked
 * against the stored result hash, so a printed record is never of a result the list does not give.
 */
import { type DrawRecord, drawLottery, drawRecord, type LotteryResult, protocolText } from '@junheng/core';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { getPublicDraw } from './drawQueries.js';
import { shanghaiIso } from './drawRecords.js';
import { DRAW_PURPOSE_NAMES, type DrawProtocol, type DrawView, PROTOCOL_ALL_RANKS } from './drawTypes.js';

/** The DrawRecord of a drawn draw and its replayed result. */
function recordOf(view: DrawView, result: LotteryResult): DrawRecord {
  return drawRecord(result, {
    drawnAt: shanghaiIso(view.drawnAt!),
    operator: view.operatorName!,
    witnesses: view.witnesses.map((w) => `${w.name}（${w.role}）`),
    ...(view.notary ? { notary: view.notary } : {}),
  });
}

/**
 * The printable 派位公证记录 of a drawn draw: replayed from the stored list and seed (core), checked
 * against the stored result hash, printed by core's protocolText with the title and place added.
 * Public like the draw itself (the actor is not needed to read it).
 * @throws AccessError notFound; wrongState when not drawn yet
 */
export async function drawProtocol(db: Database | Queryable, id: number): Promise<DrawProtocol> {
  const pub = await getPublicDraw(db, id);
  const view = pub.draw;
  if (view.status !== 'drawn') {
    throw new AccessError('wrongState', `“${view.title}”尚未派位：派位记录在派位完成后才能打印`);
  }
  const result = drawLottery(pub.listText, view.seed!);
  if (result.resultHash !== view.resultHash) {
    throw new Error(`派位 ${id} 复算的结果哈希与保存的不一致：数据库已损坏，请联系管理员`);
  }
  const record = recordOf(view, result);
  const shown = Math.min(result.order.length, PROTOCOL_ALL_RANKS);
  const lines = protocolText(record, result, shown).split('\n');
  const extra = [
    `派位事项：${view.title}`,
    `派位用途：${DRAW_PURPOSE_NAMES[view.purpose]}${view.schoolName ? `（${view.schoolName}）` : ''}`,
    `派位地点：${view.place}`,
  ];
  if (view.slots) {
    // Head-teacher draws: the class each rank takes, next to the rank.
    for (let k = 0; k < lines.length; k++) {
      const m = /^ {2}(\d+)\. (.*)$/.exec(lines[k]!);
      if (m) {
        const slot = view.slots[Number(m[1]) - 1];
        lines[k] = `${lines[k]}${slot ? ` → ${slot}` : '（候补）'}`;
      }
    }
  }
  const text = [lines[0]!, '', ...extra, ...lines.slice(2)].join('\n');
  return { draw: view, record, text, ranksShown: shown };
}
