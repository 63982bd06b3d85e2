/**
 * @module Shapes of the HTTP API responses the web app reads (docs/api.md is the contract).
 * Where docs/api.md names a field but not its shape, the shape the web app expects is written
 * here, field by field; the server is to match it. Fields marked "optional" are read when present
 * and the page works without them.
 */
import type {
  EvaluationResult,
  PlanStep,
  ReportAction,
  ReportStatus,
  SchoolCompliance,
  SchoolType,
  Stage,
  Status,
  UserRole,
} from '@junheng/core';

export type {
  EvaluationResult,
  PlanStep,
  ReportAction,
  ReportStatus,
  SchoolCompliance,
  Stage,
  Status,
  UserRole,
};

/** `{ items, total, page, pageSize }` of every paginated list (docs/api.md “Lists”). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The error body of any status ≥ 400. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

// ── auth ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The signed-in user (GET /api/auth/me, POST /api/auth/login).
 * `menu`: keys of the menu entries the user may open, in order ({@link MenuKey}), decided by the
 * server from core's policy table; the web app keeps no copy of the rules (shared/menu.ts).
 */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  roleName: string;
  regionCode: string | null;
  regionName: string | null;
  schoolId: string | null;
  schoolName: string | null;
  menu: string[];
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
}

/** Menu keys (also the `name` of each route's entry page). */
export type MenuKey =
  | 'dashboard'
  | 'schools'
  | 'fill'
  | 'review'
  | 'countyInputs'
  | 'evaluations'
  | 'plans'
  | 'zoning'
  | 'applicants'
  | 'lottery'
  | 'classes'
  | 'quota'
  | 'users'
  | 'audit'
  | 'public';

// ── meta ─────────────────────────────────────────────────────────────────────────────────────

/** One section of the annual report form, in the order shown. */
export type ReportSection = '学生与班级' | '教师' | '校舍与场地' | '装备与图书';

/**
 * One field of the annual report form (GET /api/meta `reportFields[]`):
 * `{key, label, unit, section, integer, min, help?}`, e.g.
 * `{key:'students', label:'在校生数', unit:'人', section:'学生与班级', integer:true, min:0}`.
 * Optional extras the form also reads: `requiredOnSubmit` (must be filled before 提交审核; default
 * true for 学生与班级 and 教师, false for facilities, which may be reported for the whole school)
 * and `kind` ('count' | 'amount', core's NumericKind; `integer` wins when both are given).
 */
export interface ReportFieldDef {
  key: string;
  label: string;
  unit: string;
  section: ReportSection;
  integer: boolean;
  min: number;
  /** Plausible upper bound (core FieldInfo.max); absent from an older server. */
  max?: number;
  help?: string;
  requiredOnSubmit?: boolean;
  kind?: 'count' | 'amount';
}

/** A code with its Chinese name. */
export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/**
 * GET /api/meta. `schoolTypes`, `localities`, `stages`, `statuses` are `[{value, label}]`
 * (an object `{value: label}` is accepted as well, see meta.ts).
 * `countyItems` is not read by the web app (the county-inputs route carries what it needs).
 */
export interface Meta {
  years: { year: number; label: string }[];
  currentYear: number;
  county: { code: string; name: string } | null;
  /** Counties with schools the user may view (none yet on a blank installation). */
  counties?: { code: string; name: string }[];
  reportFields: ReportFieldDef[];
  countyItems?: unknown[];
  schoolTypes: Option[];
  localities: Option[];
  stages: Option<Stage>[];
  statuses: Option<ReportStatus>[];
}

// ── dashboard and results shared by the public page ──────────────────────────────────────────

/** A county verdict of one standard: `{status, reasons}`; a bare Status string is accepted too. */
export interface Verdict {
  status: Status;
  reasons: string[];
}

/**
 * One difference coefficient of a county (dashboard, public results):
 * `{standard, stage, indicator, name, cv, threshold, status}`. The 基本均衡 综合差异系数 is a row
 * with `indicator: 'composite'`, `name: '综合差异系数'` and its threshold (0.65 小学 / 0.55 初中);
 * 基本均衡 single indicators have `threshold: null`.
 */
export interface CoefficientSummary {
  standard: 'basic' | 'quality';
  stage: Stage;
  indicator: string;
  name: string;
  cv: number | null;
  threshold: number | null;
  status: Status;
}

/** A school count by result: 优质均衡 school-stage parts met / unmet / incomplete. */
export interface SchoolCounts {
  total: number;
  met: number;
  unmet: number;
  incomplete: number;
}

/** Reports of the year by status; `missing` = school stages with no report yet. */
export type ReportCounts = Record<ReportStatus | 'missing', number>;

