/**
 * @module An import written: the dataset saved, its reports approved when asked (导入即审核), the
 * import audited, all in one transaction; a dry run answers the same and rolls the transaction back.
 */
import { type CountyDataset, REPORT_STATUS_NAMES, type ReportStatus, STAGE_NAMES } from '@junheng/core';
import { appendAudit, approveImportedReports, reportStatusesOf, saveDataset } from '@junheng/db';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';

/** Thrown to roll a dry run's transaction back, carrying its answer out. */
class DryRunDone<T> extends Error {
  constructor(readonly value: T) {
    super('dry run');
  }
}

/** The status of each report before the import ('missing' = none yet), for the confirmation list. */
async function statusesBefore(
  tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0],
  ds: CountyDataset,
): Promise<Map<string, ReportStatus>> {
  return reportStatusesOf(
    tx,
    ds.year,
    ds.schools.map((s) => s.id),
  );
}

export async function saveImported(
  ctx: AppContext,
  auth: AuthContext,
  req: FastifyRequest,
  ds: CountyDataset,
  file: string,
  action: string,
  entityId: string,
  approve = false,
  dryRun = false,
) {
  const schoolImport = action === 'import.school';
  const run = ctx.db.transaction(async (tx) => {
    const before = approve ? await statusesBefore(tx, ds) : new Map<string, ReportStatus>();
    const summary = await saveDataset(tx, ds, auth.user.username, { schoolImport });
    const keys = ds.schools.flatMap((s) => s.stages.map((st) => ({ schoolId: s.id, stage: st.stage })));
    const approved = approve
      ? await approveImportedReports(tx, auth.actor, auth.user, ds.year, keys, req.ip)
      : [];
    await appendAudit(tx, {
      actor: auth.user.username,
      actorId: auth.user.id,
      action,
      entity: 'import',
      entityId,
      after: { file, year: ds.year, county: ds.county.code, ...summary, approved: approved.length },
      ip: req.ip,
      at: ctx.now(),
    });
    const names = new Map(ds.schools.map((s) => [s.id, s.name]));
    const approvedReports = approved.map((r) => {
      const from: ReportStatus | 'missing' = before.get(`${r.schoolId}/${r.stage}`) ?? 'missing';
      return {
        schoolId: r.schoolId,
        schoolName: names.get(r.schoolId) ?? r.schoolId,
        stage: r.stage,
        stageName: STAGE_NAMES[r.stage],
        from,
        fromName: from === 'missing' ? '尚无报表' : REPORT_STATUS_NAMES[from],
        to: 'approved' as const,
        toName: REPORT_STATUS_NAMES.approved,
      };
    });
    const answer = { ...summary, approved: approved.length, approvedReports, dryRun };
    if (dryRun) throw new DryRunDone(answer);
    return answer;
  });
  return run.catch((e: unknown) => {
    if (e instanceof DryRunDone) return e.value as Awaited<typeof run>;
    throw e;
  });
}
