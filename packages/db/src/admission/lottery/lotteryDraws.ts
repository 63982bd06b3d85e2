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
 */
import {
  type Actor,
  can,
  canonicalList,
  commitment as commitmentOf,
  type DrawRecord,
  drawLottery,
  drawRecord,
  LotteryInputError,
  type LotteryResult,
  parseLotterySeed,
  protocolText,
  type Resource,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';

export type DrawPurpose = 'admission' | 'headTeacher';

/** 中文 names of the purposes. */
export const DRAW_PURPOSE_NAMES: Record<DrawPurpose, string> = {
  admission: '招生派位',
  headTeacher: '班主任派位',
};

/** A draw to create (and commit). */
export interface NewDraw {
  /** 6-digit county. */
  countyCode: string;
  /** Set for a school's own head-teacher draw. */
  schoolId?: string | null;
  /** School year (start year), e.g. 2026. */
  year: number;
  purpose: DrawPurpose;
  /** e.g. 2026年清源县小学招生电脑派位. */
  title: string;
  /** ONE entry per child/family (twins share one), core lottery entry. */
  entries: { ticket: string; secret: string }[];
  /** headTeacher: class names; rank i (1-based) takes slots[i-1]. */
  slots?: string[] | null;
  /**
   * admission: the admission_round it ranks — set only by admissionRounds.commitRoundDraw (the HTTP
   * API does not take it). Must be of the same county and year, and have no draw yet.
   */
  roundId?: number | null;
}

/** Someone present at the draw, e.g. {name:'王公证', role:'公证员'}. */
export interface DrawWitness {
  name: string;
  role: string;
}

/** A draw as stored (without its texts). */
export interface DrawView {
  id: number;
  countyCode: string;
  countyName: string;
  schoolId: string | null;
  schoolName: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  roundId: number | null;
  slots: string[] | null;
  status: 'committed' | 'drawn';
  entryCount: number;
  /** Hex SHA-256 of the canonical list, published before the draw. */
  commitment: string;
  seed: string | null;
  resultHash: string | null;
  committedAt: Date;
  committedByName: string | null;
  drawnAt: Date | null;
  operatorName: string | null;
  witnesses: DrawWitness[];
  place: string | null;
  /** 公证处 and 公证员, when a notary attended. */
  notary: string | null;
}

/** A draw as a signed-in user sees it: with whether they may draw it. */
export interface DrawDetail extends DrawView {
  /** The actor may conduct the draw (edit on it), whether or not it is drawn yet. */
  canDraw: boolean;
}

/** What is entered at the draw. */
export interface ConductDrawInput {
  /** The digits drawn in public (spaces allowed for reading), ≥ 20 digits. */
  seed: string;
  /** Who runs the program. */
  operatorName: string;
  /** Who watched (at least one). */
  witnesses: DrawWitness[];
  /** Where the draw took place. */
  place: string;
  /** 公证处 and 公证员, when a notary attended. */
  notary?: string | null;
}

export interface DrawListQuery {
  countyCode: string;
  year?: number;
  purpose?: DrawPurpose;
}

/** What the public page and files are made of. */
export interface PublicDraw {
  draw: DrawView;
  /** The canonical list (list.txt), exactly the bytes whose SHA-256 is the commitment. */
  listText: string;
  /** Tickets by rank (order[0] has rank 1); null while not drawn. */
  order: readonly string[] | null;
  /** The result list `rank,ticket\n` (its SHA-256 is the result hash); null while not drawn. */
  resultText: string | null;
}

/** The printable 派位公证记录. */
export interface DrawProtocol {
  draw: DrawView;
  record: DrawRecord;
  /** Plain text (core protocolText, with the draw's title and place). */
  text: string;
  /** Ranks printed in the text (all up to {@link PROTOCOL_ALL_RANKS} children, else the first ones). */
  ranksShown: number;
}

/** Most children in one draw. */
export const MAX_DRAW_ENTRIES = 200_000;
/** A protocol lists every rank up to this many children, else the first this many. */
export const PROTOCOL_ALL_RANKS = 500;
const MAX_SLOTS = 200;
const MAX_WITNESSES = 30;

// ── helpers ──────────────────────────────────────────────────────────────────────────────────

interface DrawRow {
  id: number;
  county_code: string;
  county_name: string;
  school_id: string | null;
  school_name: string | null;
  school_region: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  round_id: number | null;
  slots: string[] | null;
  entry_count: number;
  commitment: string;
  seed: string | null;
  result_hash: string | null;
  committed_at: Date;
  committed_by_name: string | null;
  drawn_at: Date | null;
  operator_name: string | null;
  witnesses: DrawWitness[];
  place: string | null;
  notary: string | null;
}

const DRAW_SELECT = `
  SELECT d.id, d.county_code, r.name AS county_name, d.school_id, s.name AS school_name,
         s.region_code AS school_region, d.year, d.purpose, d.title, d.round_id, d.slots, d.entry_count,
         d.commitment, d.seed, d.result_hash, d.committed_at, cu.display_name AS committed_by_name,
         d.drawn_at, d.operator_name, d.witnesses, d.place, d.notary
    FROM lottery_draw d
    JOIN region r ON r.code = d.county_code
    LEFT JOIN school s ON s.id = d.school_id
    LEFT JOIN app_user cu ON cu.id = d.committed_by`;

function toView(r: DrawRow): DrawView {
  return {
    id: r.id,
    countyCode: r.county_code,
    countyName: r.county_name,
    schoolId: r.school_id,
    schoolName: r.school_name,
    year: r.year,
    purpose: r.purpose,
    title: r.title,
    roundId: r.round_id,
    slots: r.slots,
    status: r.drawn_at === null ? 'committed' : 'drawn',
    entryCount: r.entry_count,
    commitment: r.commitment,
    seed: r.seed,
    resultHash: r.result_hash,
    committedAt: r.committed_at,
    committedByName: r.committed_by_name,
    drawnAt: r.drawn_at,
    operatorName: r.operator_name,
    witnesses: r.witnesses ?? [],
    place: r.place,
    notary: r.notary,
  };
}

/** The policy resource of a draw: always published (see the module comment). */
function drawResource(countyCode: string, schoolId: string | null, schoolRegion: string | null): Resource {
  return {
    kind: 'lotteryDraw',
    regionCode: schoolRegion ?? countyCode,
    schoolId: schoolId ?? null,
    published: true,
  };
}

function detail(actor: Actor, r: DrawRow): DrawDetail {
  return {
    ...toView(r),
    canDraw: can(actor, 'edit', drawResource(r.county_code, r.school_id, r.school_region)),
  };
}

const notFoundMessage = (id: unknown) => `没有找到编号为 ${String(id)} 的电脑派位，或您无权查看`;

function isDrawId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

async function readRow(db: Queryable, id: number, lock = false): Promise<DrawRow | undefined> {
  const { rows } = await db.query<DrawRow>(
    `${DRAW_SELECT} WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`,
    [id],
  );
  return rows[0];
}

/** A moment as the bureau reads it: 2026-07-10 09:30 (Asia/Shanghai, which has no DST). */
export function shanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A moment as ISO 8601 with the +08:00 offset of Asia/Shanghai (DrawRecord.drawnAt). */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** Core's Chinese input errors as the db's invalidData. */
function asInvalid<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LotteryInputError) throw new AccessError('invalidData', err.message);
    throw err;
  }
}