/** A run as listed (GET /api/evaluations). `verdict` is the run's overall Status. */
export interface RunSummary {
  id: number;
  countyCode: string;
  /** optional */
  countyName?: string;
  year: number;
  standard: 'basic' | 'quality' | 'both';
  createdAt: string;
  createdByName: string | null;
  publishedAt: string | null;
  publishedByName?: string | null;
  verdict: Status;
  inputsSha256?: string;
  engineVersion?: string;
  /** 已过期: reports or county items changed after the run (in the list). */
  stale?: boolean;
}

/**
 * One point of the dashboard trend. The server sends one per year and standard (the newest
 * published run, else the newest run): `{year, standard, runId, published, verdict, coefficients}`
 * where the coefficients carry no `standard` of their own (the point's applies). `schools`
 * (优质均衡 school stages met) is read when present.
 */
export interface TrendPoint {
  year: number;
  standard?: 'basic' | 'quality';
  runId?: number;
  published?: boolean;
  verdict?: Status;
  coefficients?: (Omit<CoefficientSummary, 'standard'> & { standard?: 'basic' | 'quality' })[];
  schools?: SchoolCounts | null;
}

/** GET /api/dashboard?year= */
export interface Dashboard {
  county: { code: string; name: string } | null;
  year: number;
  verdicts: { basic: Verdict | Status | null; quality: Verdict | Status | null };
  coefficients: CoefficientSummary[];
  schools: SchoolCounts;
  reports: ReportCounts;
  trend: TrendPoint[];
  latestRun: RunSummary | null;
  publishedRun: RunSummary | null;
}

// ── schools ──────────────────────────────────────────────────────────────────────────────────

export interface ReportBrief {
  status: ReportStatus;
  version: number;
}

/** GET /api/schools (list item). */
export interface SchoolListItem {
  id: string;
  name: string;
  type: SchoolType;
  typeName: string;
  locality: string;
  localityName: string;
  regionCode: string;
  /** the school's own status: open / merged / closed */
  status?: string;
  stages: Stage[];
  /** 在校生数 of the year (all stages); optional */
  students?: number | null;
  reports: Partial<Record<Stage, ReportBrief | null>>;
}

/** A change of a school's own status (开办 / 合并 / 撤销). */
export interface SchoolStatusChange {
  status: string;
  mergedInto: string | null;
  effectiveOn: string;
  reason: string | null;
  changedByName: string | null;
  changedAt: string;
}

/**
 * GET /api/schools/:id?year= as the page uses it. The server sends `reports` as an array
 * `[{stage, status, version, updatedAt, submittedAt, reviewedAt}]` and the whole-school figures in
 * `info: {sharedFacilities, seniorStudents, meetsProvincialStandard} | null`; api/schools.ts turns
 * them into the fields below.
 */
export interface SchoolDetail extends SchoolListItem {
  regionName?: string;
  address?: string | null;
  seniorStudents?: number | null;
  /** 设施口径: '全校合计' when the school reports whole-school facilities, else '分学段'. */
  facilityScope?: string;
  sharedFacilities?: Record<string, number | null> | null;
  meetsProvincialStandard?: boolean | null;
  statusHistory?: SchoolStatusChange[];
  /** 启用学年: the first school year it reports for; null = every year. */
  firstYear?: number | null;
}

/** The school's value in one county coefficient, beside the county mean. */
export interface SchoolCoefficientLine {
  standard: 'basic' | 'quality';
  stage: Stage;
  indicator: string;
  name: string;
  unit: string;
  value: number | null;
  countyMean: number | null;
  cv: number | null;
  threshold: number | null;
  status: Status;
}

/**
 * GET /api/schools/:id/evaluation?year= — the server sends
 * `{source: 'run'|'live', schoolId, year, quality: SchoolCompliance[], coefficients, excluded, issues}`;
 * api/schools.ts reads `quality` (or `stages`) into `stages`, one SchoolCompliance per stage.
 */
export interface SchoolEvaluation {
  source: 'run' | 'live';
  runId: number | null;
  year: number;
  stages: SchoolCompliance[];
  coefficients: SchoolCoefficientLine[];
  excluded: { stage: Stage; reason: string }[];
  issues: { stage?: Stage; field: string; message: string }[];
}

/** One stage of 一校一策: what it lacks (`indicators[].shortfall`) and the minimum plan. */
export type PlanStage = Pick<
  SchoolCompliance,
  'stage' | 'status' | 'reason' | 'metCount' | 'indicators' | 'plan'
> &
  Partial<Pick<SchoolCompliance, 'students' | 'name' | 'schoolId'>> & {
    /** Sum of the plan's estimated costs (元). */
    estimatedCost?: number;
  };

