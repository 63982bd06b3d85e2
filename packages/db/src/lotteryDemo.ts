/**
 * @module Demo 电脑派位 draws for `npm start`: one committed (not yet drawn) admission draw of the
 * county for the coming intake, and one drawn head-teacher (班主任) draw of the demo school, made
 * through the real commands (createDraw, conductDraw) so they are audited like any other.
 *
 * Entries are generated: tickets `<year>-000001`… (head teachers `<year>-T01`…) and secrets of 32
 * hex digits from core's seeded Random (not cryptographic — fine for demo data, never for real
 * families, whose secrets must come from a cryptographic generator).
 */
import { type Actor, createRandom } from '@junheng/core';
import type { Queryable } from './database.js';
import { conductDraw, createDraw, type DrawDetail } from './lotteryDraws.js';

export interface SeedDemoLotteryOptions {
  countyCode: string;
  countyName: string;
  /** The current school year: the head-teacher draw is of it, the admission draw of the next. */
  year: number;
  /** The county's bureau (creates the admission draw). */
  bureau: Actor;
  /** A user of the demo school (creates and conducts its head-teacher draw). */
  schoolUser: Actor;
  schoolId: string;
  schoolName: string;
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
 * Seeds the two demo draws (see the module comment), inside the caller's transaction.
 * @returns the admission draw (committed) and the head-teacher draw (drawn)
 */
export async function seedDemoLottery(
  tx: Queryable,
  opts: SeedDemoLotteryOptions,
): Promise<{ admission: DrawDetail; headTeacher: DrawDetail }> {
  const intake = opts.year + 1;
  const admission = await createDraw(tx, opts.bureau, {
    countyCode: opts.countyCode,
    year: intake,
    purpose: 'admission',
    title: `${intake}年${opts.countyName}民办初中七年级招生电脑派位`,
    entries: demoAdmissionEntries(opts.countyCode, opts.year, opts.children),
  });

  const classes = 8;
  const slots = Array.from({ length: classes }, (_, i) => `一年级（${i + 1}）班`);
  const teachers = classes + 1; // one more teacher than classes: the last rank is the reserve (候补)
  const random = createRandom(`demo-head-teachers-${opts.schoolId}-${opts.year}`);
  const headTeacher = await createDraw(tx, opts.schoolUser, {
    countyCode: opts.countyCode,
    schoolId: opts.schoolId,
    year: opts.year,
    purpose: 'headTeacher',
    title: `${opts.year}年${opts.schoolName}一年级班主任派位`,
    slots,
    entries: Array.from({ length: teachers }, (_, i) => ({
      ticket: `${opts.year}-T${String(i + 1).padStart(2, '0')}`,
      secret: demoSecret(random),
    })),
  });
  const drawn = await conductDraw(tx, opts.schoolUser, headTeacher.id, {
    // Digits drawn from a lottery machine in front of the witnesses (demo: the first digits of π).
    seed: '3141 5926 5358 9793 2384 6264',
    operatorName: `${opts.schoolName}教务处 张老师`,
    witnesses: [
      { name: '王建国', role: '家长代表' },
      { name: '李秀英', role: '教师代表' },
      { name: '赵明', role: '纪检监察' },
    ],
    place: `${opts.schoolName}会议室`,
    notary: null,
  });
  return { admission, headTeacher: drawn };
}
