/**
 * @module Excel/CSV/JSON imports — a whole county by the bureau, one school by its own users — and
 * the data of the workbooks to fill in. Same reader and same Chinese errors as the CLI
 * (@junheng/io); all or nothing: the import right is checked before the file is read, the file is
 * read and checked completely before anything is written, and the write is one transaction with
 * its audit event (and, 导入即审核, the reports' approval).
 *
 * Decisions: a school import may only change the school's own reports while they are 填报中 or
 * 已退回 (like the form), and may not rename or retype the school (the bureau keeps the register);
 * a county import sends approved reports back to 填报中 with their history kept (locked reports
 * refuse it). A dry run (county, with approve) runs completely inside a transaction that is then
 * rolled back, and answers which reports it would approve.
 */
import {
  type CountyDataset,
  LOCALITY_NAMES,
  message,
  type ReportStatus,
  reportResource,
  requireAllowed,
  SCHOOL_TYPE_NAMES,
} from '@junheng/core';
import {
  appendAudit,
  type Database,
  inTransaction,
  type Queryable,
  reportStatusesOf,
  type SaveSummary,
  saveDataset,
} from '@junheng/db';
import { type ImportError, importDatasetBuffer } from '@junheng/io';
import { actingUser, type CommandContext } from '../../platform/commands.js';
import { importInvalid } from '../../platform/upload.js';
import { type CountyRef, resolveCounty } from '../../schools/county.js';
import type { SchoolDetail } from '../../schools/present.js';
import { getSchool } from '../../schools/schoolCommands.js';
import { type ApprovedImport, approveImportedReports } from './importApproval.js';

/** The uploaded file, read only once the import right is checked. */
export type Upload = () => { bytes: Buffer; name: string };

/** A report approved on import, with its school's name and its status before the import. */
export interface ApprovedOnImport extends ApprovedImport {
  schoolName: string;
  from: ReportStatus | 'missing';
}

export interface ImportOutcome extends SaveSummary {
  file: string;
  approved: ApprovedOnImport[];
  dryRun: boolean;
  warnings: string[];
}

/** A county file that is not of this county or of the year chosen on the page. */
function countyMismatch(name: string, ds: CountyDataset, county: CountyRef, year: number): ImportError[] {
  const mismatch: ImportError[] = [];
  if (ds.county.code !== county.code) {
    mismatch.push({
      file: name,
      sheet: '县域信息',
      value: ds.county.code,
      message: message('reporting.importWrongCounty', { county: county.name, countyCode: county.code }),
    });
  }
  if (ds.year !== year) {
    mismatch.push({
      file: name,
      sheet: '县域信息',
      value: ds.year,
      message: message('reporting.importWrongYear', { year, fileYear: ds.year }),
    });
  }
  return mismatch;
}

/** A school's file: only its own rows, and its name, type and 城乡类型 as the bureau registered them. */
function schoolFileProblems(name: string, ds: CountyDataset, school: SchoolDetail): ImportError[] {
  const problems: ImportError[] = [];
  const at = { file: name, sheet: '学校基本情况' };
  for (const s of ds.schools) {
    if (s.id !== school.id) {
      const text = message('reporting.importOtherSchool', { school: school.name, schoolId: school.id });
      problems.push({ ...at, column: '学校标识码', value: s.id, message: text });
      continue;
    }
    // The register (name, type, 城乡类型) is the bureau's: a school's file must agree with it.
    const differs = (
      [
        ['学校名称', s.name, school.name],
        ['学校类型', SCHOOL_TYPE_NAMES[s.type], SCHOOL_TYPE_NAMES[school.type]],
        ['城乡类型', LOCALITY_NAMES[s.locality], LOCALITY_NAMES[school.locality]],
      ] as const
    ).filter(([, mine, registered]) => mine !== registered);
    for (const [column, value] of differs) {
      problems.push({ ...at, column, value, message: message('reporting.importRegisterDiffers') });
    }
  }
  return problems;
}

/** Thrown to roll a dry run's transaction back, carrying its answer out. */
class DryRunDone<T> extends Error {
  constructor(readonly value: T) {
    super('dry run');
  }
}

interface SaveRequest {
  file: string;
  /** import.county or import.school, and the county's or the school's id. */
  action: 'import.county' | 'import.school';
  entityId: string;
  approve?: boolean;
  dryRun?: boolean;
}