/** GET /api/schools/:id/plan?year= — `{schoolId, name, year, source?, stages: PlanStage[]}`. */
export interface SchoolPlan {
  schoolId: string;
  name: string;
  year: number;
  source?: 'run' | 'live';
  stages: PlanStage[];
}

// ── reports ──────────────────────────────────────────────────────────────────────────────────

/** GET /api/reports (list item). */
export interface ReportListItem {
  schoolId: string;
  schoolName: string;
  year: number;
  stage: Stage;
  /** 'missing' = 未填报: the school has not started this report (version 0). */
  status: ReportStatus | 'missing';
  version: number;
  updatedAt: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  /** 教育局代报. */
  proxied?: boolean;
  /** 催报 sent so far. */
  reminders?: number;
  lastRemindedAt?: string | null;
}

/** One 催报 of a report, as the school sees it. */
export interface ReportReminder {
  message: string;
  byName: string | null;
  at: string;
}

/**
 * GET /api/reports/:schoolId/:year/:stage. A report that does not exist yet comes back with
 * `version: 0`, `status: 'draft'` and all data null. Optional: `schoolName`, `updatedByName`.
 */
export interface Report {
  schoolId: string;
  schoolName?: string;
  year: number;
  stage: Stage;
  status: ReportStatus;
  version: number;
  data: Record<string, number | null>;
  reviewComments: Record<string, string> | null;
  actions: ReportAction[];
  updatedAt: string | null;
  updatedByName?: string | null;
  submittedAt?: string | null;
  reviewedAt?: string | null;
  /** 教育局代报: the bureau filled in or submitted for the school. */
  proxy?: { byName: string | null; at: string; reason: string } | null;
  /** 催报, newest first. */
  reminders?: ReportReminder[];
}

/** POST /api/reports/batch: one report's result (or, for a dry run, what would happen). */
export interface BatchResultRow {
  schoolId: string;
  schoolName: string | null;
  stage: Stage;
  ok: boolean;
  /** missing = 未填报 (a 催报 of a report never started creates it). */
  from: ReportStatus | 'missing' | null;
  fromName: string | null;
  to: ReportStatus | null;
  toName: string | null;
  version: number | null;
  code?: string;
  message?: string;
}

export interface BatchAnswer {
  action: string;
  actionName: string;
  dryRun: boolean;
  changed: number;
  failed: number;
  results: BatchResultRow[];
}

/** GET …/versions (newest first or oldest first; the page sorts). `action` optional. */
export interface ReportVersion {
  version: number;
  status: ReportStatus;
  actorName: string | null;
  at: string;
  reviewComments: Record<string, string> | null;
  action?: ReportAction;
  reason?: string | null;
}

/** GET …/diff?from=&to= */
export interface DiffRow {
  field: string;
  label: string;
  unit: string;
  before: number | null;
  after: number | null;
}

/** 409 conflict details; `updatedAt` and `updatedByName` optional (the page re-reads the report otherwise). */
export interface ConflictDetails {
  currentVersion: number;
  updatedAt?: string;
  updatedByName?: string;
}

// ── county inputs, imports ───────────────────────────────────────────────────────────────────

/** core's CountyItemInputKind. */
export type CountyItemKind = 'percent' | 'number' | 'yesno' | 'veto' | 'computed' | 'schoolsOrYesno';

/**
 * GET /api/county-inputs?year= (array). Percent items carry the fraction (0.965), the page shows
 * 96.5 %. The server names the entry form `input` (core's CountyItemSpec); api/countyInputs.ts
 * copies it to `kind`. Optional: `aspect` (e.g. “优质均衡·政府保障程度”), `prompt`, `min`, `max`.
 */
export interface CountyInputItem {
  itemId: string;
  no: number;
  name: string;
  standard: 'basic' | 'quality';
  kind: CountyItemKind;
  input?: CountyItemKind;
  unit?: string | null;
  updatedAt?: string | null;
  updatedByName?: string | null;
  value: number | boolean | null;
  note: string | null;
  aspect?: string;
  prompt?: string;
  min?: number;
  max?: number;
}

/** One row of an import's error list (422 importInvalid details). */
export interface ImportIssue {
  /** Stable code of the kind of problem; 'moreErrors' for the row counting errors not listed. */
  code?: string;
  file?: string;
  sheet?: string;
  row?: number | null;
  column?: string | null;
  value?: unknown;
  message: string;
  /** How to fix it (the 如何修改 column). */
  fix?: string;
  /** On the 'moreErrors' row: how many errors it stands for. */
  omitted?: number;
}