function text(value: unknown, what: string, max: number, required = true): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw new AccessError('invalidData', `请填写${what}`);
    return null;
  }
  if (typeof value !== 'string') throw new AccessError('invalidData', `${what}应为文字`);
  const t = value.trim();
  if ([...t].length > max)
    throw new AccessError('invalidData', `${what}不能超过 ${max} 个字（现有 ${[...t].length} 个）`);
  return t;
}

/** The tickets by rank of a result list (`rank,ticket\n` per rank, as core writes it). */
export function parseResultText(resultText: string): string[] {
  const order: string[] = [];
  let start = 0;
  while (start < resultText.length) {
    const end = resultText.indexOf('\n', start);
    const comma = resultText.indexOf(',', start);
    order.push(resultText.slice(comma + 1, end));
    start = end + 1;
  }
  return order;
}

/** One page of a drawn result, as the public result table shows it. */
export interface ResultPage {
  items: { rank: number; ticket: string; slot: string | null }[];
  /** Ranks in the result, or those whose ticket contains the searched text. */
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of the tickets by rank, optionally only those whose ticket contains `ticket`. Builds
 * objects for the page only (a draw has up to 200,000 ranks; the public endpoint is anonymous).
 * @param order tickets by rank (order[0] has rank 1), from getPublicDraw
 * @param slots head-teacher classes (rank i takes slots[i-1]; beyond them: null), or null
 */
export function resultPage(
  order: readonly string[],
  slots: readonly string[] | null,
  query: { page: number; pageSize: number; ticket?: string | undefined },
): ResultPage {
  const { page, pageSize } = query;
  const from = (page - 1) * pageSize;
  const to = from + pageSize;
  const row = (k: number) => ({ rank: k + 1, ticket: order[k]!, slot: slots ? (slots[k] ?? null) : null });
  const items: ResultPage['items'] = [];
  const q = query.ticket;
  if (!q) {
    const end = Math.min(to, order.length);
    for (let k = from; k < end; k++) items.push(row(k));
    return { items, total: order.length, page, pageSize };
  }
  let total = 0;
  for (let k = 0; k < order.length; k++) {
    if (!order[k]!.includes(q)) continue;
    if (total >= from && total < to) items.push(row(k));
    total++;
  }
  return { items, total, page, pageSize };
}

// ── create ───────────────────────────────────────────────────────────────────────────────────

interface CheckedDraw {
  countyCode: string;
  schoolId: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  slots: string[] | null;
  roundId: number | null;
  entries: { ticket: string; secret: string }[];
}

function checkNewDraw(input: NewDraw): CheckedDraw {
  if (typeof input !== 'object' || input === null) throw new AccessError('invalidData', '派位信息应为对象');
  const countyCode = String(input.countyCode ?? '');
  if (!/^[1-9]\d{5}$/.test(countyCode) || countyCode.endsWith('00')) {
    throw new AccessError('invalidData', `县级行政区划代码应为 6 位数字（收到 ${countyCode || '空'}）`);
  }
  const year = checkYear(input.year);
  if (input.purpose !== 'admission' && input.purpose !== 'headTeacher') {
    throw new AccessError(
      'invalidData',
      `派位用途只能是 admission（招生派位）或 headTeacher（班主任派位），收到 ${String(input.purpose)}`,
    );
  }
  const title = text(input.title, '派位名称', 100)!;
  const schoolId = input.schoolId ?? null;
  if (schoolId !== null && !/^\d{10}$/.test(String(schoolId))) {
    throw new AccessError('invalidData', `学校标识码应为 10 位数字（收到 ${String(schoolId)}）`);
  }
  const roundId = input.roundId ?? null;
  if (roundId !== null && !(Number.isSafeInteger(roundId) && roundId > 0)) {
    throw new AccessError('invalidData', `招生轮次编号应为正整数（收到 ${String(roundId)}）`);
  }
  if (roundId !== null && (input.purpose !== 'admission' || schoolId !== null)) {
    throw new AccessError(
      'invalidData',
      '只有全县的招生派位属于招生轮次；班主任派位和学校的派位不能关联招生轮次',
    );
  }
  const entries = input.entries;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new AccessError('invalidData', '派位名单为空：至少需要一个条目（编号和核验码）');
  }
  if (entries.length > MAX_DRAW_ENTRIES) {
    throw new AccessError(
      'invalidData',
      `派位名单有 ${entries.length} 个条目，一次派位最多 ${MAX_DRAW_ENTRIES} 个：请按批次分开派位`,
    );
  }
  for (const [i, e] of entries.entries()) {
    if (typeof e?.ticket !== 'string' || typeof e?.secret !== 'string') {
      throw new AccessError(
        'invalidData',
        `名单第 ${i + 1} 个条目应有编号（ticket）和核验码（secret）两项文字`,
      );
    }
  }
  let slots: string[] | null = null;
  if (input.purpose === 'headTeacher') {
    if (!Array.isArray(input.slots) || input.slots.length === 0) {
      throw new AccessError(
        'invalidData',
        '班主任派位需要班级名称（slots）：第 1 名对应第 1 个班级，依次类推',
      );
    }
    if (input.slots.length > MAX_SLOTS) {
      throw new AccessError('invalidData', `班级最多 ${MAX_SLOTS} 个，收到 ${input.slots.length} 个`);
    }
    slots = input.slots.map((s, i) => text(s, `第 ${i + 1} 个班级名称`, 30)!);
    const dup = slots.find((s, i) => slots!.indexOf(s) !== i);
    if (dup !== undefined) throw new AccessError('invalidData', `班级名称“${dup}”重复`);
    if (slots.length > entries.length) {
      throw new AccessError(
        'invalidData',
        `班级数（${slots.length}）多于参加派位的人数（${entries.length}）：每个班级都要有一位班主任`,
      );
    }
  } else if (input.slots !== undefined && input.slots !== null) {
    throw new AccessError('invalidData', '只有班主任派位有班级名称（slots）；招生派位的名次就是派位号');
  }
  return { countyCode, schoolId, year, purpose: input.purpose, title, slots, roundId, entries };
}

