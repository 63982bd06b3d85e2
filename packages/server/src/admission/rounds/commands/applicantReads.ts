/**
 * @module Reading a round's children: the masked list, one child's full record (opened with the
 * county's cipher, audited before it is returned) and the export (audited; personal data only for
 * viewPersonal, the 核验码 only for the county's bureau), with the family's lottery entry.
 */
import {
  type Actor,
  type AdmissionCategory,
  can,
  checkApplicantStatus,
  explain,
  familyEntries,
  policyRefusal,
  Refusal,
  USER_ROLE_NAMES,
} from '@junheng/core';
import {
  type ApplicantFilter,
  type ApplicantRow,
  applicantList,
  applicantPage,
  inTransaction,
  lotteryEntryRows,
  type Page,
  type Queryable,
  readApplicantRow,
  readRoundRow,
  readRoundSchools,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import {
  type ApplicantDetail,
  type ApplicantListItem,
  type LotteryEntryOf,
  presentApplicant,
  presentApplicantDetail,
  presentMaskedDetail,
} from '../present.js';
import { applicantNotFound, applicantScope, isId, maySeeSecrets, readableRound } from './access.js';
import { cipherOf } from './applicants.js';

/**
 * The children of a round, masked, by ticket, one page at a time. A school user sees those placed
 * at its school only.
 * @throws Refusal notFound (round invisible), notAllowed (inspector, city), invalidRequest (filters)
 */
export async function listApplicants(
  ctx: CommandContext,
  props: { roundId: number } & ApplicantFilter & { page?: number; pageSize?: number },
): Promise<Page<ApplicantListItem>> {
  const { roundId, ...query } = props;
  const { round, school } = await applicantScope(ctx.db, ctx.actor, roundId);
  checkApplicantStatus(query.status);
  const { rows, total, page, pageSize } = await applicantPage(ctx.db, roundId, query, school);
  return { items: rows.map((r) => presentApplicant(r, round.categories)), total, page, pageSize };
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
): Promise<Map<string, LotteryEntryOf>> {
  const rows = await lotteryEntryRows(db, roundId, familyKey);
  const sealed = new Map(rows.map((r) => [r.ticket, r.secret_sealed]));
  const out = new Map<string, LotteryEntryOf>();
  for (const e of familyEntries(
    rows.map((r) => ({ id: String(r.id), ticket: r.ticket, familyKey: r.family_key })),
  )) {
    for (const m of e.members) out.set(m.id, { ticket: e.ticket, secretSealed: sealed.get(e.ticket)! });
  }
  return out;
}

/** The entry of one child: its family's (read over the round), or its own. */
async function lotteryEntryOf(db: Queryable, r: ApplicantRow): Promise<LotteryEntryOf> {
  if (r.family_key === null || r.family_key === '') {
    return { ticket: r.ticket, secretSealed: r.secret_sealed };
  }
  const entries = await lotteryEntries(db, r.round_id, r.family_key);
  return entries.get(String(r.id)) ?? { ticket: r.ticket, secretSealed: r.secret_sealed };
}

/** A visible child the actor may read in full. @throws Refusal notFound, notAllowed */
function checkPersonalRead(actor: Actor, id: number, r: ApplicantRow | null): ApplicantRow {
  const resource = {
    kind: 'applicant' as const,
    regionCode: r?.county_code ?? '',
    schoolId: r?.placement_school_id,
  };
  if (!r || !can(actor, 'view', resource)) throw applicantNotFound(id);
  if (!can(actor, 'viewPersonal', resource)) {
    const d = explain(actor, 'viewPersonal', resource);
    throw new Refusal(
      'notAllowed',
      'rounds.personalNotAllowed',
      { role: USER_ROLE_NAMES[actor.role] },
      { rule: d.rule },
    );
  }
  return r;
}

/**
 * One child's full record, decrypted: a personal-data read, audited `applicant.read` (who, which
 * child, masked) before it is returned. The 核验码 only for the county's bureau (null for a school).
 * @throws Refusal notFound (unknown, or not visible: another school's child, an inspector),
 *   notAllowed (a visible child without viewPersonal: a principal, who reads the masked list)
 */
export async function getApplicant(ctx: CommandContext, props: { id: number }): Promise<ApplicantDetail> {
  const { id } = props;
  if (!isId(id)) throw applicantNotFound(id);
  const cipher = cipherOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const r = checkPersonalRead(ctx.actor, id, await readApplicantRow(tx, id));
    const round = (await readRoundRow(tx, r.round_id))!;
    const by = await actingUser(tx, ctx.actor);
    await recordChange(
      tx,
      ctx,
      {
        action: 'applicant.read',
        entity: 'applicant',
        entityId: id,
        after: { round: r.round_id, ticket: r.ticket, name: r.name_masked },
      },
      by,
    );
    return presentApplicantDetail(
      cipher,
      r,
      round.categories,
      await lotteryEntryOf(tx, r),
      maySeeSecrets(ctx.actor, r.county_code),
    );
  });
}