/** 200 of an import: what was written, and warnings that did not stop it. */
export interface ImportResult {
  file?: string;
  schools: number;
  schoolsCreated?: number;
  reportsCreated?: number;
  reportsUpdated?: number;
  countyItems: number;
  warnings?: string[];
  /** Reports of the workbook that were not touched (not in a state the importer may change). */
  otherReports?: { schoolId: string; stage: string }[];
  /** Reports the import itself approved (county import with `approve=true`, 导入即审核通过). */
  approved?: number;
  /** true: a trial import, nothing written (the confirmation of 导入即审核). */
  dryRun?: boolean;
  /** The reports approved (or, in a dry run, to be approved): school, 学段, status before → after. */
  approvedReports?: {
    schoolId: string;
    schoolName: string;
    stage: string;
    stageName: string;
    fromName: string;
    toName: string;
  }[];
}

// ── evaluations ──────────────────────────────────────────────────────────────────────────────

/** GET /api/evaluations/:id */
export interface RunDetail extends RunSummary {
  result: EvaluationResult;
  /** current = false: 已过期, with what changed since the run. */
  freshness?: { current: boolean; reasons: string[] };
}

/** 409 reportsOutstanding details (one per report not approved); all but `stage` optional. */
export interface OutstandingReport {
  schoolId?: string;
  schoolName?: string;
  stage?: Stage;
  status?: ReportStatus | 'missing';
  message?: string;
}

// ── users, audit ─────────────────────────────────────────────────────────────────────────────

/** GET /api/users (list or array). `disabled` or `disabledAt`; `lockedUntil` optional. */
export interface UserItem {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  roleName?: string;
  regionCode: string | null;
  regionName?: string | null;
  schoolId: string | null;
  schoolName?: string | null;
  disabled?: boolean;
  disabledAt?: string | null;
  lockedUntil?: string | null;
  createdAt?: string;
  lastLoginAt?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  regionCode?: string;
  schoolId?: string;
  password: string;
}

/** GET /api/audit?page=&pageSize= (paginated, newest first). */
export interface AuditItem {
  id: number;
  at: string;
  actor: string;
  actorName?: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  reason: string | null;
  ip: string | null;
  before?: unknown;
  after?: unknown;
  hash?: string;
}

/**
 * GET /api/audit/verify: `{ok, checked, breaks}` (docs/api.md); `breaks: [{id, kind, reason}]`.
 * The db layer's `{ok, events, lastHash, firstBad}` is accepted as well.
 */
export interface AuditVerify {
  ok: boolean;
  checked?: number;
  events?: number;
  lastHash?: string;
  breaks?: { id: number; kind?: string; reason: string }[];
  firstBad?: { id: number; kind?: string; reason: string };
  /** The signed checkpoints outside the database (and an expected head), when the server keeps them. */
  anchors?: {
    ok: boolean;
    checkpoints: number;
    latest?: { at: string; seq: number; hash: string; line: string };
    problems: string[];
  };
}

// ── public ───────────────────────────────────────────────────────────────────────────────────

/** GET /api/public/counties; `years` are start years (a `{year,label}` list is accepted too). */
export interface PublicCounty {
  code: string;
  name: string;
  years: (number | { year: number; label?: string })[];
}

/** An indicator column of the public school table. */
export interface PublicIndicator {
  id: string;
  name: string;
  unit: string;
  decimals?: number;
}

/** One school stage of the public table as the page uses it (see evaluationView.publicRows). */
export interface PublicSchoolRow {
  id: string;
  name: string;
  typeName?: string;
  localityName?: string;
  stage: Stage;
  students: number | null;
  status: Status;
  values: Record<string, number | null>;
}

/**
 * One school stage as the server sends it (no personal data): names instead of codes for type,
 * locality, stage and status, and the 7 school indicators.
 */
export interface PublicSchoolFigure {
  schoolId: string;
  name: string;
  type: string;
  locality: string;
  stage: string;
  students: number | null;
  status: string;
  indicators: {
    indicator: string;
    name: string;
    unit: string;
    value: number | null;
    requirement: number;
    status: string;
  }[];
}

/** A published verdict: `{runId, status, statusName, publishedAt, reasons}`. */
export interface PublicVerdict extends Verdict {
  runId?: number;
  statusName?: string;
  publishedAt?: string | null;
}

/**
 * GET /api/public/results/:countyCode/:year — `{county, year, verdicts, coefficients, schools}`.
 * The 基本均衡 综合差异系数 row (indicator 'composite') is used when present.
 */
export interface PublicResult {
  county: { code: string; name: string };
  year: number;
  verdicts: { basic: PublicVerdict | Status | null; quality: PublicVerdict | Status | null };
  coefficients: CoefficientSummary[];
  schools: (PublicSchoolFigure | PublicSchoolRow)[];
}