/**
 * The admission round a draw is to rank: of the draw's county and year, and without a draw yet (the
 * partial unique index lottery_draw_round_idx guards the same under concurrency). Locks the round.
 */
async function checkRound(tx: Queryable, d: CheckedDraw): Promise<void> {
  const { rows } = await tx.query<{ county_code: string; year: number; title: string }>(
    'SELECT county_code, year, title FROM admission_round WHERE id = $1 FOR UPDATE',
    [d.roundId],
  );
  const r = rows[0];
  // Another county's round is invisible: as if it did not exist.
  if (!r || r.county_code !== d.countyCode) {
    throw new AccessError('notFound', `没有找到编号为 ${d.roundId} 的招生轮次，或您无权查看`);
  }
  if (r.year !== d.year) {
    throw new AccessError(
      'invalidData',
      `招生轮次“${r.title}”是 ${r.year} 年的，派位却是 ${d.year} 年的：请使用同一年度`,
    );
  }
  const { rows: existing } = await tx.query<{ id: number; title: string }>(
    'SELECT id, title FROM lottery_draw WHERE round_id = $1',
    [d.roundId],
  );
  if (existing[0]) {
    throw new AccessError(
      'conflict',
      `招生轮次“${r.title}”已有派位“${existing[0].title}”（编号 ${existing[0].id}）：一个轮次只派位一次，每名儿童一个派位号`,
    );
  }
}

