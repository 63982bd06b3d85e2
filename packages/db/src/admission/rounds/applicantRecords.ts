/**
 * @module A child's full record and the export: personal data opened with the county's cipher
 * (audited before it is returned), the family's lottery entry and 核验码 (for the county's bureau
 * only), or the masked forms for those without viewPersonal.
 */
import {
  type Actor,
  type AdmissionCategory,
  can,
  explain,
  familyEntries,
  USER_ROLE_NAMES,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, inTransaction } from '../../platform/queryKit.js';
import { applicantScope, listFilter } from './applicantQueries.js';
import { applicantsOf, listItem, notFound, type Row, readRow, rowOf, withNames } from './applicantRows.js';
import type { ApplicantDetail, ApplicantListQuery } from './applicantTypes.js';
import { isId, readRoundRow } from './roundRecords.js';

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
  let q = sqlOf(db)
    .selectFrom('applicant')
    .select(['id', 'ticket', 'family_key', 'secret_sealed'])
    .where('round_id', '=', roundId);
  if (familyKey !== undefined) q = q.where('family_key', '=', familyKey);
  const rows = await q.execute();
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
  const entries = await lotteryEntries(db, r.round_id, r.family_key);
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
    const round = (await readRoundRow(tx, r.round_id))!;
    const by = await actingUser(tx, actor);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.read',
      entity: 'applicant',
      entityId: String(id),
      after: { round: r.round_id, ticket: r.ticket, name: r.name_masked },
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
  filters: Omit<ApplicantListQuery, 'page' | 'pageSize'> = {},
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
    const filtered = listFilter(applicantsOf(tx), roundId, filters, school);
    const rows = (await withNames(filtered).orderBy('a.ticket').execute()).map(rowOf);
    const personal = can(actor, 'viewPersonal', { kind: 'applicant', regionCode: county, schoolId: school });
    const by = await actingUser(tx, actor);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'applicant.export',
      entity: 'admission_round',
      entityId: String(roundId),
      after: {
        filters: { ...filters, school },
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
      round: { id: round.id, title: round.title, categories: round.categories },
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
