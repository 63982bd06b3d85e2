/**
 * @module Demo data for an empty database (`npm start` on a fresh install): core's demo county for
 * the current school year and the year before, with reports in a realistic mix of statuses, the
 * previous year's evaluation published, this year's evaluated but not published, and one account
 * per role.
 *
 * Decisions:
 * - Seeding never touches existing data: it runs only when the database has no region and no user
 *   (an installation someone set up is not a demo), and returns null otherwise. It is one
 *   transaction under an advisory lock — with the server's 招生 examples (`alsoInside`) — so two
 *   processes starting at once seed once, and a failure (e.g. a password the rules reject, a crash
 *   half-way) leaves the database empty.
 * - The previous year has the same schools (same seed: a school keeps its 学校标识码 across years)
 *   with lower facility and teacher figures, more so in 乡村 and 镇区 than in 城区, so the
 *   coefficients differ between the years and the trend shows a county catching up.
 * - Reports of the demo school (the first 城区 小学 or 九年一贯制) go through the real commands
 *   (transitionReport) by its clerk and the bureau. The other schools' reports have no accounts of
 *   their own: a disabled account `yanshi` (演示数据（代各校填报员）, no usable password) is
 *   recorded as their submitter, and the bulk status changes are plain UPDATEs that raise the
 *   version by one per step, as the trigger demands, so each step is in the report history. They
 *   are recorded in the audit log as one event 'demo.seed' (last), with the counts.
 * - `shiju` is a bureau account bound to the demo county's city (保定市, 130600): it reads every
 *   county under the city and edits nothing (a viewer, 公众用户, would see only published results).
 */
import {
  type Actor,
  type CountyDataset,
  FACILITY_FIELDS,
  type Facilities,
  generateDemoCounty,
  Refusal,
  type School,
  type StageReport,
  shanghaiSchoolYear,
  USER_ROLE_NAMES,
  type UserRole,
} from '@junheng/core';
import {
  appendAudit,
  bulkApproveReports,
  bulkSubmitReports,
  createDemoSubmitter,
  type Database,
  DEMO_SUBMITTER,
  demoReportsOf,
  lockedAndEmpty,
  type Queryable,
  saveDataset,
  type User,
} from '@junheng/db';
import { checkPasswordStrength, createUser } from '../accounts/accountCreation.js';
import { publishRun, runEvaluation } from '../evaluation/runCommands.js';
import { transitionReport } from '../reporting/commands/index.js';
import { seedDemoLottery } from './lotteryDemo.js';

export interface SeedDemoOptions {
  /** Schools of the demo county; default 60. */
  schools?: number;
  /** PRNG seed of core's generateDemoCounty; default core's DEFAULT_DEMO_SEED. */
  seed?: number;
  /** The current school year; default the one running now in Asia/Shanghai (September starts one). */
  year?: number;
  /** Password of every demo account (must pass the password rules for each username). */
  password: string;
  /** Engine version stored with the demo evaluation runs; default 'demo-seed'. */
  engineVersion?: string;
  /** The time the default year is computed from; default now. */
  now?: Date;
  /**
   * The rest of the demo (招生 examples, which need the personal-data key or the server's files),
   * seeded inside the same transaction before it commits: a crash or a refusal anywhere leaves an
   * empty database that the next start seeds again, never a demo without its 招生 data.
   */
  alsoInside?: (tx: Queryable, seeded: SeedDemoResult) => Promise<void>;
}

export interface DemoUser {
  role: UserRole;
  /** 中文 role name (core USER_ROLE_NAMES). */
  roleName: string;
  username: string;
  displayName: string;
  /** For principal and school accounts. */
  schoolName?: string;
}

export interface SeedDemoResult {
  countyCode: string;
  countyName: string;
  /** The current school year seeded (the previous one is year − 1). */
  year: number;
  users: DemoUser[];
}

/** How much of this year's resources a school had the year before (城区 changed least). */
function previousShare(school: School, index: number): number {
  const base = school.locality === 'urban' ? 0.97 : school.locality === 'town' ? 0.92 : 0.86;
  return base - 0.02 * (index % 3);
}

function scaleFacilities<T extends Partial<Facilities>>(f: T, share: number): T {
  const out = { ...f };
  for (const field of FACILITY_FIELDS) {
    const v = out[field];
    // Rooms and counts stay whole numbers; a room the school had stays (at least one).
    if (typeof v === 'number')
      out[field] = (v > 0 ? Math.max(1, Math.round(v * share)) : v) as T[typeof field];
  }
  return out;
}

function scaleTeachers(r: StageReport, share: number): StageReport {
  const out = { ...r };
  // Subsets only shrink, so they stay within fullTimeTeachers (the validator's rule).
  for (const field of ['aboveDegreeTeachers', 'midTitleTeachers', 'backboneTeachers'] as const) {
    const v = out[field];
    if (typeof v === 'number') out[field] = Math.floor(v * share);
  }
  return out;
}