/**
 * Creates a draw and commits it (status committed): the canonical list and its commitment (core)
 * are stored and published from now on. Audited 'lotteryDraw.commit'.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor needs edit on a lotteryDraw {regionCode: county (or the school's), schoolId}
 * @param input the draw; entries are validated by core (ticket rules, 32–128 hex digit secrets, no
 *   duplicate ticket)
 * @param opts `ip` for the audit event, `now` the time recorded
 * @returns the stored draw
 * @throws AccessError invalidData (Chinese message naming the entry; a round of another year),
 *   notFound (county, school or round missing or invisible), notAllowed (may not create draws
 *   there), conflict (the round already has its draw)
 */
export function createDraw(
  db: Database | Queryable,
  actor: Actor,
  input: NewDraw,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<DrawDetail> {
  let checked: CheckedDraw;
  let listText: string;
  let commitment: string;
  try {
    checked = checkNewDraw(input);
    // Duplicate tickets, bad tickets and secrets: core's Chinese message names the entry.
    listText = asInvalid(() => canonicalList(checked.entries));
    commitment = asInvalid(() => commitmentOf(checked.entries));
  } catch (err) {
    return Promise.reject(err);
  }
  return inTransaction(db, async (tx) => {
    const county = await tx.query<{ code: string }>(
      `SELECT code FROM region WHERE code = $1 AND level = 'county'`,
      [checked.countyCode],
    );
    if (!county.rows[0]) throw new AccessError('notFound', `没有找到县 ${checked.countyCode}`);
    let schoolRegion: string | null = null;
    if (checked.schoolId !== null) {
      const school = await tx.query<{ region_code: string; county_code: string; name: string }>(
        'SELECT region_code, county_code, name FROM school WHERE id = $1',
        [checked.schoolId],
      );
      const s = school.rows[0];
      const message = `没有找到学校 ${checked.schoolId}，或您无权为该校组织派位`;
      if (!s) throw new AccessError('notFound', message);
      if (s.county_code !== checked.countyCode) {
        throw new AccessError(
          'invalidData',
          `学校“${s.name}”（${checked.schoolId}）不在县 ${checked.countyCode}`,
        );
      }
      schoolRegion = s.region_code;
    }
    requireAllowed(
      actor,
      'edit',
      drawResource(checked.countyCode, checked.schoolId, schoolRegion),
      `没有找到县 ${checked.countyCode}，或您无权查看`,
    );
    if (checked.roundId !== null) await checkRound(tx, checked);
    const by = await actingUser(tx, actor);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO lottery_draw (county_code, school_id, year, purpose, title, round_id, slots, list_text,
                                 entry_count, commitment, committed_at, committed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, COALESCE($11::timestamptz, now()), $12)
       RETURNING id`,
      [
        checked.countyCode,
        checked.schoolId,
        checked.year,
        checked.purpose,
        checked.title,
        checked.roundId,
        checked.slots === null ? null : jsonb(checked.slots),
        listText,
        checked.entries.length,
        commitment,
        opts.now ? opts.now.toISOString() : null,
        by.id,
      ],
    );
    const id = rows[0]!.id;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'lotteryDraw.commit',
      entity: 'lottery_draw',
      entityId: String(id),
      after: {
        countyCode: checked.countyCode,
        schoolId: checked.schoolId,
        year: checked.year,
        purpose: checked.purpose,
        title: checked.title,
        roundId: checked.roundId,
        slots: checked.slots,
        entryCount: checked.entries.length,
        commitment,
      },
      ip: opts.ip ?? null,
      at: opts.now,
    });
    return detail(actor, (await readRow(tx, id))!);
  });
}

// ── read ─────────────────────────────────────────────────────────────────────────────────────

/**
 * One draw (every draw is public: anyone signed in may read it).
 * @throws AccessError notFound for an unknown id
 */
export async function getDraw(db: Database | Queryable, actor: Actor, id: number): Promise<DrawDetail> {
  if (!isDrawId(id)) throw new AccessError('notFound', notFoundMessage(id));
  const row = await readRow(db, id);
  if (!row) throw new AccessError('notFound', notFoundMessage(id));
  requireAllowed(
    actor,
    'view',
    drawResource(row.county_code, row.school_id, row.school_region),
    notFoundMessage(id),
  );
  return detail(actor, row);
}

/**
 * The draws of a county, newest first, optionally of one year and purpose (all public).
 * @throws AccessError notFound when the county does not exist
 */
export async function listDraws(
  db: Database | Queryable,
  actor: Actor,
  query: DrawListQuery,
): Promise<DrawDetail[]> {
  const code = String(query.countyCode ?? '');
  const county = await db.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [code, 'county']);
  if (county.rows.length === 0) throw new AccessError('notFound', `没有找到县 ${code}`);
  const params: unknown[] = [code];
  let where = 'd.county_code = $1';
  if (query.year !== undefined) {
    params.push(checkYear(query.year));
    where += ` AND d.year = $${params.length}`;
  }
  if (query.purpose !== undefined) {
    if (query.purpose !== 'admission' && query.purpose !== 'headTeacher') {
      throw new AccessError(
        'invalidData',
        `派位用途只能是 admission 或 headTeacher，收到 ${String(query.purpose)}`,
      );
    }
    params.push(query.purpose);
    where += ` AND d.purpose = $${params.length}`;
  }
  const { rows } = await db.query<DrawRow>(
    `${DRAW_SELECT} WHERE ${where} ORDER BY d.committed_at DESC, d.id DESC`,
    params,
  );
  return rows
    .filter((r) => can(actor, 'view', drawResource(r.county_code, r.school_id, r.school_region)))
    .map((r) => detail(actor, r));
}

/**
 * Ranks after the draw: ticket → rank (1-based); null while not drawn (or no such draw). No
 * access check (callers have checked theirs); for use inside db commands.
 */
export async function drawRanks(db: Queryable, drawId: number): Promise<Map<string, number> | null> {
  const { rows } = await db.query<{ result_text: string | null }>(
    'SELECT result_text FROM lottery_draw WHERE id = $1',
    [drawId],
  );
  const resultText = rows[0]?.result_text;
  if (!resultText) return null;
  const ranks = new Map<string, number>();
  const order = parseResultText(resultText);
  for (let k = 0; k < order.length; k++) ranks.set(order[k]!, k + 1);
  return ranks;
}

/** The texts of draws already read, per database handle: a drawn draw never changes (trigger). */
const textCache = new WeakMap<
  object,
  Map<number, { key: string; listText: string; resultText: string | null; order: string[] | null }>
>();
const TEXT_CACHE_SIZE = 6;

/**
 * A draw as the public sees it, no login: the record, the canonical list, and after the draw the
 * tickets by rank. Every committed draw is public (commitment before, result after).
 * @throws AccessError notFound for an unknown id
 */
export async function getPublicDraw(db: Database | Queryable, id: number): Promise<PublicDraw> {
  if (!isDrawId(id)) throw new AccessError('notFound', notFoundMessage(id));
  const row = await readRow(db, id);
  if (!row) throw new AccessError('notFound', notFoundMessage(id));
  // The texts change only once (committed → drawn): keyed by commitment and result hash.
  const key = `${row.commitment}/${row.result_hash ?? ''}`;
  let cache = textCache.get(db);
  if (!cache) {
    cache = new Map();
    textCache.set(db, cache);
  }
  let texts = cache.get(id);
  if (!texts || texts.key !== key) {
    const { rows } = await db.query<{
      list_text: string;
      result_text: string | null;
      result_hash: string | null;
    }>('SELECT list_text, result_text, result_hash FROM lottery_draw WHERE id = $1', [id]);
    const t = rows[0]!;
    texts = {
      key: `${row.commitment}/${t.result_hash ?? ''}`,
      listText: t.list_text,
      resultText: t.result_text,
      order: t.result_text === null ? null : parseResultText(t.result_text),
    };
    cache.delete(id);
    cache.set(id, texts);
    while (cache.size > TEXT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    if (t.result_hash !== row.result_hash) {
      // Drawn between the two reads: the record read first is stale.
      return getPublicDraw(db, id);
    }
  }
  return { draw: toView(row), listText: texts.listText, order: texts.order, resultText: texts.resultText };
}

/**
 * The draws of a county for the public list (no login), newest first.
 * @throws AccessError notFound when the county does not exist
 */
export async function listPublicDraws(db: Database | Queryable, countyCode: string): Promise<DrawView[]> {
  const code = String(countyCode ?? '');
  const county = await db.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [code, 'county']);
  if (county.rows.length === 0) throw new AccessError('notFound', `没有找到县 ${code}`);
  const { rows } = await db.query<DrawRow>(
    `${DRAW_SELECT} WHERE d.county_code = $1 ORDER BY d.committed_at DESC, d.id DESC`,
    [code],
  );
  return rows.map(toView);
}

// ── draw ─────────────────────────────────────────────────────────────────────────────────────

interface CheckedConduct {
  seed: string;
  operatorName: string;
  witnesses: DrawWitness[];
  place: string;
  notary: string | null;
}

function checkConduct(input: ConductDrawInput): CheckedConduct {
  if (typeof input !== 'object' || input === null) throw new AccessError('invalidData', '派位信息应为对象');
  if (typeof input.seed !== 'string') {
    throw new AccessError('invalidData', '请输入随机种子：现场公开摇出的至少 20 位数字');
  }
  const seed = asInvalid(() => parseLotterySeed(input.seed));
  const operatorName = text(input.operatorName, '操作人员姓名', 50)!;
  if (!Array.isArray(input.witnesses) || input.witnesses.length === 0) {
    throw new AccessError(
      'invalidData',
      '请至少填写一位见证人（如家长代表、纪检监察人员、公证员）：派位须在见证下公开进行',
    );
  }
  if (input.witnesses.length > MAX_WITNESSES) {
    throw new AccessError('invalidData', `见证人最多 ${MAX_WITNESSES} 位，收到 ${input.witnesses.length} 位`);
  }
  const witnesses = input.witnesses.map((w, i) => ({
    name: text(w?.name, `第 ${i + 1} 位见证人的姓名`, 50)!,
    role: text(w?.role, `第 ${i + 1} 位见证人的身份`, 30, false) ?? '见证人',
  }));
  const place = text(input.place, '派位地点', 100)!;
  const notary = text(input.notary, '公证人员', 100, false);
  return { seed, operatorName, witnesses, place, notary };
}

/**
 * Conducts a committed draw: validates the seed (core: ≥ 20 digits), runs core's draw on the stored
 * list, and stores seed, result, result hash and the circumstances in one transaction under a row
 * lock. Audited 'lotteryDraw.draw' (commitment, seed and result hash in the event).
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor needs edit on the draw
 * @param id lottery_draw.id
 * @param input seed, operator, witnesses, place, notary
 * @param opts `ip` for the audit event, `now` the time recorded
 * @returns the drawn draw
 * @throws AccessError invalidData (seed too short or not digits, missing witness…), notFound,
 *   notAllowed, conflict (already drawn: who and when)
 */
export function conductDraw(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: ConductDrawInput,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<DrawDetail> {
  let checked: CheckedConduct;
  try {
    if (!isDrawId(id)) throw new AccessError('notFound', notFoundMessage(id));
    checked = checkConduct(input);
  } catch (err) {
    return Promise.reject(err);
  }
  return inTransaction(db, async (tx) => {
    const row = await readRow(tx, id, true);
    if (!row) throw new AccessError('notFound', notFoundMessage(id));
    requireAllowed(
      actor,
      'edit',
      drawResource(row.county_code, row.school_id, row.school_region),
      notFoundMessage(id),
    );
    if (row.drawn_at !== null) {
      throw new AccessError(
        'conflict',
        `“${row.title}”已于 ${shanghaiTime(row.drawn_at)} 由 ${row.operator_name} 完成派位（随机种子 ${row.seed}），` +
          '派位结果一经产生不可更改，也不能重新派位：请刷新页面查看结果',
      );
    }
    const by = await actingUser(tx, actor);
    const { rows: texts } = await tx.query<{ list_text: string }>(
      'SELECT list_text FROM lottery_draw WHERE id = $1',
      [id],
    );
    const result = asInvalid(() => drawLottery(texts[0]!.list_text, checked.seed));
    if (result.commitment !== row.commitment) {
      throw new Error(`派位 ${id} 的名单与承诺值不一致：数据库已损坏，请联系管理员`);
    }
    const { rows: drawn } = await tx.query<{ drawn_at: Date }>(
      `UPDATE lottery_draw
          SET seed = $2, result_text = $3, result_hash = $4, drawn_at = COALESCE($5::timestamptz, now()),
              drawn_by = $6, operator_name = $7, witnesses = $8::jsonb, place = $9, notary = $10
        WHERE id = $1 RETURNING drawn_at`,
      [
        id,
        result.seed,
        result.resultText,
        result.resultHash,
        opts.now ? opts.now.toISOString() : null,
        by.id,
        checked.operatorName,
        jsonb(checked.witnesses),
        checked.place,
        checked.notary,
      ],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'lotteryDraw.draw',
      entity: 'lottery_draw',
      entityId: String(id),
      before: { status: 'committed', commitment: row.commitment },
      after: {
        status: 'drawn',
        commitment: row.commitment,
        seed: result.seed,
        resultHash: result.resultHash,
        entryCount: row.entry_count,
        drawnAt: drawn[0]!.drawn_at,
        operatorName: checked.operatorName,
        witnesses: checked.witnesses,
        place: checked.place,
        notary: checked.notary,
      },
      ip: opts.ip ?? null,
      at: opts.now,
    });
    return detail(actor, (await readRow(tx, id))!);
  });
}

// ── protocol ─────────────────────────────────────────────────────────────────────────────────

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

/** Whether the policy lets the actor create draws for the county (the page's 新建派位 button). */
export function canCreateDraw(actor: Actor, countyCode: string): boolean {
  return can(actor, 'edit', { kind: 'lotteryDraw', regionCode: countyCode, published: true });
}

// ── standalone draws (the generic 新建派位 of the lottery page and API) ───────────────────────

/** Where a head-teacher draw is made instead (the message of every refusal below says it). */
export const HEAD_TEACHER_DRAW_HINT = '班主任派位请在“均衡分班”页面公示分班结果后进行';

/** A county's own list-based draw: always purpose admission, never a school's, never a round's. */
export interface NewStandaloneDraw {
  countyCode: string;
  year: number;
  /** Only 'admission'; anything else is refused with where to do it. */
  purpose?: DrawPurpose;
  /** Must be empty: a school does not create draws of its own here. */
  schoolId?: string | null;
  title: string;
  entries: { ticket: string; secret: string }[];
  /** Must be empty (only head-teacher draws have classes). */
  slots?: string[] | null;
}

/**
 * What may be created outside an admission round and a class placement: the county bureau's own
 * admission draw from a list (e.g. a 民办 school's 超额摇号 from the list it reported), with no
 * school. A head-teacher draw is made only through a PUBLISHED class placement
 * (classPlacementDraws.createHeadTeacherDraw, one per placement), so that a school cannot draw
 * several times and keep the result it likes; a round's draw only by its commit. Checked before an
 * uploaded list is read.
 * @throws AccessError invalidData (head-teacher purpose, a school's draw: the message says where),
 *   notFound (county invisible), notAllowed (not the county's bureau)
 */
export function checkStandaloneDraw(
  actor: Actor,
  input: { countyCode: string; purpose?: string | null; schoolId?: string | null },
): void {
  const purpose = input.purpose ?? 'admission';
  if (purpose === 'headTeacher') {
    throw new AccessError(
      'invalidData',
      `不能在这里新建班主任派位：${HEAD_TEACHER_DRAW_HINT}（填写班主任名单后建立派位，每个分班方案只派位一次、不能更换）`,
    );
  }
  if (purpose !== 'admission') {
    throw new AccessError('invalidData', `派位用途只能是 admission（招生派位），收到 ${String(purpose)}`);
  }
  if (input.schoolId !== undefined && input.schoolId !== null && input.schoolId !== '') {
    throw new AccessError(
      'invalidData',
      `学校不能在这里新建本校的派位：学校的超额摇号请把报名名单报县教育局，由教育局在“电脑派位”页面新建全县名下的招生派位；${HEAD_TEACHER_DRAW_HINT}`,
    );
  }
  const resource: Resource = { kind: 'lotteryDraw', regionCode: input.countyCode, published: true };
  requireAllowed(actor, 'view', resource, `没有找到县 ${input.countyCode}，或您无权查看`);
  if (!can(actor, 'edit', resource)) {
    throw new AccessError(
      'notAllowed',
      `只有县教育局可以新建电脑派位（按报名名单组织的招生派位）；${HEAD_TEACHER_DRAW_HINT}`,
    );
  }
}

/**
 * Creates a standalone county admission draw (the generic create of the lottery API and page):
 * {@link checkStandaloneDraw}, then {@link createDraw} with no school and no round.
 * @throws AccessError as checkStandaloneDraw and createDraw
 */
export function createStandaloneDraw(
  db: Database | Queryable,
  actor: Actor,
  input: NewStandaloneDraw,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<DrawDetail> {
  try {
    if (typeof input !== 'object' || input === null) throw new AccessError('invalidData', '派位信息应为对象');
    checkStandaloneDraw(actor, input);
  } catch (err) {
    return Promise.reject(err);
  }
  return createDraw(
    db,
    actor,
    {
      countyCode: input.countyCode,
      schoolId: null,
      year: input.year,
      purpose: 'admission',
      title: input.title,
      entries: input.entries,
      slots: input.slots ?? null,
      roundId: null,
    },
    opts,
  );
}
