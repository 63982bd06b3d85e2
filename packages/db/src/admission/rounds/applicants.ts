/**
 * @module 招生申请 (applicants of an admission round): add, edit, remove, list (masked), read one
 * in full (audited), export with personal data (audited), import all or nothing.
 *
 * Decisions:
 * - Personal data (name, ID number, guardian, phone, address, 特殊需要说明, the 核验码) is sealed
 *   with the county's PersonalCipher; lists read the masked columns and never decrypt. Audit events
 *   hold masked values only. The ID mask keeps the last two characters (core maskIdNumber): with
 *   the stored birth month and gender, more would let a copy of the database narrow the number
 *   down. Notes stored in plain text before they were sealed are sealed at start-up
 *   ({@link sealPlainNotes}).
 * - Access: `applicant` resources of the round's county, with schoolId = the school the child was
 *   placed at. The county's bureau reads and changes all; a school user reads the children placed
 *   at its school; inspectors and city/province users (who see the round's aggregates) get 403 on
 *   children's data; anyone else 404. 'view' gives the masked list (and a masked export);
 *   'viewPersonal' a child's full record and an export with personal data: the bureau, and the
 *   school's clerk for its admitted children — not the principal (README, core policies).
 * - Checks: core's checkApplicantFields (the same Chinese messages as the Excel import), plus a
 *   duplicate ID number in the round (found by opening the sealed numbers of the round: they are
 *   randomised ciphertext, so no SQL equality can find them — a few thousand AES-GCM opens take
 *   milliseconds).
 * - Tickets: `<year>-<serial>` from the round's counter, never reused.
 * - Applicants are frozen once the round's draw is committed (also by trigger).
 * - Every add, change, removal and import raises the round's version: the commit names the version
 *   the user reviewed, so a list changed since (a colleague's import) is a 409, not a silent commit.
 * - 核验码: the family's lottery entry is committed with its FIRST child's secret (ticket order), so
 *   every member's full record and export show that secret with the family's first ticket; only
 *   the county's bureau (who prints the notices) gets it.
 */
