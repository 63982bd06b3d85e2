/**
 * @module 指标到校 commands: a quality high school's places allocated to the county's junior schools
 * (core allocateQuota: largest remainder, rural tilt, minimum per school), saved with the inputs the
 * bureau confirmed so the calculation can be shown again, and changed with version checks.
 *
 * Decisions:
 * - County-wide: kind admissionPlan of the county, no schoolId. The bureau edits (bureau.admission);
 *   inspectors and city users read; schools do not see it here (the public notice is the bureau's).
 * - Graduates (应届毕业生数): the school reports hold no 初三 count, only 初中在校生数 (StageReport
 *   `students`). {@link quotaSchools} pre-fills graduates as round(初中在校生数 ÷ 3), marked
 *   `estimated`, and the bureau corrects the figures on the page (or in the file for the CLI)
 *   before saving; what was saved is what the allocation used.
 * - 乡村 is the register's 城乡类型 (school.locality = rural), read from the database on every
 *   preview and save: a client cannot mark a town school rural to tilt places towards it (the
 *   register is changed by the bureau's school registry, audited there). The saved inputs keep the
 *   flag as it was used.
 * - Every change is one transaction with its audit event; an update naming an older version is
 *   refused (409 conflict).
 */
import {
  type Actor,
  allocateQuotaParams,
  checkQuotaParams,
  checkQuotaYear,
  QUOTA_SHARE_2017,
  type QuotaAllocation,
  type QuotaInputSchool,
  type QuotaParams,
  type QuotaSchoolInput,
  Refusal,
  requireAllowed,
  resourceRegionLevel,
} from '@junheng/core';
import {
  countyByCode,
  findQuota,
  insertQuota,
  inTransaction,
  juniorSchoolRows,
  listQuotaRows,
  type Queryable,
  type QuotaRow,
  type QuotaValues,
  regionName,
  registerSchools,
  updateQuotaRow,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../platform/commands.js';
import { resolveCounty } from '../../schools/county.js';
import {
  presentQuota,
  presentQuotaSchool,
  presentQuotaSummary,
  type QuotaAllocationSummary,
  type QuotaAllocationView,
  type QuotaSchoolRow,
} from './present.js';

/** A county as a request names it: the user's own when not given (schools/county.ts). */
interface CountyProps {
  countyCode?: string;
}

/** The county is a county the actor may see (view) or plan in (edit). @throws Refusal notFound, notAllowed */
async function checkCounty(db: Queryable, actor: Actor, countyCode: string, action: 'view' | 'edit') {
  const notFound = { key: 'quota.countyNotFound', params: { county: String(countyCode) } } as const;
  if (resourceRegionLevel(countyCode) !== 'county')
    throw new Refusal('notFound', notFound.key, notFound.params);
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: countyCode }, notFound);
  if (!(await countyByCode(db, countyCode))) throw new Refusal('notFound', notFound.key, notFound.params);
}

/** A saved allocation the actor may view or edit (FOR UPDATE when `lock`). @throws Refusal notFound, notAllowed */
async function loadQuota(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit',
  lock = false,
): Promise<QuotaRow> {
  const notFound = { key: 'quota.notFound', params: { id: String(id) } } as const;
  if (!Number.isSafeInteger(id) || id < 1) throw new Refusal('notFound', notFound.key, notFound.params);
  const row = await findQuota(db, id, lock);
  if (!row) throw new Refusal('notFound', notFound.key, notFound.params);
  requireAllowed(actor, action, { kind: 'admissionPlan', regionCode: row.county_code }, notFound);
  return row;
}

/**
 * The schools must be schools of the county; name and 乡村 (school.locality = 'rural') come from the
 * register, never from the request.
 * @throws Refusal invalidRequest naming the first school not of the county
 */
async function resolveSchools(
  db: Queryable,
  countyCode: string,
  schools: readonly QuotaSchoolInput[],
): Promise<QuotaInputSchool[]> {
  const rows = await registerSchools(
    db,
    countyCode,
    schools.map((s) => String(s?.schoolId)),
  );
  const register = new Map(rows.map((r) => [r.id, r]));
  return schools.map((s, i) => {
    const r = register.get(s.schoolId);
    if (!r)
      throw new Refusal('invalidRequest', 'quota.notInCounty', { n: i + 1, schoolId: String(s.schoolId) });
    return { schoolId: s.schoolId, name: r.name, graduates: s.graduates, rural: r.locality === 'rural' };
  });
}

/** The checked form, its schools from the register and core's allocation: what is saved. */
async function calculate(db: Queryable, countyCode: string, input: QuotaParams): Promise<QuotaValues> {
  checkQuotaParams(input);
  const inputs = await resolveSchools(db, countyCode, input.schools);
  const result = allocateQuotaParams(input, inputs);
  return {
    highSchoolName: input.highSchoolName.trim(),
    places: input.places,
    share: input.share,
    ruralTilt: input.ruralTilt,
    minimum: input.minimum,
    inputs,
    result,
  };
}

/** What the audit log keeps of an allocation: its parameters and each school's final places. */
function auditOf(v: QuotaValues) {
  return {
    highSchoolName: v.highSchoolName,
    places: v.places,
    share: v.share,
    ruralTilt: v.ruralTilt,
    minimum: v.minimum,
    allocated: v.result.places,
    finals: Object.fromEntries(v.result.rows.map((r) => [r.schoolId, r.final])),
  };
}

