/**
 * @module Demo 电脑派位 draw for `npm start`: one committed (not yet drawn) admission draw of the
 * county for the coming intake, made through the real command (createStandaloneDraw) so it is
 * audited like any other. The demo's head-teacher (班主任) draw is not here: it is made through the
 * demo school's published class placement (classPlacementsDemo.ts), the only way there is.
 *
 * Entries are generated: tickets `<year>-000001`… and secrets of 32 hex digits from core's seeded
 * Random (not cryptographic — fine for demo data, never for real families, whose secrets must come
 * from a cryptographic generator).
 */
import { type Actor, createRandom } from '@junheng/core';
import type { Queryable } from '@junheng/db';
import { createStandaloneDraw } from '../admission/lottery/commands/index.js';
import type { DrawDetail } from '../admission/lottery/present.js';

export interface SeedDemoLotteryOptions {
  countyCode: string;
  countyName: string;
  /** The current school year: the admission draw is of the next. */
  year: number;
  /** The county's bureau (creates the admission draw). */
  bureau: Actor;
  /** Applicants in the admission draw; default 860. */
  children?: number;
}

/**
 * Applicants in the demo admission draw: a 民办 junior school with more applicants than places draws
 * lots (公民同招, 超额摇号) from the list it reports, outside the county's own admission round.
 */
const DEMO_CHILDREN = 860;

/** 32 hex digits (128 bits) from the demo PRNG. */
function demoSecret(random: ReturnType<typeof createRandom>): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += random.uint32().toString(16).padStart(8, '0');
  return s;
}

/**
 * The entries of the demo admission draw (tickets and secrets), reproducible from the county and
 * year: tests and the browser test check a family's entry with them.
 * @param countyCode the demo county
 * @param year the current school year (the draw is of year + 1)
 * @param children how many (default 860)
 */
export function demoAdmissionEntries(
  countyCode: string,
  year: number,
  children = DEMO_CHILDREN,
): { ticket: string; secret: string }[] {
  const random = createRandom(`demo-lottery-${countyCode}-${year}`);
  const intake = year + 1;
  return Array.from({ length: children }, (_, i) => ({
    ticket: `${intake}-${String(i + 1).padStart(6, '0')}`,
    secret: demoSecret(random),
  }));
}

/**
 * Seeds the demo admission draw (see the module comment), inside the caller's transaction.
 * @returns the admission draw (committed)
 */
export async function seedDemoLottery(
  tx: Queryable,
  opts: SeedDemoLotteryOptions,
): Promise<{ admission: DrawDetail }> {
  const intake = opts.year + 1;
  const admission = await createStandaloneDraw(
    { db: tx, actor: opts.bureau },
    {
      countyCode: opts.countyCode,
      year: intake,
      title: `${intake}年${opts.countyName}民办初中七年级招生电脑派位`,
      entries: demoAdmissionEntries(opts.countyCode, opts.year, opts.children),
    },
  );
  return { admission };
}