import { randomBytes } from 'node:crypto';
import {
  type Actor,
  type AdmissionCategory,
  APPLICANT_COLUMNS,
  type ApplicantFields,
  can,
  checkApplicantFields,
  explain,
  familyEntries,
  type Gender,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeApplicant,
  type PlacementHow,
  placementLabel,
  residentIdInfo,
  type SpecialNeeds,
  USER_ROLE_NAMES,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { actingUser, inTransaction, type Page, paging, searchText } from '../../platform/queryKit.js';
import { lockRoundForEdit, roundAccess, touchRound } from './roundAccess.js';
import { readRoundRow, roundNotFoundMessage } from './roundRecords.js';

/** A child as listed: masked, no decryption. */
export interface ApplicantListItem {
  id: number;
  roundId: number;
  ticket: string;
  nameMasked: string;
  idNumberMasked: string;
  guardianNameMasked: string;
  phoneMasked: string;
  gender: Gender;
  birthMonth: string;
  areaName: string | null;
  zoneSchoolId: string | null;
  zoneSchoolName: string | null;
  category: string;
  categoryName: string;
  migrantEligible: boolean;
  specialNeeds: SpecialNeeds | null;
  siblingAtSchool: boolean;
  familyKey: string | null;
  choices: string[];
  placementSchoolId: string | null;
  placementSchoolName: string | null;
  placementHow: PlacementHow | null;
  /** e.g. 本片区第1类别（户籍与房产一致）, 派位录取（…）, 统筹安排; null before admission. */
  placementLabel: string | null;
  lotteryRank: number | null;
  version: number;
  updatedAt: Date;
}

/** A child's full record (a personal-data read, audited). */
export interface ApplicantDetail extends ApplicantListItem {
  name: string;
  idNumber: string;
  guardianName: string;
  phone: string;
  address: string | null;
  specialNeedsNote: string | null;
  /**
   * 核验码: the secret of the family's lottery entry (the family's first child's, the one the draw
   * was committed with), printed on the family's notice only. Only for the county's bureau, who
   * prints the notices (null for a school user).
   */
  secret: string | null;
  /** The family's lottery ticket (its first ticket; the child's own one for a family of one). */
  lotteryTicket: string;
}

export type ApplicantStatus = 'unplaced' | 'placed' | 'pending' | 'migrant' | 'special';

export interface ApplicantListQuery {
  zoneSchoolId?: string;
  placementSchoolId?: string;
  category?: string;
  /** unplaced: no placement yet; placed; pending: 待统筹安排; migrant: 随迁子女 meeting the conditions; special: 特殊需要. */
  status?: ApplicantStatus;
  /** Ticket, or part of the 居住小区/村 name. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** One row of an import: its row number and fields. */
export interface ApplicantImportRow {
  rowNo: number;
  fields: ApplicantFields;
}

/** A problem of an import row, located as the template shows it. */
export interface ApplicantRowError {
  row?: number;
  column?: string;
  value?: unknown;
  message: string;
}

interface Row {
  id: number;
  round_id: number;
  ticket: string;
  secret_sealed: string;
  name_sealed: string;
  name_masked: string;
  id_number_sealed: string;
  id_number_masked: string;
  guardian_name_sealed: string;
  guardian_name_masked: string;
  phone_sealed: string;
  phone_masked: string;
  address_sealed: string | null;
  gender: Gender;
  birth_month: string;
  area_name: string | null;
  zone_school_id: string | null;
  zone_school_name: string | null;
  category: string;
  migrant_eligible: boolean;
  special_needs: SpecialNeeds | null;
  /** Plain 特殊需要说明 of a row written before notes were sealed, until {@link sealPlainNotes}. */
  special_needs_note: string | null;
  special_needs_note_sealed: string | null;
  sibling_at_school: boolean;
  family_key: string | null;
  choices: string[];
  placement_school_id: string | null;
  placement_school_name: string | null;
  placement_how: PlacementHow | null;
  lottery_rank: number | null;
  version: number;
  updated_at: Date;
  county_code: string;
}

const SELECT = `SELECT a.*, z.name AS zone_school_name, p.name AS placement_school_name, r.county_code
  FROM applicant a
  JOIN admission_round r ON r.id = a.round_id
  LEFT JOIN school z ON z.id = a.zone_school_id
  LEFT JOIN school p ON p.id = a.placement_school_id`;

function notFound(id: unknown): string {
  return `没有找到申请人 ${String(id)}，或您无权查看`;
}

function listItem(r: Row, categories: readonly AdmissionCategory[]): ApplicantListItem {
  const config = { categories, siblingPriority: false };
  return {
    id: Number(r.id),
    roundId: Number(r.round_id),
    ticket: r.ticket,
    nameMasked: r.name_masked,
    idNumberMasked: r.id_number_masked,
    guardianNameMasked: r.guardian_name_masked,
    phoneMasked: r.phone_masked,
    gender: r.gender,
    birthMonth: r.birth_month,
    areaName: r.area_name,
    zoneSchoolId: r.zone_school_id,
    zoneSchoolName: r.zone_school_name,
    category: r.category,
    categoryName: categories.find((c) => c.id === r.category)?.name ?? r.category,
    migrantEligible: r.migrant_eligible,
    specialNeeds: r.special_needs,
    siblingAtSchool: r.sibling_at_school,
    familyKey: r.family_key,
    choices: r.choices,
    placementSchoolId: r.placement_school_id,
    placementSchoolName: r.placement_school_name,
    placementHow: r.placement_how,
    placementLabel: r.placement_how
      ? placementLabel({ how: r.placement_how, categoryId: r.category }, config)
      : null,
    lotteryRank: r.lottery_rank,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** The masked view of what was written, for audit events (never a clear name or number). */
function auditView(r: Row | ReturnType<typeof sealedColumns>, extra: Partial<Row> = {}) {
  const x = { ...r, ...extra } as Row;
  return {
    ticket: x.ticket,
    name: x.name_masked,
    idNumber: x.id_number_masked,
    zoneSchoolId: x.zone_school_id,
    category: x.category,
    migrantEligible: x.migrant_eligible,
    specialNeeds: x.special_needs,
    siblingAtSchool: x.sibling_at_school,
    familyKey: x.family_key,
    choices: x.choices,
  };
}

/** The columns an application is stored as. */
function sealedColumns(cipher: PersonalCipher, f: ApplicantFields) {
  const info = residentIdInfo(f.idNumber);
  return {
    name_sealed: cipher.seal(f.name),
    name_masked: maskName(f.name),
    id_number_sealed: cipher.seal(f.idNumber),
    id_number_masked: maskIdNumber(f.idNumber),
    guardian_name_sealed: cipher.seal(f.guardianName),
    guardian_name_masked: maskName(f.guardianName),
    phone_sealed: cipher.seal(f.phone),
    phone_masked: maskPhone(f.phone),
    address_sealed: cipher.sealOptional(f.address ?? null),
    gender: info.gender,
    birth_month: info.birthMonth,
    area_name: f.areaName ?? null,
    zone_school_id: f.zoneSchoolId,
    category: f.category,
    migrant_eligible: f.migrantEligible,
    special_needs: f.specialNeeds,
    // Never written in plain text (the column only holds notes from before they were sealed).
    special_needs_note: null,
    special_needs_note_sealed: f.specialNeeds ? cipher.sealOptional(f.specialNeedsNote ?? null) : null,
    sibling_at_school: f.siblingAtSchool,
    family_key: f.familyKey,
    choices: f.choices,
  };
}

type Columns = ReturnType<typeof sealedColumns>;
const COLUMN_NAMES = Object.keys({
  name_sealed: 1,
  name_masked: 1,
  id_number_sealed: 1,
  id_number_masked: 1,
  guardian_name_sealed: 1,
  guardian_name_masked: 1,
  phone_sealed: 1,
  phone_masked: 1,
  address_sealed: 1,
  gender: 1,
  birth_month: 1,
  area_name: 1,
  zone_school_id: 1,
  category: 1,
  migrant_eligible: 1,
  special_needs: 1,
  special_needs_note: 1,
  special_needs_note_sealed: 1,
  sibling_at_school: 1,
  family_key: 1,
  choices: 1,
} satisfies Record<keyof Columns, 1>) as (keyof Columns)[];

/** The round's school ids and categories, for the field checks. */
async function roundContext(tx: Queryable, roundId: number, categories: AdmissionCategory[]) {
  const { rows } = await tx.query<{ school_id: string }>(
    'SELECT school_id FROM admission_round_school WHERE round_id = $1',
    [roundId],
  );
  return { schoolIds: new Set(rows.map((r) => r.school_id)), categories };
}

/** Checked and normalised fields, or AccessError invalidData listing every problem. */
function checked(fields: ApplicantFields, ctx: Parameters<typeof checkApplicantFields>[1]): ApplicantFields {
  if (!fields || typeof fields !== 'object') throw new AccessError('invalidData', '申请信息应为对象');
  const f = normalizeApplicant(fields);
  const issues = checkApplicantFields(f, ctx);
  if (issues.length > 0) {
    throw new AccessError(
      'invalidData',
      issues.map((i) => `“${APPLICANT_COLUMNS[i.field]}”${i.message}`).join('；'),
      issues.map((i) => ({ column: APPLICANT_COLUMNS[i.field], message: i.message })),
    );
  }
  return f;
}

/** Opened ID numbers of a round's applicants (for duplicate checks): number → {id, ticket}. */
async function idNumbersOf(tx: Queryable, cipher: PersonalCipher, roundId: number) {
  const { rows } = await tx.query<{ id: number; ticket: string; id_number_sealed: string }>(
    'SELECT id, ticket, id_number_sealed FROM applicant WHERE round_id = $1',
    [roundId],
  );
  const out = new Map<string, { id: number; ticket: string }>();
  for (const r of rows) out.set(cipher.open(r.id_number_sealed), { id: Number(r.id), ticket: r.ticket });
  return out;
}

function duplicateMessage(ticket: string): string {
  return `本轮已有该身份证号的申请（申请编号 ${ticket}）：同一儿童只能申请一次，请核对身份证号，或修改已有的申请`;
}

async function insertApplicants(
  tx: Queryable,
  cipher: PersonalCipher,
  roundId: number,
  year: number,
  nextSerial: number,
  rows: ApplicantFields[],
  by: number,
): Promise<{ tickets: string[] }> {
  if (nextSerial + rows.length > 1000000) {
    throw new AccessError('invalidData', '本轮申请编号已用完（每轮最多 999999 个）');
  }
  const tickets = rows.map((_, k) => `${year}-${String(nextSerial + k).padStart(6, '0')}`);
  const records = rows.map((f, k) => ({
    ...sealedColumns(cipher, f),
    ticket: tickets[k],
    secret_sealed: cipher.seal(randomBytes(16).toString('hex')),
  }));
  // Batches keep each statement's parameter text moderate on both engines.
  for (let start = 0; start < records.length; start += 500) {
    const batch = records.slice(start, start + 500);
    await tx.query(
      `INSERT INTO applicant (round_id, ticket, secret_sealed, ${COLUMN_NAMES.join(', ')}, created_by, updated_by)
       SELECT $1, x.ticket, x.secret_sealed, ${COLUMN_NAMES.map((c) => `x.${c}`).join(', ')}, $3, $3
         FROM jsonb_to_recordset($2::jsonb) AS x(ticket text, secret_sealed text,
              name_sealed text, name_masked text, id_number_sealed text, id_number_masked text,
              guardian_name_sealed text, guardian_name_masked text, phone_sealed text, phone_masked text,
              address_sealed text, gender text, birth_month text, area_name text, zone_school_id text,
              category text, migrant_eligible boolean, special_needs text, special_needs_note text,
              special_needs_note_sealed text,
              sibling_at_school boolean, family_key text, choices jsonb)`,
      [roundId, jsonb(batch), by],
    );
  }
  await tx.query('UPDATE admission_round SET next_serial = $2 WHERE id = $1', [
    roundId,
    nextSerial + rows.length,
  ]);
  return { tickets };
}

async function readRow(db: Queryable, id: number, forUpdate = false): Promise<Row | null> {
  if (forUpdate) await db.query('SELECT id FROM applicant WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<Row>(`${SELECT} WHERE a.id = $1`, [id]);
  return rows[0] ?? null;
}

function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

/**
 * Adds a child to an open round (ticket and 核验码 assigned here), raising the round's version (a
 * commit names the list it was shown). Audited `applicant.create` (masked).
 * @throws AccessError notFound, notAllowed, wrongState (frozen), invalidData (every field problem;
 *   duplicate ID number)
 */
export function addApplicant(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  roundId: number,
  fields: ApplicantFields,
  opts: { ip?: string | null } = {},
): Promise<ApplicantListItem> {
  return inTransaction(db, async (tx) => {
    const round = await lockRoundForEdit(tx, actor, roundId, undefined, {
      needOpen: true,
      kind: 'applicant',
    });
    const f = checked(fields, await roundContext(tx, roundId, round.categories));
    const dup = (await idNumbersOf(tx, cipher, roundId)).get(f.idNumber);
    if (dup) throw new AccessError('invalidData', `“身份证号”${duplicateMessage(dup.ticket)}`);
    const by = await actingUser(tx, actor);
    const { tickets } = await insertApplicants(
      tx,
      cipher,
      roundId,
      round.year,
      round.next_serial,
      [f],
      by.id,
    );
    await touchRound(tx, roundId, by.id);
    const { rows: made } = await tx.query<Row>(`${SELECT} WHERE a.round_id = $1 AND a.ticket = $2`, [
      roundId,
      tickets[0],
    ]);
    const row = made[0]!;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.create',
      entity: 'applicant',
      entityId: String(row.id),
      after: { round: roundId, ...auditView(row) },
      ip: opts.ip ?? null,
    });
    return listItem(row, round.categories);
  });
}

/** Loads an applicant for a write: the round open, the actor its county's bureau, the version current. */
async function lockApplicant(tx: Queryable, actor: Actor, id: number, version: number | undefined) {
  if (!isId(id)) throw new AccessError('notFound', notFound(id));
  const peek = await tx.query<{ round_id: number }>('SELECT round_id FROM applicant WHERE id = $1', [id]);
  if (!peek.rows[0]) throw new AccessError('notFound', notFound(id));
  const round = await lockRoundForEdit(tx, actor, Number(peek.rows[0].round_id), undefined, {
    needOpen: true,
    kind: 'applicant',
  });
  const row = (await readRow(tx, id, true))!;
  if (version !== undefined && row.version !== version) {
    throw new AccessError(
      'conflict',
      `申请 ${row.ticket}（${row.name_masked}）已被他人修改（当前第 ${row.version} 版，您看到的是第 ${version} 版）：请刷新后在最新内容上修改，您的改动未保存`,
    );
  }
  return { round, row };
}

/**
 * Replaces a child's application (all fields) while the round is open. Audited `applicant.update`
 * with the masked before and after.
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState, invalidData
 */
export function updateApplicant(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  id: number,
  input: ApplicantFields & { version: number },
  opts: { ip?: string | null } = {},
): Promise<ApplicantListItem> {
  return inTransaction(db, async (tx) => {
    if (typeof input?.version !== 'number')
      throw new AccessError('invalidData', '请带上您修改的版本号（version）');
    const { round, row } = await lockApplicant(tx, actor, id, input.version);
    const f = checked(input, await roundContext(tx, Number(row.round_id), round.categories));
    const dup = (await idNumbersOf(tx, cipher, Number(row.round_id))).get(f.idNumber);
    if (dup && dup.id !== Number(row.id))
      throw new AccessError('invalidData', `“身份证号”${duplicateMessage(dup.ticket)}`);
    const cols = sealedColumns(cipher, f);
    const by = await actingUser(tx, actor);
    const params: unknown[] = [id];
    const sets = COLUMN_NAMES.map((c) => {
      params.push(c === 'choices' ? jsonb(cols[c]) : cols[c]);
      return `${c} = $${params.length}${c === 'choices' ? '::jsonb' : ''}`;
    });
    params.push(by.id);
    await tx.query(
      `UPDATE applicant SET ${sets.join(', ')}, version = version + 1, updated_by = $${params.length}, updated_at = now()
        WHERE id = $1`,
      params,
    );
    await touchRound(tx, Number(row.round_id), by.id);
    const after = (await readRow(tx, id))!;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.update',
      entity: 'applicant',
      entityId: String(id),
      before: auditView(row),
      after: auditView(after),
      ip: opts.ip ?? null,
    });
    return listItem(after, round.categories);
  });
}

/**
 * Removes a child's application while the round is open. Audited `applicant.delete` (masked).
 * @throws AccessError notFound, notAllowed, conflict, wrongState
 */
export function removeApplicant(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  version: number,
  opts: { ip?: string | null } = {},
): Promise<void> {
  return inTransaction(db, async (tx) => {
    const { row } = await lockApplicant(tx, actor, id, version);
    const by = await actingUser(tx, actor);
    await tx.query('DELETE FROM applicant WHERE id = $1', [id]);
    await touchRound(tx, Number(row.round_id), by.id);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.delete',
      entity: 'applicant',
      entityId: String(id),
      before: { round: Number(row.round_id), ...auditView(row) },
      ip: opts.ip ?? null,
    });
  });
}

