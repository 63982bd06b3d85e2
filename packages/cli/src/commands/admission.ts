/**
 * @module 招生 for batch use, the command-line equivalents of the 招生 pages:
 * - `junheng lottery draw <list.txt> <seed> [--out result.txt]`: the offline draw of a published
 *   list (core drawLottery): commitment, result hash, and the result list `rank,ticket` per line —
 *   byte for byte the server's result.txt, so `junheng lottery verify` accepts its hash.
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
import { type CliContext, InputError } from './input.js';
import { readLotteryListFile } from './lottery.js';

// ── junheng lottery draw ──────────────────────────────────────────────────────────────────────

export interface LotteryDrawProps {
  /** The published canonical list (`ticket,digest` lines). */
  file: string;
  /** The public seed (spaces allowed). */
  seed: string;
  /** Where to write the result list; printed after the summary when absent. */
  out?: string;
}

/** @returns 0 @throws InputError (exit 2) for a missing file, a malformed list or a bad seed */
export function runLotteryDraw(ctx: CliContext, props: LotteryDrawProps): number {
  const text = readLotteryListFile(props.file);
  let r: ReturnType<typeof drawLottery>;
  try {
    parseLotterySeed(props.seed);
    r = drawLottery(text, props.seed);
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(`${props.file}：${e.message}`);
    throw e;
  }
  const lines = [
    `公示名单：${props.file}（${r.order.length} 个派位条目）`,
    `名单承诺值：${r.commitment}`,
    `随机种子：${r.seed}`,
    `结果哈希：${r.resultHash}`,
  ];
  if (props.out) {
    writeFileSync(props.out, r.resultText, 'utf8');
    lines.push(`已写入派位结果（每行 名次,编号）：${props.out}`);
    lines.push(`复算：junheng lottery verify ${props.file} ${r.seed} --result-hash ${r.resultHash}`);
    ctx.print(lines.join('\n'));
  } else {
    ctx.print(`${lines.join('\n')}\n派位结果（名次,编号）：\n${r.resultText.trimEnd()}`);
  }
  return 0;
}

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
  if (why) throw new InputError(`--categories “${text}” 无效：${why}`);
  return config;
}

function yearOption(v: string | undefined): number {
  if (v === undefined) return new Date().getFullYear();
  const n = Number(v);
  if (!/^\d{4}$/.test(v.trim()) || n < 2000 || n > 2100)
    throw new InputError(`--year 的值 “${v}” 无效：应为招生年份，如 2026`);
  return n;
}

/** The tickets the server gives the children of a new round, in import order. */
export function ticketOf(year: number, k: number): string {
  return `${year}-${String(k + 1).padStart(6, '0')}`;
}