/** The import written in one transaction: dataset, approval (导入即审核), audit event. */
async function writeImport(tx: Queryable, ctx: CommandContext, ds: CountyDataset, r: SaveRequest) {
  const by = await actingUser(tx, ctx.actor);
  const before = r.approve
    ? await reportStatusesOf(
        tx,
        ds.year,
        ds.schools.map((s) => s.id),
      )
    : new Map<string, ReportStatus>();
  const summary = await saveDataset(tx, ds, by.username, { schoolImport: r.action === 'import.school' });
  const keys = ds.schools.flatMap((s) => s.stages.map((st) => ({ schoolId: s.id, stage: st.stage })));
  const approved = r.approve ? await approveImportedReports(tx, ctx, by, ds.year, keys) : [];
  // The import's event carries the server's clock (as every export's does: platform/download.ts).
  await appendAudit(tx, {
    actor: by.username,
    actorId: by.id,
    action: r.action,
    entity: 'import',
    entityId: r.entityId,
    after: { file: r.file, year: ds.year, county: ds.county.code, ...summary, approved: approved.length },
    ip: ctx.ip ?? null,
    at: ctx.now?.(),
  });
  const names = new Map(ds.schools.map((s) => [s.id, s.name]));
  return {
    ...summary,
    approved: approved.map((a) => ({
      ...a,
      schoolName: names.get(a.schoolId) ?? a.schoolId,
      from: before.get(`${a.schoolId}/${a.stage}`) ?? ('missing' as const),
    })),
    dryRun: r.dryRun === true,
  };
}

/** Saves an import; a dry run answers the same and rolls its own transaction back. */
async function saveImported(ctx: CommandContext, ds: CountyDataset, r: SaveRequest) {
  if (!r.dryRun) return inTransaction(ctx.db, (tx) => writeImport(tx, ctx, ds, r));
  if (!('transaction' in ctx.db))
    throw new Error('a dry run rolls back its own transaction: pass the database, not a transaction');
  const db: Database = ctx.db;
  return db
    .transaction(async (tx) => {
      throw new DryRunDone(await writeImport(tx, ctx, ds, r));
    })
    .catch((e: unknown) => {
      if (e instanceof DryRunDone) return e.value as Awaited<ReturnType<typeof writeImport>>;
      throw e;
    });
}

/**
 * The county import: the import right checked before the file is read; then all or nothing.
 * @throws ApiError/Refusal notFound (county), notAllowed (no import right), importInvalid (the
 *   file's problems, or a file of another county or year); DatasetError as saveDataset
 */
export async function importCountyWorkbook(
  ctx: CommandContext,
  q: { countyCode?: string; year: number; approve: boolean; dryRun: boolean; upload: Upload },
): Promise<ImportOutcome> {
  const county = await resolveCounty(ctx.db, ctx.actor, 'schoolReport', q.countyCode);
  requireAllowed(
    ctx.actor,
    'import',
    { kind: 'schoolReport', regionCode: county.code },
    { key: 'reporting.importCountyNotFound' },
  );
  const { bytes, name } = q.upload();
  const read = await importDatasetBuffer(bytes, name, { now: ctx.now?.() ?? new Date() });
  if (read.errors.length > 0 || !read.dataset) throw importInvalid(read.errors, name);
  const ds = read.dataset;
  const mismatch = countyMismatch(name, ds, county, q.year);
  if (mismatch.length > 0) throw importInvalid(mismatch, name);
  const request = { file: name, action: 'import.county', entityId: county.code } as const;
  const saved = await saveImported(ctx, ds, { ...request, approve: q.approve, dryRun: q.dryRun });
  return { file: name, ...saved, warnings: read.warnings };
}

/**
 * A school's import: the import right checked before the file is read; county items are ignored.
 * @throws as importCountyWorkbook; DatasetError reportNotEditable for a report not 填报中 or 已退回
 */
export async function importSchoolWorkbook(
  ctx: CommandContext,
  q: { schoolId: string; year: number; upload: Upload },
): Promise<ImportOutcome> {
  const school = await getSchool(ctx, { id: q.schoolId, year: q.year });
  requireAllowed(ctx.actor, 'import', reportResource(school.regionCode, school.id), {
    key: 'reporting.importSchoolNotFound',
  });
  const { bytes, name } = q.upload();
  const county = await resolveCounty(
    ctx.db,
    { id: 'system', role: 'system_admin' },
    'school',
    school.countyCode,
  );
  const read = await importDatasetBuffer(bytes, name, {
    now: ctx.now?.() ?? new Date(),
    county: { county: { code: county.code, name: county.name }, year: q.year },
    countyInputs: {},
  });
  if (read.errors.length > 0 || !read.dataset) throw importInvalid(read.errors, name);
  const problems = schoolFileProblems(name, read.dataset, school);
  if (problems.length > 0) throw importInvalid(problems, name);
  const ds: CountyDataset = { ...read.dataset, countyInputs: undefined };
  delete ds.countyInputs;
  const saved = await saveImported(ctx, ds, { file: name, action: 'import.school', entityId: school.id });
  // The county's other reports are none of a school's business.
  return { file: name, ...saved, otherReports: [], warnings: read.warnings };
}
