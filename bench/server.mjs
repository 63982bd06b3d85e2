// Server benchmarks (npm run bench, after the engine's): the county dashboard over HTTP, and 200
// schools saving and submitting their reports at once. They run the built packages (dist) against a
// real Fastify server on a fresh database with the demo county seeded (startTestServer): PGlite in
// memory always, and PostgreSQL too when JUNHENG_BENCH_PG_URL is set (a throwaway database is
// created next to the one it names, and dropped afterwards).
import { performance } from 'node:perf_hooks';
import { checkReportData, evaluate, FACILITY_FIELDS, nationalStandards, STAGES } from '@junheng/core';
import { expectedReportStages, verifyAuditChain } from '@junheng/db';
import { createUser, DEMO_PASSWORD } from '@junheng/server';
import { startTestServer } from '@junheng/server/testing';
import { median, timeAsync } from './timing.mjs';

const DASHBOARD_RUNS = 40;
const BASELINE_RUNS = 10;
const SCHOOLS = 300;
const WRITERS = 200;

/** The engines to run on: PGlite in memory, and PostgreSQL when JUNHENG_BENCH_PG_URL is set. */
function engines() {
  const list = [{ engine: 'pglite', label: 'PGlite in memory' }];
  if (process.env.JUNHENG_BENCH_PG_URL) {
    // createTestDatabase reads this variable; it creates junheng_test_<random> next to that database.
    process.env.JUNHENG_TEST_PG_URL = process.env.JUNHENG_BENCH_PG_URL;
    list.push({ engine: 'postgres', label: 'PostgreSQL' });
  }
  return list;
}

/**
 * Runs every server benchmark on every engine.
 * @param report run.mjs's report(name, ours, baseline, baselineName, targetMs)
 */
export async function runServerBenchmarks(report) {
  for (const { engine, label } of engines()) {
    const server = await startTestServer(engine, { schools: SCHOOLS });
    try {
      const where = engine === 'postgres' ? `${label} ${await serverVersion(server.db)}` : label;
      await dashboardBenchmark(server, where, report);
      await writesBenchmark(server, where, report);
    } finally {
      await server.close();
    }
  }
}

async function serverVersion(db) {
  const { rows } = await db.query('SHOW server_version');
  // The pool of the test database (createTestDatabase): 4 connections; `junheng serve` uses 10.
  return `${rows[0].server_version.split(' ')[0]}, pool of 4 connections`;
}

// ── 1. The county dashboard ─────────────────────────────────────────────────────────────────────