/** The dataset of the year before: same schools, lower resources (see the module comment). */
function previousYear(ds: CountyDataset): CountyDataset {
  return {
    ...ds,
    schools: ds.schools.map((s, i) => {
      const share = previousShare(s, i);
      const school: School = {
        ...s,
        stages: s.stages.map((r) => scaleTeachers(scaleFacilities(r, share), share)),
      };
      if (s.sharedFacilities) school.sharedFacilities = scaleFacilities(s.sharedFacilities, share);
      return school;
    }),
  };
}

function actorOf(u: User): Actor {
  return { id: String(u.id), role: u.role, regionCode: u.regionCode, schoolId: u.schoolId };
}

type DemoAccount = DemoUser & { regionCode?: string; schoolId?: string };

/** The demo school: an urban primary (or nine-year) school if there is one. */
function pickDemoSchool(schools: readonly School[]): School {
  return (
    schools.find((s) => s.locality === 'urban' && (s.type === 'primary' || s.type === 'nineYear')) ??
    schools.find((s) => s.type === 'primary' || s.type === 'nineYear') ??
    schools[0]!
  );
}

/** The demo's accounts: administrator, bureau, inspector, the demo school's principal and clerk, a city reader. */
function demoAccountList(county: CountyDataset['county'], demoSchool: School): DemoAccount[] {
  const cityCode = `${county.code.slice(0, 4)}00`;
  return [
    { role: 'system_admin', username: 'admin', displayName: '系统管理员' },
    {
      role: 'bureau',
      username: 'jiaoyuju',
      displayName: `${county.name}教育局 基教股`,
      regionCode: county.code,
    },
    { role: 'inspector', username: 'duxue', displayName: `${county.name}督导室`, regionCode: county.code },
    {
      role: 'principal',
      username: 'xiaozhang',
      displayName: `${demoSchool.name}校长`,
      schoolId: demoSchool.id,
      schoolName: demoSchool.name,
    },
    {
      role: 'school',
      username: 'tianbao',
      displayName: `${demoSchool.name}填报员`,
      schoolId: demoSchool.id,
      schoolName: demoSchool.name,
    },
    // A city account reads every county under its code and changes nothing (rules.ts: edit scope
    // needs a county or township), which is how a 市教育局 follows its counties.
    {
      role: 'bureau',
      username: 'shiju',
      displayName: `${county.city ?? ''}教育局（只读）`,
      regionCode: cityCode,
    },
  ].map((a) => ({ ...a, role: a.role as UserRole, roleName: USER_ROLE_NAMES[a.role as UserRole] }));
}

/** Creates the demo accounts, all with the same password. @returns them by username */
async function createDemoUsers(
  tx: Queryable,
  accounts: readonly DemoAccount[],
  password: string,
): Promise<Map<string, User>> {
  const users = new Map<string, User>();
  for (const a of accounts) {
    users.set(
      a.username,
      await createUser(tx, {
        username: a.username,
        password,
        displayName: a.displayName,
        role: a.role,
        regionCode: a.regionCode ?? null,
        schoolId: a.schoolId ?? null,
      }),
    );
  }
  return users;
}

/** Who does what in the demo's history. */
interface DemoCast {
  countyCode: string;
  demoSchoolId: string;
  submitterId: number;
  bureau: User;
  bureauActor: Actor;
  clerk: Actor;
  engineVersion: string;
}

/**
 * The previous year: every report submitted and approved (the demo school's through the workflow),
 * evaluated, published. @returns its reports and the published runs
 */
async function seedPreviousYear(tx: Queryable, cast: DemoCast, year: number) {
  const reports = await demoReportsOf(tx, cast.countyCode, year);
  const others = reports.filter((r) => r.school_id !== cast.demoSchoolId).map((r) => r.id);
  await bulkSubmitReports(tx, others, cast.submitterId);
  await bulkApproveReports(tx, others, cast.bureau.id);
  for (const r of reports.filter((x) => x.school_id === cast.demoSchoolId)) {
    const key = { schoolId: r.school_id, year, stage: r.stage };
    const sub = await transitionReport(
      { db: tx, actor: cast.clerk },
      {
        ...key,
        action: 'submit',
        expectedVersion: r.version,
      },
    );
    await transitionReport(
      { db: tx, actor: cast.bureauActor },
      { ...key, action: 'approve', expectedVersion: sub.version },
    );
  }
  const runs = await runEvaluation(
    { db: tx, actor: cast.bureauActor },
    {
      countyCode: cast.countyCode,
      year,
      standard: 'both',
      engineVersion: cast.engineVersion,
    },
  );
  for (const run of runs) await publishRun({ db: tx, actor: cast.bureauActor }, { id: run.id });
  return { reports, runs };
}

/**
 * The current year: most reports submitted, some approved, a few drafts, the demo school's first
 * report returned with a comment; evaluated, not published. @returns the counts by status
 */