/** What an export hands to the file writer. */
export interface ApplicantExport {
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
  /** The names of the round's schools the actor sees (a school user: its own), by id. */
  schoolNames: Map<string, string>;
}

/**
 * Every child of a round (filtered as the list) for the export file: audited `applicant.export`
 * (round, filters, how many, whether with personal data) before the data is returned. Decrypted
 * only for viewPersonal (the bureau; a school's clerk); masked for the others (a principal). A
 * school user exports the children placed at its school, without 核验码 (`secrets` false).
 * @throws Refusal notFound, notAllowed (inspector, city: no personal data)
 */
export async function exportApplicants(
  ctx: CommandContext,
  props: { roundId: number; filters?: ApplicantFilter; format?: string },
): Promise<ApplicantExport> {
  const cipher = cipherOf(ctx);
  const { roundId } = props;
  const filters = props.filters ?? {};
  const exported = await inTransaction(ctx.db, async (tx) => {
    const { round, school } = await applicantScope(tx, ctx.actor, roundId);
    const county = round.county_code;
    if (!can(ctx.actor, 'export', { kind: 'applicant', regionCode: county, schoolId: school })) {
      throw policyRefusal(explain(ctx.actor, 'export', { kind: 'applicant', regionCode: county }));
    }
    checkApplicantStatus(filters.status);
    const rows = await applicantList(tx, roundId, filters, school);
    const personal = can(ctx.actor, 'viewPersonal', {
      kind: 'applicant',
      regionCode: county,
      schoolId: school,
    });
    const by = await actingUser(tx, ctx.actor);
    await recordChange(
      tx,
      ctx,
      {
        action: 'applicant.export',
        entity: 'admission_round',
        entityId: roundId,
        after: {
          filters: { ...filters, school },
          count: rows.length,
          format: props.format ?? 'xlsx',
          personal,
        },
      },
      by,
    );
    // Families over the whole round: a filter may leave out a family's first child.
    const entries = await lotteryEntries(tx, roundId);
    const secrets = personal && maySeeSecrets(ctx.actor, county);
    return {
      round: { id: round.id, title: round.title, categories: round.categories },
      secrets,
      personal,
      items: rows.map((r) => {
        const entry = entries.get(String(r.id)) ?? { ticket: r.ticket, secretSealed: r.secret_sealed };
        return personal
          ? presentApplicantDetail(cipher, r, round.categories, entry, secrets)
          : presentMaskedDetail(r, round.categories, entry);
      }),
    };
  });
  return { ...exported, schoolNames: await visibleSchoolNames(ctx, roundId) };
}

/** The round's schools as the actor sees them (getRound: a school user its own only), by id. */
async function visibleSchoolNames(ctx: CommandContext, roundId: number): Promise<Map<string, string>> {
  const { row, access } = await readableRound(ctx.db, ctx.actor, roundId);
  let schools = await readRoundSchools(ctx.db, row.id);
  if (access === 'school') schools = schools.filter((s) => s.schoolId === ctx.actor.schoolId);
  return new Map(schools.map((s) => [s.schoolId, s.schoolName]));
}