async function dashboardBenchmark(server, where, report) {
  const { countyCode, year } = server.seed;
  const bureau = await server.as('jiaoyuju');
  const get = async () => {
    const r = await bureau.get(`/api/dashboard?year=${year}`);
    if (r.status !== 200) throw new Error(`GET /api/dashboard: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  for (let i = 0; i < 5; i++) await get(); // warm-up: JIT, the server's caches
  const ours = await timeAsync(get, DASHBOARD_RUNS);
  const base = await timeAsync(() => naiveDashboard(server.db, countyCode, year), BASELINE_RUNS);
  checkSameDashboard(await get(), await naiveDashboard(server.db, countyCode, year));
  report(
    `county dashboard, ${SCHOOLS} schools: GET /api/dashboard over HTTP, median of ${DASHBOARD_RUNS} (${where})`,
    ours,
    base,
    'in-process, no HTTP: plain SELECTs of every school, school-year, report, county-item and run row, JSON-decoded, filtered in JS, evaluate() both standards full detail, counts and trend in JS, no cache',
    50,
  );
  // The first request after a change pays for loading and evaluating the county again: any write
  // to a row the answer is computed from. A note rewritten as itself changes the row, not the answer.
  const touch = async () => {
    const r = await server.db.query(
      'UPDATE county_input SET note = note WHERE county_code = $1 AND year = $2',
      [countyCode, year],
    );
    if (r.rowCount === 0) throw new Error('the demo county has no county items to touch');
  };
  const afterChange = [];
  for (let i = 0; i < 15; i++) {
    await touch();
    const t = performance.now();
    await get();
    afterChange.push(performance.now() - t);
  }
  console.log(`  (first request after a change to the county's data: ${median(afterChange).toFixed(1)} ms)`);
}

/**
 * The dashboard's figures computed the way a first, spreadsheet-minded implementation would: read
 * whole tables, decode the JSON, pick the county's rows in JS, evaluate. No cache, no HTTP.
 */
async function naiveDashboard(db, countyCode, year) {
  const all = async (sql, params = []) => (await db.query(sql, params)).rows;
  const chain = await all(
    `WITH RECURSIVE chain AS (
       SELECT code, name, level, parent_code FROM region WHERE code = $1
       UNION ALL SELECT r.code, r.name, r.level, r.parent_code FROM region r JOIN chain c ON r.code = c.parent_code)
     SELECT name, level FROM chain`,
    [countyCode],
  );
  const schools = (await all('SELECT id, name, type, locality, county_code, status FROM school')).filter(
    (s) => s.county_code === countyCode,
  );
  const infos = await all(
    'SELECT school_id, year, shared_facilities::text AS shared, senior_students, meets_provincial_standard, roster_position FROM school_year_info',
  );
  const reports = await all('SELECT school_id, year, stage, status, data::text AS data FROM school_report');
  const items = await all('SELECT county_code, year, item_id, value::text AS value, note FROM county_input');
  const runs = await all(
    'SELECT id, county_code, year, standard, created_at, published_at, result::text AS result FROM evaluation_run',
  );

  const ds = naiveDataset(countyCode, year, chain, schools, infos, reports, items);
  const result = evaluate(ds, { standards: nationalStandards(), standard: 'both', detail: 'full' });
  const ids = new Set(schools.map((s) => s.id));
  const ofYear = reports.filter((r) => r.year === year && ids.has(r.school_id));
  const counts = { draft: 0, submitted: 0, returned: 0, approved: 0, locked: 0, missing: 0 };
  for (const r of ofYear) counts[r.status]++;
  for (const s of schools.filter((x) => x.status === 'open')) {
    const present = new Set(ofYear.filter((r) => r.school_id === s.id).map((r) => r.stage));
    counts.missing += expectedReportStages(s.type).filter((st) => !present.has(st)).length;
  }
  const countyRuns = runs
    .filter((r) => r.county_code === countyCode)
    .map((r) => ({ ...r, result: JSON.parse(r.result) }));
  return { result, counts, ...naiveRuns(countyRuns, year) };
}

/** loadDataset's CountyDataset, built in JS from whole tables. */
function naiveDataset(countyCode, year, chain, schools, infos, reports, items) {
  const county = { code: countyCode, name: chain[0].name };
  for (const level of ['province', 'city']) {
    const r = chain.find((c) => c.level === level);
    if (r) county[level] = r.name;
  }
  const info = new Map(infos.filter((i) => i.year === year).map((i) => [i.school_id, i]));
  const stagesOf = new Map();
  for (const r of reports.filter((x) => x.year === year)) {
    if (!stagesOf.has(r.school_id)) stagesOf.set(r.school_id, []);
    stagesOf.get(r.school_id).push(naiveStage(r.stage, JSON.parse(r.data)));
  }
  const listed = schools
    .filter((s) => s.status === 'open' && (info.has(s.id) || stagesOf.has(s.id)))
    .sort((a, b) => {
      const pa = info.get(a.id)?.roster_position ?? Number.MAX_SAFE_INTEGER;
      const pb = info.get(b.id)?.roster_position ?? Number.MAX_SAFE_INTEGER;
      return pa - pb || (a.id < b.id ? -1 : 1);
    });
  const ds = {
    county,
    year,
    schools: listed.map((s) => {
      const school = { id: s.id, name: s.name, type: s.type, regionCode: countyCode, locality: s.locality };
      const i = info.get(s.id);
      if (i?.senior_students != null) school.seniorStudents = i.senior_students;
      if (i?.shared != null) {
        const stored = JSON.parse(i.shared);
        school.sharedFacilities = Object.fromEntries(FACILITY_FIELDS.map((f) => [f, stored[f] ?? null]));
      }
      if (i?.meets_provincial_standard != null) school.meetsProvincialStandard = i.meets_provincial_standard;
      const stages = stagesOf.get(s.id) ?? [];
      school.stages = stages.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
      return school;
    }),
  };
  const mine = items.filter((x) => x.county_code === countyCode && x.year === year);
  if (mine.length > 0) {
    ds.countyInputs = Object.fromEntries(
      mine.map((x) => [
        x.item_id,
        x.note === null ? { value: JSON.parse(x.value) } : { value: JSON.parse(x.value), note: x.note },
      ]),
    );
  }
  return ds;
}

const STAGE_NUMBERS = [
  'students',
  'classes',
  'maxClassSize',
  'fullTimeTeachers',
  'aboveDegreeTeachers',
  'midTitleTeachers',
  'backboneTeachers',
  'peArtsTeachers',
];

function naiveStage(stage, d) {
  const r = { stage };
  for (const f of STAGE_NUMBERS) r[f] = d[f] ?? null;
  for (const f of FACILITY_FIELDS) if (d[f] !== undefined) r[f] = d[f];
  return r;
}

/** The trend (per year and standard: the newest published run, else the newest), latest and published run. */
function naiveRuns(runs, year) {
  const best = new Map();
  for (const r of runs) {
    const key = `${r.year}/${r.standard}`;
    const cur = best.get(key);
    const better =
      !cur ||
      (r.published_at !== null) > (cur.published_at !== null) ||
      ((r.published_at !== null) === (cur.published_at !== null) && r.id > cur.id);
    if (better) best.set(key, r);
  }
  const trend = [...best.values()]
    .sort((a, b) => a.year - b.year || (a.standard < b.standard ? -1 : 1))
    .map((r) => ({
      year: r.year,
      standard: r.standard,
      runId: r.id,
      verdict: r.result[r.standard]?.status ?? r.result.status,
    }));
  const newestFirst = runs
    .filter((r) => r.year === year)
    .sort((a, b) => new Date(b.created_at) - new Date(a.created_at) || b.id - a.id);
  return {
    trend,
    latestRunId: newestFirst[0]?.id ?? null,
    publishedRunId: newestFirst.find((r) => r.published_at !== null)?.id ?? null,
  };
}

/** The API's answer and the baseline's must agree on every figure the dashboard shows. */
function checkSameDashboard(api, base) {
  const r = base.result;
  const cvs = [
    ...(r.basic?.stages ?? []).flatMap((st) => [st.composite.value, ...st.coefficients.map((c) => c.cv)]),
    ...(r.quality?.stages ?? []).flatMap((st) => st.coefficients.map((c) => c.cv)),
  ];
  const schools = r.quality?.schools ?? [];
  const count = (s) => schools.filter((x) => x.status === s).length;
  const expected = {
    verdicts: [r.basic?.status, r.quality?.status],
    cvs,
    schools: {
      total: schools.length,
      met: count('met'),
      unmet: count('unmet'),
      incomplete: count('incomplete'),
    },
    reports: base.counts,
    trend: base.trend.map((p) => [p.year, p.standard, p.runId, p.verdict]),
    runs: [base.latestRunId, base.publishedRunId],
  };
  const shown = {
    verdicts: [api.verdicts.basic?.status, api.verdicts.quality?.status],
    cvs: api.coefficients.map((c) => c.cv),
    schools: api.schools,
    reports: api.reports,
    trend: api.trend.map((p) => [p.year, p.standard, p.runId, p.verdict]),
    runs: [api.latestRun?.id ?? null, api.publishedRun?.id ?? null],
  };
  for (const key of Object.keys(expected)) {
    if (JSON.stringify(shown[key]) !== JSON.stringify(expected[key])) {
      throw new Error(
        `dashboard ${key} differs from the baseline: ${JSON.stringify(shown[key])} vs ${JSON.stringify(expected[key])}`,
      );
    }
  }
}

// ── 2. 200 schools writing at once ──────────────────────────────────────────────────────────────

async function writesBenchmark(server, where, report) {
  const { countyCode, year } = server.seed;
  const targets = await submittableReports(server.db, countyCode, year, WRITERS);
  const clients = await schoolClients(server, targets);
  // Most of the seeded year is already submitted: each way of sending gets a fresh school year of
  // its own, where every school first creates its report (PUT at version 0, untimed).
  const years = { oneAtATime: year + 1, atOnce: year + 2 };
  for (const y of Object.values(years)) {
    const created = await allAtOnce(targets, (t, i) =>
      clients[i].put(reportPath(t, y), { data: t.data, version: 0 }),
    );
    if (created.errors.length > 0) throw new Error(`creating the reports of ${y}: ${created.errors[0]}`);
    targets.forEach((t, i) => {
      t.version ??= {};
      t.version[y] = created.bodies[i].version;
    });
  }

  // A draft save changes one figure (books + 1); then every report is submitted.
  const save = (y) => (t, i) =>
    clients[i].put(reportPath(t, y), {
      data: { ...t.data, books: (t.data.books ?? 0) + 1 },
      version: t.version[y],
    });
  const submit = (y) => (t, i) =>
    clients[i].post(`${reportPath(t, y)}/submit`, { version: t.version[y] + 1 });

  const saves = await compare(targets, save(years.oneAtATime), save(years.atOnce));
  const saveLost = await lostWrites(server.db, targets, years.atOnce, 'draft', 1);
  report(
    `${WRITERS} draft saves (PUT) to ${WRITERS} distinct schools, sent at once (${where})`,
    saves.atOnce.ms,
    saves.oneAtATime.ms,
    `the same ${WRITERS} sent one at a time`,
    undefined,
  );
  printWrites(saves, saveLost, 'saves');

  const submits = await compare(targets, submit(years.oneAtATime), submit(years.atOnce));
  const submitLost = await lostWrites(server.db, targets, years.atOnce, 'submitted', 2);
  report(
    `${WRITERS} report submissions (POST …/submit) to ${WRITERS} distinct schools, sent at once (${where})`,
    submits.atOnce.ms,
    submits.oneAtATime.ms,
    `the same ${WRITERS} sent one at a time`,
    undefined,
  );
  printWrites(submits, submitLost, 'submissions');
  const audit = await verifyAuditChain(server.db);
  console.log(
    `  audit chain: ${audit.ok ? 'verifies' : `BROKEN at ${audit.firstBad.id}`} (${audit.events} events)`,
  );
  if (!audit.ok) process.exitCode = 1;
}

/**
 * One report per school (its first 学段) of the seeded year whose data passes the submit checks,
 * for `n` schools: the data each school will file for the new years.
 */
async function submittableReports(db, countyCode, year, n) {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (r.school_id) r.school_id, r.stage, r.data
       FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE s.county_code = $1 AND s.status = 'open' AND r.year = $2
      ORDER BY r.school_id, r.stage DESC`,
    [countyCode, year],
  );
  const ok = rows.filter((r) => checkReportData(r.data, true).length === 0);
  if (ok.length < n) throw new Error(`only ${ok.length} schools have a complete report to copy, need ${n}`);
  return ok.slice(0, n).map((r) => ({ schoolId: r.school_id, stage: r.stage, data: r.data }));
}

/** A school account per school (db createUser: ~20 ms of password hashing each), signed in. */
async function schoolClients(server, targets) {
  await Promise.all(
    targets.map((t, i) =>
      createUser(server.db, {
        username: `bench${String(i).padStart(3, '0')}`,
        password: DEMO_PASSWORD,
        displayName: `压测填报员 ${i}`,
        role: 'school',
        schoolId: t.schoolId,
      }),
    ),
  );
  return Promise.all(targets.map((_, i) => server.as(`bench${String(i).padStart(3, '0')}`)));
}

function reportPath(t, year) {
  return `/api/reports/${t.schoolId}/${year}/${t.stage}`;
}

/** Sends one request per target concurrently; errors are non-200 answers and failed fetches. */
async function allAtOnce(targets, send) {
  const settled = await Promise.allSettled(targets.map((t, i) => send(t, i)));
  return collect(settled.map((s) => (s.status === 'fulfilled' ? s.value : { error: s.reason })));
}

async function oneAtATime(targets, send) {
  const answers = [];
  for (let i = 0; i < targets.length; i++) {
    try {
      answers.push(await send(targets[i], i));
    } catch (error) {
      answers.push({ error });
    }
  }
  return collect(answers);
}

function collect(answers) {
  const errors = answers
    .filter((a) => a.error || a.status !== 200)
    .map((a) => (a.error ? String(a.error) : `${a.status} ${JSON.stringify(a.body)}`));
  return { errors, bodies: answers.map((a) => a.body) };
}

/** The same requests, one at a time on one year and all at once on the other, each timed. */
async function compare(targets, sendOneAtATime, sendAtOnce) {
  const timed = async (fn) => {
    const t = performance.now();
    const out = await fn();
    return { ...out, ms: performance.now() - t };
  };
  return {
    oneAtATime: await timed(() => oneAtATime(targets, sendOneAtATime)),
    atOnce: await timed(() => allAtOnce(targets, sendAtOnce)),
  };
}

/**
 * Reports of the concurrent batch not in the expected state in the database: the status, the
 * version exactly `steps` above the one created, and that version in the history (trigger copy).
 */
async function lostWrites(db, targets, year, status, steps) {
  const { rows } = await db.query(
    `SELECT r.school_id, r.status, r.version,
            EXISTS (SELECT 1 FROM school_report_version v WHERE v.report_id = r.id AND v.version = r.version
                      AND v.status = r.status) AS kept
       FROM school_report r WHERE r.year = $1 AND r.school_id = ANY($2::text[])`,
    [year, targets.map((t) => t.schoolId)],
  );
  const byId = new Map(rows.map((r) => [r.school_id, r]));
  return targets.filter((t) => {
    const r = byId.get(t.schoolId);
    return !r || r.status !== status || r.version !== t.version[year] + steps || !r.kept;
  }).length;
}

function printWrites(batch, lost, what) {
  const rate = (b) => (WRITERS / (b.ms / 1000)).toFixed(0);
  const errors = batch.atOnce.errors.length;
  console.log(
    `  at once: errors ${errors}, lost writes ${lost} (checked in the database), ${rate(batch.atOnce)} ${what}/s | one at a time: errors ${batch.oneAtATime.errors.length}, ${rate(batch.oneAtATime)} ${what}/s | 0 errors and 0 lost writes: ${errors === 0 && lost === 0 ? '达到' : '未达到'}`,
  );
  if (errors > 0) console.log(`  first error: ${batch.atOnce.errors[0]}`);
  if (errors > 0 || lost > 0 || batch.oneAtATime.errors.length > 0) process.exitCode = 1;
}