/**
 * The county's junior-stage schools with graduates estimated from 初中在校生数 ÷ 3 (reports of the
 * year, else of the latest earlier year with a report), and the share rule.
 * @throws Refusal notFound when the actor may not view the county's admission plans
 */
export async function quotaSchools(
  ctx: CommandContext,
  props: CountyProps & { year: number },
): Promise<{
  countyCode: string;
  countyName: string;
  rule: { minShare: number; document: string };
  schools: QuotaSchoolRow[];
}> {
  const county = await resolveCounty(ctx.db, ctx.actor, 'admissionPlan', props.countyCode);
  checkQuotaYear(props.year);
  await checkCounty(ctx.db, ctx.actor, county.code, 'view');
  const schools = (await juniorSchoolRows(ctx.db, county.code, props.year)).map(presentQuotaSchool);
  const { minShare, document } = QUOTA_SHARE_2017;
  return { countyCode: county.code, countyName: county.name, rule: { minShare, document }, schools };
}

/**
 * Checks the form and the schools and computes the allocation without saving it (the page's live
 * preview); 乡村 comes from the register.
 * @throws Refusal notFound (county not visible), invalidRequest
 */
export async function previewQuota(
  ctx: CommandContext,
  props: CountyProps & QuotaParams,
): Promise<QuotaAllocation> {
  const county = await resolveCounty(ctx.db, ctx.actor, 'admissionPlan', props.countyCode);
  await checkCounty(ctx.db, ctx.actor, county.code, 'view');
  return (await calculate(ctx.db, county.code, props)).result;
}

/**
 * Computes and saves an allocation. Audited `quotaAllocation.create`.
 * @throws Refusal notFound, notAllowed, invalidRequest; nothing is written then
 */
export async function createQuota(
  ctx: CommandContext,
  props: CountyProps & QuotaParams & { year: number },
): Promise<QuotaAllocationView> {
  const county = await resolveCounty(ctx.db, ctx.actor, 'admissionPlan', props.countyCode);
  const year = checkQuotaYear(props.year);
  return inTransaction(ctx.db, async (tx) => {
    await checkCounty(tx, ctx.actor, county.code, 'edit');
    const values = await calculate(tx, county.code, props);
    const by = await actingUser(tx, ctx.actor);
    const id = await insertQuota(tx, { countyCode: county.code, year }, values, by.id);
    await recordChange(
      tx,
      ctx,
      { action: 'quotaAllocation.create', entity: 'quota_allocation', entityId: id, after: auditOf(values) },
      by,
    );
    return presentQuota(await loadQuota(tx, ctx.actor, id, 'view'));
  });
}

/**
 * Recomputes and saves a changed allocation (same county and year). Audited
 * `quotaAllocation.update` with the parameters and finals before and after.
 * @throws Refusal notFound, notAllowed, conflict (stale version), invalidRequest
 */
export function updateQuota(
  ctx: CommandContext,
  props: QuotaParams & { id: number; expectedVersion: number },
): Promise<QuotaAllocationView> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadQuota(tx, ctx.actor, props.id, 'edit', true);
    if (row.version !== props.expectedVersion) throw new Refusal('conflict', 'quota.conflict');
    const values = await calculate(tx, row.county_code, props);
    const by = await actingUser(tx, ctx.actor);
    await updateQuotaRow(tx, row.id, values, by.id);
    await recordChange(
      tx,
      ctx,
      {
        action: 'quotaAllocation.update',
        entity: 'quota_allocation',
        entityId: row.id,
        before: {
          version: row.version,
          highSchoolName: row.high_school_name,
          places: row.places,
          share: row.allocated_share,
          ruralTilt: row.rural_tilt,
          minimum: row.minimum,
          finals: Object.fromEntries(row.result.rows.map((r) => [r.schoolId, r.final])),
        },
        after: { version: row.version + 1, ...auditOf(values) },
      },
      by,
    );
    return presentQuota(await loadQuota(tx, ctx.actor, row.id, 'view'));
  });
}

/** Reads one saved allocation. @throws Refusal notFound */
export async function getQuota(ctx: CommandContext, props: { id: number }): Promise<QuotaAllocationView> {
  return presentQuota(await loadQuota(ctx.db, ctx.actor, props.id, 'view'));
}

/** The county's saved allocations of a year (the latest changed first). @throws Refusal notFound */
export async function listQuotas(
  ctx: CommandContext,
  props: CountyProps & { year: number },
): Promise<QuotaAllocationSummary[]> {
  const county = await resolveCounty(ctx.db, ctx.actor, 'admissionPlan', props.countyCode);
  checkQuotaYear(props.year);
  await checkCounty(ctx.db, ctx.actor, county.code, 'view');
  return (await listQuotaRows(ctx.db, county.code, props.year)).map(presentQuotaSummary);
}

/**
 * An allocation to download as .xlsx, with its county's name: the actor may export it.
 * @throws Refusal notFound, notAllowed
 */
export async function quotaForExport(
  ctx: CommandContext,
  props: { id: number },
): Promise<{ quota: QuotaAllocationView; countyName: string }> {
  const quota = await getQuota(ctx, props);
  requireAllowed(
    ctx.actor,
    'export',
    { kind: 'admissionPlan', regionCode: quota.countyCode },
    { key: 'quota.exportNotFound' },
  );
  return { quota, countyName: (await regionName(ctx.db, quota.countyCode)) ?? quota.countyCode };
}
