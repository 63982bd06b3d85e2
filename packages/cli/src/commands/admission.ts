/**
 * @module 招生 for batch use, the command-line equivalents of the 招生 pages (the offline draw of a
 * published list, `junheng lottery draw`, is in lottery.ts):
 * - `junheng admission commit <申请名单.xlsx> --out list.txt`: reads the applicants template (the
 *   same reader and checks as the web import), numbers the children in row order as the server does
 *   for a new round (`2026-000001` …), gives each a random 核验码, builds ONE lottery entry per family
 *   and writes the canonical list; prints its commitment (to publish before the draw) and writes the
 *   核验码 per child (for the families' notices) next to it.
 * - `junheng admission admit <申请名单.xlsx> --list list.txt --schools 学校计划.csv --seed S`: draws
 *   from that published list, then core admitByZone exactly as the server's 录取 (categories in
 *   order within each zone, the lottery at the cut-off, 统筹安排 by 志愿), prints the per-school
 *   figures and the 志愿录取方式对比, and writes the placement list with masked names.
 * Exit codes: 0 done, 2 invalid input (missing file, bad seed, bad workbook: every row's error).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  type AdmissionCategory,
  type AdmissionCategoryConfig,
  type AdmitApplicant,
  AdmitInputError,
  type AdmitResult,
  admitByZone,
  applicantRanks,
  canonicalList,
  checkCategoryConfig,
  commitment,
  compareChoiceMechanisms,
  csvText,
  DEFAULT_ADMISSION_CATEGORIES,
  drawLottery,
  type FamilyEntry,
  familyEntries,
  LotteryInputError,
  maskIdNumber,
  maskName,
  message,
  parseLotterySeed,
  placementLabel,
  schoolGroup,
} from '@junheng/core';
import {
  type ApplicantFileRow,
  type ApplicantSchoolOption,
  applicantWorkbookSchoolValues,
  errorCount,
  formatImportError,
  listedErrors,
  readAdmissionPlanBuffer,
  readApplicantWorkbook,
  writePlacementWorkbook,
} from '@junheng/io';
import { renderTable } from '../terminal/table.js';
import { type CliContext, InputError, inFile } from './input.js';
import { readLotteryListFile } from './lottery.js';

// ── shared: categories, schools, the applicants workbook, tickets ─────────────────────────────

/** The category configuration from `--categories 名称,名称,…` (highest priority first). */
export function categoriesOption(text: string | undefined, siblingPriority = false): AdmissionCategoryConfig {
  if (text === undefined) {
    return { categories: DEFAULT_ADMISSION_CATEGORIES.map((c) => ({ ...c })), siblingPriority };
  }
  const names = text
    .split(/[,，、]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const categories: AdmissionCategory[] = names.map((name, i) => {
    const known = DEFAULT_ADMISSION_CATEGORIES.find((c) => c.name === name);
    return known ? { ...known } : { id: `c${i + 1}`, name, migrantGuarantee: /随迁/.test(name) };
  });
  const config = { categories, siblingPriority };
  const why = checkCategoryConfig(config);
  if (why) throw new InputError(message('cli.admission.badCategories', { value: text, reason: why }));
  return config;
}

function yearOption(v: string | undefined): number {
  if (v === undefined) return new Date().getFullYear();
  const n = Number(v);
  if (!/^\d{4}$/.test(v.trim()) || n < 2000 || n > 2100)
    throw new InputError(message('cli.admission.badYear', { value: v }));
  return n;
}

/** The tickets the server gives the children of a new round, in import order. */
export function ticketOf(year: number, k: number): string {
  return `${year}-${String(k + 1).padStart(6, '0')}`;
}

async function readPlan(file: string): Promise<ApplicantSchoolOption[]> {
  if (!existsSync(file)) throw new InputError(message('cli.admission.planNotFound', { file }));
  const name = basename(file);
  const read = await readAdmissionPlanBuffer(readFileSync(file), name);
  if (!read.schools) {
    throw new InputError(
      [
        message('cli.admission.planErrors', { file: name, count: errorCount(read.errors) }),
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
        message('cli.admission.planColumns'),
      ].join('\n'),
    );
  }
  return read.schools;
}

interface ReadApplicants {
  name: string;
  rows: ApplicantFileRow[];
  config: AdmissionCategoryConfig;
  schools: ApplicantSchoolOption[];
  tickets: string[];
  entries: FamilyEntry[];
}

async function readApplicants(
  ctx: CliContext,
  file: string,
  config: AdmissionCategoryConfig,
  schools: ApplicantSchoolOption[] | undefined,
  year: number,
): Promise<ReadApplicants> {
  if (!existsSync(file)) throw new InputError(message('cli.admission.applicantsNotFound', { file }));
  const name = basename(file);
  const bytes = readFileSync(file);
  // Without a plan file the school values are taken as given (标识码 or name, as typed).
  const options = schools ?? (await applicantWorkbookSchoolValues(bytes)).map((v) => ({ id: v, name: v }));
  const read = await readApplicantWorkbook(bytes, name, { schools: options, categories: config.categories });
  if (read.errors.length > 0) {
    throw new InputError(
      [
        message('cli.admission.applicantsErrors', { file: name, count: errorCount(read.errors) }),
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
        message('cli.admission.applicantsFix'),
      ].join('\n'),
    );
  }
  if (!schools) ctx.log(message('cli.admission.schoolsAsTyped', { count: options.length }));
  const tickets = read.rows.map((_, k) => ticketOf(year, k));
  const entries = familyEntries(
    read.rows.map((r, k) => ({ id: tickets[k]!, ticket: tickets[k]!, familyKey: r.fields.familyKey })),
  );
  return { name, rows: read.rows, config, schools: options, tickets, entries };
}

/** One child's line of the 核验码 file. */
export interface SecretLine {
  rowNo: number;
  own: string;
  entry: string;
  /** The masked name. */
  name: string;
  secret: string;
}

const SECRET_COLUMNS = ['rowNo', 'own', 'entry', 'name', 'secret'] as const;

/** The 核验码 file for Excel: cells a spreadsheet would run as formulas are written as text. */
export function secretsCsv(lines: readonly SecretLine[]): string {
  return csvText([
    SECRET_COLUMNS.map((c) => message(`cli.admission.secretsColumn.${c}`)),
    ...lines.map((l) => [l.rowNo, l.own, l.entry, l.name, l.secret]),
  ]);
}

// ── junheng admission commit ──────────────────────────────────────────────────────────────────

export interface AdmissionCommitProps {
  file: string;
  out?: string;
  categories?: string;
  schools?: string;
  year?: string;
  /** Where the 核验码 go (default: next to --out, `<name>-核验码.csv`). */
  secrets?: string;
}

/** @returns 0 @throws InputError (exit 2) */
export async function runAdmissionCommit(ctx: CliContext, props: AdmissionCommitProps): Promise<number> {
  if (!props.out) throw new InputError(message('cli.admission.commitNeedOut'));
  const config = categoriesOption(props.categories);
  const year = yearOption(props.year);
  const plan = props.schools ? await readPlan(props.schools) : undefined;
  const a = await readApplicants(ctx, props.file, config, plan, year);
  const secrets = a.tickets.map(() => randomBytes(16).toString('hex'));
  const secretOf = new Map(a.tickets.map((t, k) => [t, secrets[k]!]));
  const entries = a.entries.map((e) => ({ ticket: e.ticket, secret: secretOf.get(e.ticket)! }));
  const list = canonicalList(entries);
  writeFileSync(props.out, list, 'utf8');
  const secretsFile =
    props.secrets ?? join(dirname(props.out), `${basename(props.out, extname(props.out))}-核验码.csv`);
  const entryOf = new Map<string, string>();
  for (const e of a.entries) for (const m of e.members) entryOf.set(m.ticket, e.ticket);
  const lines = a.rows.map((r, k) => {
    const own = a.tickets[k]!;
    const entry = entryOf.get(own)!;
    return { rowNo: r.rowNo, own, entry, name: maskName(r.fields.name), secret: secretOf.get(entry)! };
  });
  writeFileSync(secretsFile, secretsCsv(lines), 'utf8');
  ctx.print(
    [
      message('cli.admission.committed', {
        file: a.name,
        children: a.rows.length,
        families: a.entries.length,
      }),
      message('cli.lottery.commitment', { commitment: commitment(entries) }),
      message('cli.lottery.listWritten', { file: props.out }),
      message('cli.admission.secretsWritten', { file: secretsFile }),
      message('cli.lottery.drawNext', { file: props.out }),
    ].join('\n'),
  );
  return 0;
}

// ── junheng admission admit ───────────────────────────────────────────────────────────────────

export interface AdmissionAdmitProps {
  file: string;
  list?: string;
  schools?: string;
  seed?: string;
  categories?: string;
  siblingPriority?: boolean;
  year?: string;
  out?: string;
}

type Applicants = Awaited<ReturnType<typeof readApplicants>>;
type Plan = Awaited<ReturnType<typeof readPlan>>;
type Config = ReturnType<typeof categoriesOption>;

/** The options `admission admit` cannot run without, checked before any file is read. */
function requireAdmitOptions(props: AdmissionAdmitProps): { schools: string; seed: string; list: string } {
  if (!props.schools) throw new InputError(message('cli.admission.needSchools'));
  if (props.seed === undefined) throw new InputError(message('cli.admission.needSeed'));
  if (!props.list) throw new InputError(message('cli.admission.needList'));
  try {
    parseLotterySeed(props.seed);
  } catch (e) {
    if (e instanceof LotteryInputError)
      throw new InputError(message('cli.admission.badSeed', { reason: e.message }));
    throw e;
  }
  return { schools: props.schools, seed: props.seed, list: props.list };
}

/**
 * Draws the published list with the seed, and checks that it lists exactly the applicants' lottery
 * tickets (the list must come from the same applicant file, rows in the same order, same year).
 */
function drawPublishedList(list: string, seed: string, a: Applicants): ReturnType<typeof drawLottery> {
  if (!existsSync(list)) throw new InputError(message('cli.admission.listNotFound', { file: list }));
  const listText = readLotteryListFile(list);
  let draw: ReturnType<typeof drawLottery>;
  try {
    draw = drawLottery(listText, seed);
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(inFile(list, e));
    throw e;
  }
  const expected = new Set(a.entries.map((e) => e.ticket));
  const listed = new Set(draw.order);
  const missing = [...expected].filter((t) => !listed.has(t));
  const extra = [...listed].filter((t) => !expected.has(t));
  if (missing.length > 0 || extra.length > 0) {
    const problems = [
      missing.length > 0
        ? message('cli.admission.listMissing', { count: missing.length, example: missing[0] })
        : '',
      extra.length > 0 ? message('cli.admission.listExtra', { count: extra.length, example: extra[0] }) : '',
    ];
    throw new InputError(
      message('cli.admission.listMismatch', {
        list,
        file: a.name,
        problems: problems.filter(Boolean).join('，'),
      }),
    );
  }
  return draw;
}

/** core's admission input: the plan's schools, the applicants and their lottery ranks. */
function admitInput(a: Applicants, plan: Plan, config: Config, draw: ReturnType<typeof drawLottery>) {
  const applicants: AdmitApplicant[] = a.rows.map((r, k) => ({
    id: a.tickets[k]!,
    ticket: a.tickets[k]!,
    zoneSchoolId: r.fields.zoneSchoolId,
    categoryId: r.fields.category,
    migrantEligible: r.fields.migrantEligible,
    siblingAtSchool: r.fields.siblingAtSchool,
    familyKey: r.fields.familyKey,
    choices: r.fields.choices,
  }));
  return {
    config,
    schools: plan.map((s) => ({
      id: s.id,
      name: s.name,
      capacity: s.places ?? 0,
      group: schoolGroup(s.name, null),
    })),
    applicants,
    ranks: applicantRanks(a.entries, draw.ranks),
  };
}

/** How the results name schools, categories and a school's cut-off. */
function admitWords(plan: Plan, config: Config) {
  const nameOf = new Map(plan.map((s) => [s.id, s.name]));
  const catName = (id: string) => config.categories.find((c) => c.id === id)?.name ?? id;
  const cutOffText = (s: AdmitResult['schools'][number]) =>
    s.cutOff === null
      ? message('cli.admission.allAdmitted')
      : message('cli.admission.cutOff', {
          position: config.categories.findIndex((c) => c.id === s.cutOff!.categoryId) + 1,
          category: catName(s.cutOff.categoryId),
          siblings:
            s.cutOff.siblings === null
              ? ''
              : message(s.cutOff.siblings ? 'cli.admission.withSiblings' : 'cli.admission.withoutSiblings'),
        });
  return { nameOf, catName, cutOffText };
}

/** The printed report: per-school admissions, what is left, and DA against Boston. */
function admitReport(
  a: Applicants,
  props: { list: string },
  draw: ReturnType<typeof drawLottery>,
  input: ReturnType<typeof admitInput>,
  result: AdmitResult,
  words: ReturnType<typeof admitWords>,
): string[] {
  const { config } = input;
  const table = renderTable(
    [
      { header: message('cli.admission.column.school') },
      { header: message('cli.admission.column.plan'), align: 'right' },
      { header: message('cli.admission.column.zoneApplicants'), align: 'right' },
      ...config.categories.map((c) => ({ header: c.name, align: 'right' as const })),
      { header: message('cli.admission.column.assigned'), align: 'right' },
      { header: message('cli.admission.column.refused'), align: 'right' },
      { header: message('cli.admission.column.seatsLeft'), align: 'right' },
      { header: message('cli.admission.column.cutOff') },
      { header: message('cli.admission.column.lottery') },
    ],
    result.schools.map((s) => [
      words.nameOf.get(s.schoolId) ?? s.schoolId,
      String(s.capacity),
      String(s.zoneApplicants),
      ...config.categories.map((c) => String(s.admittedByCategory[c.id] ?? 0)),
      String(s.assigned),
      String(s.refused),
      String(s.seatsLeft),
      words.cutOffText(s),
      s.lotteryUsed ? message('cli.admission.lotteryUsed') : '—',
    ]),
  );
  const cmp = compareChoiceMechanisms({ ...input, ...result });
  const [da, boston] = cmp.rows;
  return [
    message('cli.admission.applicants', {
      file: a.name,
      children: a.rows.length,
      families: a.entries.length,
    }),
    message('cli.admission.list', { file: props.list, commitment: draw.commitment }),
    message('cli.lottery.seed', { seed: draw.seed }),
    message('cli.lottery.resultHash', { hash: draw.resultHash }),
    '',
    message('cli.admission.byZone'),
    table,
    '',
    message('cli.admission.pending', {
      pending: result.pending,
      placed: result.migrants.placed,
      eligible: result.migrants.eligible,
    }),
    '',
    message('cli.admission.comparison', { applicants: cmp.applicants, seats: cmp.seats }),
    renderTable(
      [
        { header: '' },
        { header: message('cli.admission.deferredAcceptance'), align: 'right' },
        { header: message('cli.admission.boston'), align: 'right' },
      ],
      [
        [message('cli.admission.placed'), String(da.placed), String(boston.placed)],
        [message('cli.admission.firstChoice'), String(da.firstChoice), String(boston.firstChoice)],
        [message('cli.admission.unplaced'), String(da.unplaced), String(boston.unplaced)],
        [message('cli.admission.envy'), String(da.envyApplicants), String(boston.envyApplicants)],
      ],
    ),
  ];
}

/** The placement workbook (names and ID numbers masked). */
function admitWorkbook(
  a: Applicants,
  config: Config,
  result: AdmitResult,
  words: ReturnType<typeof admitWords>,
): Promise<Uint8Array | Buffer> {
  const { nameOf, catName, cutOffText } = words;
  const byId = new Map(result.placements.map((p) => [p.applicantId, p]));
  const entryOf = new Map<string, string>();
  for (const e of a.entries) for (const m of e.members) entryOf.set(m.ticket, e.ticket);
  return writePlacementWorkbook({
    title: message('cli.admission.workbookTitle', { file: basename(a.name, extname(a.name)) }),
    categories: config.categories.map((c) => c.name),
    rows: a.rows.map((r, k) => {
      const p = byId.get(a.tickets[k]!)!;
      return {
        ticket: a.tickets[k]!,
        lotteryTicket: entryOf.get(a.tickets[k]!)!,
        rowNo: r.rowNo,
        nameMasked: maskName(r.fields.name),
        idNumberMasked: maskIdNumber(r.fields.idNumber),
        categoryName: catName(r.fields.category),
        zoneSchoolName: r.fields.zoneSchoolId === null ? null : (nameOf.get(r.fields.zoneSchoolId) ?? null),
        rank: p.rank,
        placementSchoolName: p.schoolId === null ? null : (nameOf.get(p.schoolId) ?? p.schoolId),
        placementLabel: placementLabel(p, config),
      };
    }),
    schools: result.schools.map((s) => ({
      schoolId: s.schoolId,
      schoolName: nameOf.get(s.schoolId) ?? s.schoolId,
      capacity: s.capacity,
      zoneApplicants: s.zoneApplicants,
      admittedByCategory: config.categories.map((c) => s.admittedByCategory[c.id] ?? 0),
      assigned: s.assigned,
      refused: s.refused,
      seatsLeft: s.seatsLeft,
      cutOff: cutOffText(s),
      lotteryUsed: s.lotteryUsed,
    })),
  });
}

/** @returns 0 @throws InputError (exit 2) */
export async function runAdmissionAdmit(ctx: CliContext, props: AdmissionAdmitProps): Promise<number> {
  const required = requireAdmitOptions(props);
  const config = categoriesOption(props.categories, props.siblingPriority ?? false);
  const year = yearOption(props.year);
  const plan = await readPlan(required.schools);
  const a = await readApplicants(ctx, props.file, config, plan, year);
  const draw = drawPublishedList(required.list, required.seed, a);
  const input = admitInput(a, plan, config, draw);
  let result: AdmitResult;
  try {
    result = admitByZone(input);
  } catch (e) {
    if (e instanceof AdmitInputError) throw new InputError(inFile(a.name, e));
    throw e;
  }
  const words = admitWords(plan, config);
  const lines = admitReport(a, required, draw, input, result, words);
  if (props.out) {
    writeFileSync(props.out, await admitWorkbook(a, config, result, words));
    lines.push('', message('cli.admission.placementsWritten', { file: props.out }));
  }
  ctx.print(lines.join('\n'));
  return 0;
}