async function readPlan(file: string): Promise<ApplicantSchoolOption[]> {
  if (!existsSync(file)) throw new InputError(`找不到学校计划文件 ${file}：请检查路径`);
  const name = basename(file);
  const read = await readAdmissionPlanBuffer(readFileSync(file), name);
  if (!read.schools) {
    throw new InputError(
      [
        `${name} 有 ${errorCount(read.errors)} 处错误：`,
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
        '学校计划的列：标识码、名称、计划招生数（每所学校一行）。',
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
  if (!existsSync(file)) throw new InputError(`找不到申请名单文件 ${file}：请检查路径`);
  const name = basename(file);
  const bytes = readFileSync(file);
  // Without a plan file the school values are taken as given (标识码 or name, as typed).
  const options = schools ?? (await applicantWorkbookSchoolValues(bytes)).map((v) => ({ id: v, name: v }));
  const read = await readApplicantWorkbook(bytes, name, { schools: options, categories: config.categories });
  if (read.errors.length > 0) {
    throw new InputError(
      [
        `${name} 有 ${errorCount(read.errors)} 处错误，未处理：`,
        ...listedErrors(read.errors).map((e) => `  ${formatImportError(e)}`),
        '请按上列位置改正后重新运行（模板：网页“招生申请”页的“下载模板”）。',
      ].join('\n'),
    );
  }
  if (!schools)
    ctx.log(`提示：未指定 --schools，划片学校和志愿学校按文件中填写的值（${options.length} 所）使用`);
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

/** The 核验码 file for Excel: cells a spreadsheet would run as formulas are written as text. */
export function secretsCsv(lines: readonly SecretLine[]): string {
  return csvText([
    ['申请名单行号', '申请编号', '派位编号', '姓名', '核验码'],
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
  if (!props.out) throw new InputError('请用 --out 指定公示名单文件，如 --out list.txt');
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
      `申请名单：${a.name}：${a.rows.length} 名儿童，${a.entries.length} 户，即 ${a.entries.length} 个派位条目（同户多胞胎、兄弟姐妹共用一个条目，用家庭中第一个申请编号）`,
      `名单承诺值：${commitment(entries)}`,
      `已写入公示名单：${props.out}（派位前公布此文件和承诺值）`,
      `已写入核验码：${secretsFile}（每个家庭只告知本家庭的派位编号和核验码，不要公开此文件）`,
      `派位：junheng lottery draw ${props.out} <现场摇出的随机种子> --out result.txt`,
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
  if (!props.schools) throw new InputError('请用 --schools 指定学校计划文件（列：标识码、名称、计划招生数）');
  if (props.seed === undefined)
    throw new InputError('请用 --seed 指定派位现场公开摇出的随机种子（至少 20 位数字）');
  if (!props.list) {
    throw new InputError(
      '请用 --list 指定派位前公布的名单（junheng admission commit 写出的 list.txt）：派位只能基于已公布承诺值的名单',
    );
  }
  try {
    parseLotterySeed(props.seed);
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(`--seed：${e.message}`);
    throw e;
  }
  return { schools: props.schools, seed: props.seed, list: props.list };
}

/**
 * Draws the published list with the seed, and checks that it lists exactly the applicants' lottery
 * tickets (the list must come from the same applicant file, rows in the same order, same year).
 */
function drawPublishedList(list: string, seed: string, a: Applicants): ReturnType<typeof drawLottery> {
  if (!existsSync(list)) throw new InputError(`找不到公示名单文件 ${list}：请检查路径`);
  const listText = readLotteryListFile(list);
  let draw: ReturnType<typeof drawLottery>;
  try {
    draw = drawLottery(listText, seed);
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(`${list}：${e.message}`);
    throw e;
  }
  const expected = new Set(a.entries.map((e) => e.ticket));
  const listed = new Set(draw.order);
  const missing = [...expected].filter((t) => !listed.has(t));
  const extra = [...listed].filter((t) => !expected.has(t));
  if (missing.length > 0 || extra.length > 0) {
    throw new InputError(
      `公示名单 ${list} 与申请名单 ${a.name} 不一致：` +
        [
          missing.length > 0 ? `名单中缺少 ${missing.length} 个派位编号（如 ${missing[0]}）` : '',
          extra.length > 0 ? `名单中多出 ${extra.length} 个派位编号（如 ${extra[0]}）` : '',
        ]
          .filter(Boolean)
          .join('，') +
        '。请使用生成该名单的同一份申请名单（行序不变）和同一 --year',
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
      ? '全部录取'
      : `第${config.categories.findIndex((c) => c.id === s.cutOff!.categoryId) + 1}类别 ${catName(s.cutOff.categoryId)}${
          s.cutOff.siblings === null ? '' : s.cutOff.siblings ? '（有同校兄弟姐妹）' : '（无同校兄弟姐妹）'
        }`;
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
      { header: '学校' },
      { header: '计划', align: 'right' },
      { header: '片区申请', align: 'right' },
      ...config.categories.map((c) => ({ header: c.name, align: 'right' as const })),
      { header: '统筹', align: 'right' },
      { header: '片区未录', align: 'right' },
      { header: '剩余', align: 'right' },
      { header: '截止类别' },
      { header: '派位' },
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
      s.lotteryUsed ? '派位' : '—',
    ]),
  );
  const cmp = compareChoiceMechanisms({ ...input, ...result });
  const [da, boston] = cmp.rows;
  return [
    `申请名单：${a.name}（${a.rows.length} 名儿童，${a.entries.length} 户）`,
    `公示名单：${props.list}  名单承诺值 ${draw.commitment}`,
    `随机种子：${draw.seed}`,
    `结果哈希：${draw.resultHash}`,
    '',
    '各校录取（本片区按类别顺序，录不满的类别按派位序号；其余统筹安排）：',
    table,
    '',
    `待统筹安排：${result.pending} 人；随迁子女（符合条件）已安排 ${result.migrants.placed} / ${result.migrants.eligible} 人`,
    '',
    `志愿录取方式对比（本片区未录取、填报志愿的 ${cmp.applicants} 人，统筹剩余学位 ${cmp.seats} 个）：`,
    renderTable(
      [
        { header: '' },
        { header: '延迟接受（本系统）', align: 'right' },
        { header: '按志愿顺序录取（先一志愿）', align: 'right' },
      ],
      [
        ['录取到志愿学校', String(da.placed), String(boston.placed)],
        ['其中第一志愿', String(da.firstChoice), String(boston.firstChoice)],
        ['未录取到志愿学校', String(da.unplaced), String(boston.unplaced)],
        ['失去本有优先权的学位', String(da.envyApplicants), String(boston.envyApplicants)],
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
    title: `${basename(a.name, extname(a.name))} 录取结果`,
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
    if (e instanceof AdmitInputError) throw new InputError(`${a.name}：${e.message}`);
    throw e;
  }
  const words = admitWords(plan, config);
  const lines = admitReport(a, required, draw, input, result, words);
  if (props.out) {
    writeFileSync(props.out, await admitWorkbook(a, config, result, words));
    lines.push('', `已写入录取名单（姓名、身份证号已脱敏）：${props.out}`);
  }
  ctx.print(lines.join('\n'));
  return 0;
}