/**
 * Which children of a round the actor may read: all (the county's bureau), those placed at its
 * school (a school user), or none: 403 when the round itself is visible (inspectors, city), else 404.
 */
async function applicantScope(db: Queryable, actor: Actor, roundId: number) {
  if (!isId(roundId)) throw new AccessError('notFound', roundNotFoundMessage(roundId));
  const round = await readRoundRow(db, roundId);
  const access = await roundAccess(db, actor, round, roundId);
  const county = round!.county_code;
  if (can(actor, 'view', { kind: 'applicant', regionCode: county })) return { round: round!, school: null };
  if (access === 'school') return { round: round!, school: actor.schoolId! };
  const d = explain(actor, 'view', { kind: 'applicant', regionCode: county });
  throw new AccessError(
    'notAllowed',
    `${d.reason}（招生申请含儿童个人信息，只有县教育局和录取学校可查看）`,
    undefined,
    d.rule,
  );
}

function listFilter(roundId: number, q: ApplicantListQuery, school: string | null) {
  const params: unknown[] = [roundId];
  const where = ['a.round_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (school !== null) add('a.placement_school_id = ?', school);
  if (q.zoneSchoolId) add('a.zone_school_id = ?', String(q.zoneSchoolId));
  if (q.placementSchoolId) add('a.placement_school_id = ?', String(q.placementSchoolId));
  if (q.category) add('a.category = ?', String(q.category));
  switch (q.status) {
    case undefined:
      break;
    case 'unplaced':
      where.push('a.placement_how IS NULL');
      break;
    case 'placed':
      where.push(`a.placement_school_id IS NOT NULL`);
      break;
    case 'pending':
      where.push(`a.placement_how = 'pending'`);
      break;
    case 'migrant':
      where.push('a.migrant_eligible');
      break;
    case 'special':
      where.push('a.special_needs IS NOT NULL');
      break;
    default:
      throw new AccessError(
        'invalidData',
        `状态只能是 unplaced、placed、pending、migrant 或 special，收到 ${String(q.status)}`,
      );
  }
  const text = searchText(q.q);
  if (text !== undefined) {
    params.push(text);
    const p = `$${params.length}`;
    where.push(`(a.ticket = ${p} OR strpos(COALESCE(a.area_name, ''), ${p}) > 0)`);
  }
  return { where: where.join(' AND '), params };
}

/**
 * The children of a round, masked, by ticket, one page at a time. A school user sees those placed
 * at its school only.
 * @throws AccessError notFound (round invisible), notAllowed (inspector, city), invalidData (filters)
 */
export async function listApplicants(
  db: Database | Queryable,
  actor: Actor,
  roundId: number,
  query: ApplicantListQuery = {},
): Promise<Page<ApplicantListItem>> {
  const { round, school } = await applicantScope(db, actor, roundId);
  const { page, pageSize, offset } = paging(query);
  const { where, params } = listFilter(roundId, query, school);
  const total = await db.query<{ n: number }>(`SELECT count(*) AS n FROM applicant a WHERE ${where}`, params);
  const { rows } = await db.query<Row>(
    `${SELECT} WHERE ${where} ORDER BY a.ticket LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  return {
    items: rows.map((r) => listItem(r, round.categories)),
    total: Number(total.rows[0]!.n),
    page,
    pageSize,
  };
}

/** A child's lottery entry: the family's first ticket and that child's sealed 核验码. */
interface EntryOf {
  ticket: string;
  secretSealed: string;
}

/**
 * The lottery entry of each applicant (by applicant id) exactly as commitRoundDraw builds the draw
 * (core familyEntries over the whole round: the family's first ticket, with that child's secret),
 * so every twin's notice shows the ticket and 核验码 the public list can verify. Over the whole
 * round, or one family only.
 */
async function lotteryEntries(
  db: Queryable,
  roundId: number,
  familyKey?: string,
): Promise<Map<string, EntryOf>> {
  const params: unknown[] = [roundId];
  if (familyKey !== undefined) params.push(familyKey);
  const { rows } = await db.query<{
    id: number;
    ticket: string;
    family_key: string | null;
    secret_sealed: string;
  }>(
    `SELECT id, ticket, family_key, secret_sealed FROM applicant
      WHERE round_id = $1${familyKey !== undefined ? ' AND family_key = $2' : ''}`,
    params,
  );
  const sealed = new Map(rows.map((r) => [r.ticket, r.secret_sealed]));
  const out = new Map<string, EntryOf>();
  for (const e of familyEntries(
    rows.map((r) => ({ id: String(r.id), ticket: r.ticket, familyKey: r.family_key })),
  )) {
    for (const m of e.members) out.set(m.id, { ticket: e.ticket, secretSealed: sealed.get(e.ticket)! });
  }
  return out;
}

/** The entry of one child: its family's (read over the round), or its own. */
async function lotteryEntryOf(db: Queryable, r: Row): Promise<EntryOf> {
  if (r.family_key === null || r.family_key === '') {
    return { ticket: r.ticket, secretSealed: r.secret_sealed };
  }
  const entries = await lotteryEntries(db, Number(r.round_id), r.family_key);
  return entries.get(String(r.id)) ?? { ticket: r.ticket, secretSealed: r.secret_sealed };
}

/**
 * Whether the actor gets the 核验码: the county's bureau, who may edit the round and prints the
 * families' notices. A school enrols the children placed at it and never needs them.
 */
function maySeeSecrets(actor: Actor, county: string): boolean {
  return (
    can(actor, 'edit', { kind: 'admissionPlan', regionCode: county }) &&
    can(actor, 'edit', { kind: 'applicant', regionCode: county })
  );
}

function fullDetail(
  cipher: PersonalCipher,
  r: Row,
  categories: AdmissionCategory[],
  entry: EntryOf,
  withSecret: boolean,
): ApplicantDetail {
  return {
    ...listItem(r, categories),
    name: cipher.open(r.name_sealed),
    idNumber: cipher.open(r.id_number_sealed),
    guardianName: cipher.open(r.guardian_name_sealed),
    phone: cipher.open(r.phone_sealed),
    address: cipher.openOptional(r.address_sealed),
    specialNeedsNote: cipher.openOptional(r.special_needs_note_sealed) ?? r.special_needs_note,
    secret: withSecret ? cipher.open(entry.secretSealed) : null,
    lotteryTicket: entry.ticket,
  };
}

/** A child's row for a masked export: the masked forms where the full record has personal data. */
function maskedDetail(r: Row, categories: AdmissionCategory[], entry: EntryOf): ApplicantDetail {
  return {
    ...listItem(r, categories),
    name: r.name_masked,
    idNumber: r.id_number_masked,
    guardianName: r.guardian_name_masked,
    phone: r.phone_masked,
    address: null,
    specialNeedsNote: null,
    secret: null,
    lotteryTicket: entry.ticket,
  };
}

/**
 * One child's full record, decrypted: a personal-data read, audited `applicant.read` (who, which
 * child, masked) before it is returned. The 核验码 only for the county's bureau (null for a school).
 * @throws AccessError notFound (unknown, or not visible: another school's child, an inspector),
 *   notAllowed (a visible child without viewPersonal: a principal, who reads the masked list)
 */
export async function getApplicant(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  id: number,
  opts: { ip?: string | null } = {},
): Promise<ApplicantDetail> {
  if (!isId(id)) throw new AccessError('notFound', notFound(id));
  return inTransaction(db, async (tx) => {
    const r = await readRow(tx, id);
    const resource = {
      kind: 'applicant' as const,
      regionCode: r?.county_code ?? '',
      schoolId: r?.placement_school_id,
    };
    if (!r || !can(actor, 'view', resource)) throw new AccessError('notFound', notFound(id));
    if (!can(actor, 'viewPersonal', resource)) {
      const d = explain(actor, 'viewPersonal', resource);
      throw new AccessError(
        'notAllowed',
        `${USER_ROLE_NAMES[actor.role]}可查看本校录取名单（脱敏）；儿童的完整信息（姓名、身份证号、监护人、电话、地址）由学校填报员或县教育局查看`,
        undefined,
        d.rule,
      );
    }
    const round = (await readRoundRow(tx, Number(r.round_id)))!;
    const by = await actingUser(tx, actor);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.read',
      entity: 'applicant',
      entityId: String(id),
      after: { round: Number(r.round_id), ticket: r.ticket, name: r.name_masked },
      ip: opts.ip ?? null,
    });
    return fullDetail(
      cipher,
      r,
      round.categories,
      await lotteryEntryOf(tx, r),
      maySeeSecrets(actor, r.county_code),
    );
  });
}

/**
 * Every child of a round (filtered as the list) for the export file: audited `applicant.export`
 * (round, filters, how many, whether with personal data) before the data is returned. Decrypted
 * only for viewPersonal (the bureau; a school's clerk); masked for the others (a principal). A
 * school user exports the children placed at its school, without 核验码 (`secrets` false).
 * @throws AccessError notFound, notAllowed (inspector, city: no personal data)
 */
export async function exportApplicants(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  roundId: number,
  query: Omit<ApplicantListQuery, 'page' | 'pageSize'> = {},
  opts: { ip?: string | null; format?: string } = {},
): Promise<{
  round: { id: number; title: string; categories: AdmissionCategory[] };
  /** Whether the items carry the 核验码 (the county's bureau only; a school's export has none). */
  secrets: boolean;
  /**
   * Whether the items carry personal data (viewPersonal: the bureau, a school's clerk). Otherwise
   * (a principal) name, ID number, guardian and phone are the masked forms, address and note null,
   * and nothing was decrypted.
   */
  personal: boolean;
  items: ApplicantDetail[];
}> {
  return inTransaction(db, async (tx) => {
    const { round, school } = await applicantScope(tx, actor, roundId);
    const county = round.county_code;
    const allowed = can(actor, 'export', { kind: 'applicant', regionCode: county, schoolId: school });
    if (!allowed)
      throw new AccessError(
        'notAllowed',
        explain(actor, 'export', { kind: 'applicant', regionCode: county }).reason,
      );
    const { where, params } = listFilter(roundId, query, school);
    const { rows } = await tx.query<Row>(`${SELECT} WHERE ${where} ORDER BY a.ticket`, params);
    const personal = can(actor, 'viewPersonal', { kind: 'applicant', regionCode: county, schoolId: school });
    const by = await actingUser(tx, actor);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.export',
      entity: 'admission_round',
      entityId: String(roundId),
      after: {
        filters: { ...query, school },
        count: rows.length,
        format: opts.format ?? 'xlsx',
        personal,
      },
      ip: opts.ip ?? null,
    });
    // Families over the whole round: a filter may leave out a family's first child.
    const entries = await lotteryEntries(tx, roundId);
    const secrets = personal && maySeeSecrets(actor, county);
    return {
      round: { id: Number(round.id), title: round.title, categories: round.categories },
      secrets,
      personal,
      items: rows.map((r) => {
        const entry = entries.get(String(r.id)) ?? { ticket: r.ticket, secretSealed: r.secret_sealed };
        return personal
          ? fullDetail(cipher, r, round.categories, entry, secrets)
          : maskedDetail(r, round.categories, entry);
      }),
    };
  });
}

/**
 * Imports children into an open round, all or nothing: every row is checked (fields, duplicate ID
 * numbers in the file and in the round, families within the file) and nothing is written unless
 * all rows pass. One audit event `applicant.import` (file, rows, tickets).
 * @throws AccessError invalidData with `details` = every ApplicantRowError; notFound, notAllowed,
 *   wrongState
 */
export function importApplicants(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  roundId: number,
  rows: ApplicantImportRow[],
  opts: { ip?: string | null; file?: string } = {},
): Promise<{ created: number; firstTicket: string | null; lastTicket: string | null }> {
  return inTransaction(db, async (tx) => {
    const round = await lockRoundForEdit(tx, actor, roundId, undefined, {
      needOpen: true,
      kind: 'applicant',
      action: 'import',
    });
    if (!Array.isArray(rows) || rows.length === 0) {
      throw new AccessError('invalidData', '文件中没有申请人：请在模板的“申请人”工作表中从第 2 行起填写');
    }
    const ctx = await roundContext(tx, roundId, round.categories);
    const existing = await idNumbersOf(tx, cipher, roundId);
    const errors: ApplicantRowError[] = [];
    const inFile = new Map<string, number>();
    const good: ApplicantFields[] = [];
    for (const { rowNo, fields } of rows) {
      const f = normalizeApplicant(fields);
      for (const i of checkApplicantFields(f, ctx)) {
        errors.push({
          row: rowNo,
          column: APPLICANT_COLUMNS[i.field],
          value: typedValue(f, i.field),
          message: i.message,
        });
      }
      if (typeof f.idNumber === 'string' && f.idNumber !== '') {
        const masked = maskIdNumber(f.idNumber);
        const dup = existing.get(f.idNumber);
        if (dup) {
          errors.push({
            row: rowNo,
            column: '身份证号',
            value: masked,
            message: duplicateMessage(dup.ticket),
          });
        }
        const first = inFile.get(f.idNumber);
        if (first !== undefined) {
          errors.push({
            row: rowNo,
            column: '身份证号',
            value: masked,
            message: `与第 ${first} 行的身份证号相同：同一儿童只能填一行，请删除重复的行`,
          });
        } else inFile.set(f.idNumber, rowNo);
      }
      good.push(f);
    }
    if (errors.length > 0) {
      throw new AccessError(
        'invalidData',
        `导入文件有 ${errors.length} 处错误，未导入任何申请人：请按列表逐条修改后重新导入`,
        errors,
      );
    }
    const by = await actingUser(tx, actor);
    const { tickets } = await insertApplicants(
      tx,
      cipher,
      roundId,
      round.year,
      round.next_serial,
      good,
      by.id,
    );
    await touchRound(tx, roundId, by.id);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.import',
      entity: 'admission_round',
      entityId: String(roundId),
      after: {
        file: opts.file ?? null,
        rows: good.length,
        firstTicket: tickets[0],
        lastTicket: tickets.at(-1),
      },
      ip: opts.ip ?? null,
    });
    return { created: good.length, firstTicket: tickets[0] ?? null, lastTicket: tickets.at(-1) ?? null };
  });
}

/** The value to show with an error, as it was typed. */
function typedValue(f: ApplicantFields, field: keyof ApplicantFields): unknown {
  return f[field] ?? undefined;
}

/**
 * Seals the 特殊需要说明 stored in plain text before notes were sealed (migration
 * 20261207T1300-seal-special-needs-notes-and-shorten-id-masks cannot encrypt): each moves to
 * special_needs_note_sealed and the plain column is cleared, also for frozen applicants (the
 * trigger allows exactly this move). Run at start-up, once the key is checked; nothing to do after
 * the first run.
 * @returns how many notes were sealed
 */
export async function sealPlainNotes(db: Database | Queryable, cipher: PersonalCipher): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ id: number; special_needs_note: string }>(
      'SELECT id, special_needs_note FROM applicant WHERE special_needs_note IS NOT NULL ORDER BY id FOR UPDATE',
    );
    const sealed = rows.map((r) => ({ id: Number(r.id), sealed: cipher.seal(r.special_needs_note) }));
    for (let start = 0; start < sealed.length; start += 500) {
      await tx.query(
        `UPDATE applicant a SET special_needs_note_sealed = x.sealed, special_needs_note = NULL
           FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, sealed text)
          WHERE a.id = x.id`,
        [jsonb(sealed.slice(start, start + 500))],
      );
    }
    return sealed.length;
  });
}