async function seedCurrentYear(tx: Queryable, cast: DemoCast, year: number) {
  const reports = await demoReportsOf(tx, cast.countyCode, year);
  const others = reports.filter((r) => r.school_id !== cast.demoSchoolId);
  const drafts = others.filter((_, i) => i % 4 !== 0 && i % 12 === 7).map((r) => r.id);
  const approved = others.filter((_, i) => i % 4 === 0).map((r) => r.id);
  const submitted = others.map((r) => r.id).filter((id) => !drafts.includes(id));
  await bulkSubmitReports(tx, submitted, cast.submitterId);
  await bulkApproveReports(tx, approved, cast.bureau.id);
  let returned = 0;
  for (const r of reports.filter((x) => x.school_id === cast.demoSchoolId)) {
    const key = { schoolId: r.school_id, year, stage: r.stage };
    const sub = await transitionReport(
      { db: tx, actor: cast.clerk },
      {
        ...key,
        action: 'submit',
        expectedVersion: r.version,
      },
    );
    if (returned === 0) {
      await transitionReport(
        { db: tx, actor: cast.bureauActor },
        {
          ...key,
          action: 'return',
          expectedVersion: sub.version,
          comments: [
            { field: 'students', text: '在校生数与学籍系统（9月30日）人数不一致，请核对后重新提交' },
          ],
        },
      );
      returned++;
    }
  }
  await runEvaluation(
    { db: tx, actor: cast.bureauActor },
    {
      countyCode: cast.countyCode,
      year,
      standard: 'both',
      engineVersion: cast.engineVersion,
    },
  );
  return {
    draft: drafts.length,
    submitted: submitted.length - approved.length + (reports.length - others.length - returned),
    approved: approved.length,
    returned,
  };
}

/**
 * Seeds the demo (see the module comment) when the database is empty.
 * @param db the database (migrated)
 * @param opts schools (default 60), seed, current year, the accounts' password
 * @returns the county, the year and the demo accounts; null when the database already had data
 *   (nothing is written then)
 * @throws Refusal weakPassword when the password fails the rules for a demo username; RangeError
 *   for a school count, seed or year core's generator refuses. Nothing is written then either.
 */
export async function seedDemo(db: Database, opts: SeedDemoOptions): Promise<SeedDemoResult | null> {
  const year = opts.year ?? shanghaiSchoolYear(opts.now ?? new Date());
  const current = generateDemoCounty({ schools: opts.schools ?? 60, seed: opts.seed, year });
  const previous = previousYear(
    generateDemoCounty({ schools: opts.schools ?? 60, seed: opts.seed, year: year - 1 }),
  );
  const county = current.county;
  const demoSchool = pickDemoSchool(current.schools);
  const accounts = demoAccountList(county, demoSchool);
  // Checked before anything is written, so a rejected password costs no seeding work.
  for (const a of accounts) {
    const weak = checkPasswordStrength(opts.password, a.username);
    if (weak) throw new Refusal('weakPassword', 'demo.weakPassword', { username: a.username, problem: weak });
  }

  return db.transaction(async (tx) => {
    if (!(await lockedAndEmpty(tx))) return null;

    await saveDataset(tx, previous, 'system');
    await saveDataset(tx, current, 'system');
    const users = await createDemoUsers(tx, accounts, opts.password);
    const bureau = users.get('jiaoyuju')!;
    const cast: DemoCast = {
      countyCode: county.code,
      demoSchoolId: demoSchool.id,
      submitterId: await createDemoSubmitter(tx, county.code),
      bureau,
      bureauActor: actorOf(bureau),
      clerk: actorOf(users.get('tianbao')!),
      engineVersion: opts.engineVersion ?? 'demo-seed',
    };
    const prev = await seedPreviousYear(tx, cast, year - 1);
    const now = await seedCurrentYear(tx, cast, year);
    await seedDemoLottery(tx, {
      countyCode: county.code,
      countyName: county.name,
      year,
      bureau: cast.bureauActor,
    });

    const demoUsers: DemoUser[] = accounts.map(({ regionCode: _r, schoolId: _s, ...u }) => u);
    await appendAudit(tx, {
      actor: 'system',
      action: 'demo.seed',
      entity: 'region',
      entityId: county.code,
      after: {
        county: county.name,
        years: [year - 1, year],
        schools: current.schools.length,
        reports: { [year - 1]: { approved: prev.reports.length }, [year]: now },
        publishedRuns: prev.runs.map((r) => r.id),
        users: [...demoUsers.map((u) => u.username), DEMO_SUBMITTER],
      },
      reason: '空数据库首次启动，写入演示数据',
    });
    const seeded: SeedDemoResult = {
      countyCode: county.code,
      countyName: county.name,
      year,
      users: demoUsers,
    };
    await opts.alsoInside?.(tx, seeded);
    return seeded;
  });
}
