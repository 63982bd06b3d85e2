/**
 * @module Access policy as data: the one table of who may do what to which resource, in what scope.
 * Everything not granted by a row here is denied. policy.ts only reads this table.
 */

/** Roles as stored in app_user.role (migration 0002). */
export type UserRole = 'system_admin' | 'bureau' | 'inspector' | 'principal' | 'school' | 'viewer';
export const USER_ROLES: readonly UserRole[] = [
  'system_admin',
  'bureau',
  'inspector',
  'principal',
  'school',
  'viewer',
];

/** What a request touches. */
export type ResourceKind =
  | 'school'
  | 'schoolReport'
  | 'countyInput'
  | 'evaluationRun'
  | 'user'
  | 'auditLog'
  | 'publicResult'
  | 'admissionPlan'
  | 'applicant'
  | 'lotteryDraw';
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'school',
  'schoolReport',
  'countyInput',
  'evaluationRun',
  'user',
  'auditLog',
  'publicResult',
  'admissionPlan',
  'applicant',
  'lotteryDraw',
];

/**
 * What a request does. 'review' covers return and approve; 'viewPersonal' is reading students'
 * personal data (学籍, 控辍保学, care registers), checked against the student's school.
 */
export type PolicyAction =
  | 'view'
  | 'edit'
  | 'submit'
  | 'review'
  | 'reopen'
  | 'evaluate'
  | 'publish'
  | 'export'
  | 'import'
  | 'manageUsers'
  | 'viewPersonal';
export const POLICY_ACTIONS: readonly PolicyAction[] = [
  'view',
  'edit',
  'submit',
  'review',
  'reopen',
  'evaluate',
  'publish',
  'export',
  'import',
  'manageUsers',
  'viewPersonal',
];

/**
 * How a rule is confined:
 * - anywhere: no confinement (system_admin only).
 * - regionSubtree: the resource's county/township lies under the actor's region code, at any
 *   level (province, city, county, township). This is the VIEW scope.
 * - countyJurisdiction: as regionSubtree, and the actor's code is a county or a township (学区).
 *   This is the EDIT scope: city and province users see their subtree but change nothing in it.
 * - ownSchool: the resource belongs to the actor's school (both ids present and equal).
 * - public: the resource is published (公示), whoever and wherever the actor is.
 */
export type PolicyScope = 'anywhere' | 'regionSubtree' | 'countyJurisdiction' | 'ownSchool' | 'public';

export interface PolicyRule {
  /** Stable id, reported by explain() and worth logging with a denied request. */
  id: string;
  roles: readonly UserRole[];
  kinds: readonly ResourceKind[];
  actions: readonly PolicyAction[];
  scope: PolicyScope;
  /** 中文: what the rule grants, shown as the reason when it allows a request. */
  grants: string;
}

const REGION_ROLES: readonly UserRole[] = ['bureau', 'inspector'];
const SCHOOL_ROLES: readonly UserRole[] = ['principal', 'school'];

/**
 * The rules. Reasoning, row by row (the text is followed where it is explicit):
 */
export const POLICY_RULES: readonly PolicyRule[] = [
  // --- system_admin: runs the system, is not a party to the data (separation of duties). ---
  // Views everything to support users, but edits, submits, reviews, evaluates and publishes
  // nothing: an account that can both create users and change data could forge any report.
  // No viewPersonal: managing accounts does not need any child's personal data.
  {
    id: 'admin.view',
    roles: ['system_admin'],
    kinds: [
      'school',
      'schoolReport',
      'countyInput',
      'evaluationRun',
      'user',
      'auditLog',
      'publicResult',
      'admissionPlan',
      'lotteryDraw',
    ],
    actions: ['view'],
    scope: 'anywhere',
    grants: '系统管理员可查看全部数据',
  },
  // 用户管理 for admins (issue 4); nobody else creates accounts or changes roles.
  {
    id: 'admin.manageUsers',
    roles: ['system_admin'],
    kinds: ['user'],
    actions: ['manageUsers'],
    scope: 'anywhere',
    grants: '系统管理员负责用户管理',
  },
  // The audit log is exported to be checked off-line (hash chain); it holds no report data a
  // view did not already show the admin.
  {
    id: 'admin.exportAudit',
    roles: ['system_admin'],
    kinds: ['auditLog'],
    actions: ['export'],
    scope: 'anywhere',
    grants: '系统管理员可导出审计日志',
  },

  // --- bureau and inspector: VIEW scope = their region subtree at any level. ---
  // A city or province user (code '1306' / '130600', '13' / '130000') reads all counties under it
  // (issue 4: "reads all counties under its code (read-only)"); export is a read, so it follows
  // view. Unpublished public results are visible here so the county can check them before 公示.
  {
    id: 'region.read',
    roles: REGION_ROLES,
    kinds: [
      'school',
      'schoolReport',
      'countyInput',
      'evaluationRun',
      'publicResult',
      'admissionPlan',
      'lotteryDraw',
    ],
    actions: ['view', 'export'],
    scope: 'regionSubtree',
    grants: '教育局和督学可查看、导出本辖区数据',
  },
  // Audit entries carry the region of what was changed; checking who changed what is part of both
  // the bureau's review and the inspectors' work. Viewing only: exporting audit data is admin's.
  {
    id: 'region.viewAudit',
    roles: REGION_ROLES,
    kinds: ['auditLog'],
    actions: ['view'],
    scope: 'regionSubtree',
    grants: '教育局和督学可查看本辖区的审计日志',
  },
  // The review queue shows who filled and submitted a report; accounts are still managed by admin.
  {
    id: 'bureau.viewUsers',
    roles: ['bureau'],
    kinds: ['user'],
    actions: ['view'],
    scope: 'regionSubtree',
    grants: '教育局可查看本辖区的用户',
  },

  // --- bureau: EDIT scope = its county (or township/学区) subtree. ---
  // The school registry (name, type, merged/closed) is the bureau's, not the school's.
  {
    id: 'bureau.editSchool',
    roles: ['bureau'],
    kinds: ['school'],
    actions: ['edit'],
    scope: 'countyJurisdiction',
    grants: '县教育局可维护本县学校信息',
  },
  // Schools fill in their reports; the bureau returns/approves, and reopens approved ones (issue 4:
  // "Edits after approval need the bureau to reopen"). It does not edit or submit a school's report
  // itself: the reviewer is not the author — except 催报 and 代报 of a report the school leaves at
  // 填报中 (issue 10 #23), which the workflow table gives the bureau with a reason, marked 教育局代报;
  // they need this rule's scope (db reports.ts REPORT_POLICY_ACTIONS maps them to review).
  {
    id: 'bureau.reviewReports',
    roles: ['bureau'],
    kinds: ['schoolReport'],
    actions: ['review', 'reopen'],
    scope: 'countyJurisdiction',
    grants: '县教育局可审核（退回、通过）、重新打开、催报和代报本县学校报表',
  },
  // Issue 4: "Excel import of a whole county (bureau)". Import of school reports is the one way
  // the bureau writes report data; the imported reports still go through review.
  {
    id: 'bureau.import',
    roles: ['bureau'],
    kinds: ['schoolReport', 'countyInput'],
    actions: ['import'],
    scope: 'countyJurisdiction',
    grants: '县教育局可导入本县数据',
  },
  // County-level items are reported by the bureau (and checked by inspectors, below).
  {
    id: 'bureau.editCountyInputs',
    roles: ['bureau'],
    kinds: ['countyInput'],
    actions: ['edit'],
    scope: 'countyJurisdiction',
    grants: '县教育局可填报本县县级指标',
  },
  // Both the bureau (self-evaluation) and inspectors (督导评估) run evaluations of their county.
  {
    id: 'county.evaluate',
    roles: REGION_ROLES,
    kinds: ['evaluationRun'],
    actions: ['evaluate'],
    scope: 'countyJurisdiction',
    grants: '县教育局和督学可对本县运行评估',
  },
  // 公示 is the county's act; inspectors evaluate but do not publish. Publishing locks the
  // schools' reports it was computed from, hence schoolReport (workflow action lock).
  {
    id: 'bureau.publish',
    roles: ['bureau'],
    kinds: ['schoolReport', 'evaluationRun', 'publicResult'],
    actions: ['publish'],
    scope: 'countyJurisdiction',
    grants: '县教育局可发布本县评估结果（公示）',
  },
  // Students' personal data: the bureau for its county (控辍保学 cases cross schools), not the
  // city/province (aggregates suffice there), not inspectors or admins. For applicants, 'view' is
  // the masked list and 'viewPersonal' a child's full record or an export with personal data
  // (applicants.ts; audited).
  {
    id: 'bureau.viewPersonal',
    roles: ['bureau'],
    kinds: ['school', 'applicant'],
    actions: ['viewPersonal'],
    scope: 'countyJurisdiction',
    grants: '县教育局可查看本县学生和招生申请的个人信息',
  },

  // 招生 (issue 5) is the county's: zones, admission rounds, quotas, the lottery draws it conducts
  // and publishes. Applicants are minors' personal data: read, changed, imported and exported by
  // the county (never by the city/province or inspectors, whose work needs aggregates only).
  {
    id: 'bureau.admission',
    roles: ['bureau'],
    kinds: ['admissionPlan'],
    actions: ['edit', 'import', 'publish'],
    scope: 'countyJurisdiction',
    grants: '县教育局负责本县招生：划片、分班、指标到校',
  },
  // A draw's entries come from the applicants (or teachers); nothing is imported into a draw.
  {
    id: 'bureau.lottery',
    roles: ['bureau'],
    kinds: ['lotteryDraw'],
    actions: ['edit', 'publish'],
    scope: 'countyJurisdiction',
    grants: '县教育局可组织本县电脑派位并公布结果',
  },
  {
    id: 'bureau.applicants',
    roles: ['bureau'],
    kinds: ['applicant'],
    actions: ['view', 'edit', 'import', 'export'],
    scope: 'countyJurisdiction',
    grants: '县教育局可查看、录入、导入、导出本县招生申请（学生个人信息）',
  },

  // --- inspector: checks, does not author. ---
  // Checks the county's own items against evidence (the bureau authored them); never edits school
  // data. Returning/approving school reports is the bureau's review queue (issue 4 “审核”), and the
  // report workflow (workflow/reportWorkflow.ts) gives it to the bureau alone.
  {
    id: 'inspector.review',
    roles: ['inspector'],
    kinds: ['countyInput'],
    actions: ['review'],
    scope: 'countyJurisdiction',
    grants: '督学可核查本县县级指标',
  },

  // --- school users and principals: their own school only. ---
  // Both see their school, its reports and its slice of an evaluation (the server passes an
  // evaluationRun resource with schoolId for that slice; a county-wide run has no schoolId).
  {
    id: 'school.read',
    roles: SCHOOL_ROLES,
    kinds: ['school', 'schoolReport', 'evaluationRun'],
    actions: ['view', 'export'],
    scope: 'ownSchool',
    grants: '学校用户和校长可查看、导出本校数据',
  },
  // The school fills in, submits, imports its own report (issue 4 names one role for
  // “校长/学校填报员”, so the principal may do what the clerk does).
  {
    id: 'school.fill',
    roles: SCHOOL_ROLES,
    kinds: ['schoolReport'],
    actions: ['edit', 'submit', 'import'],
    scope: 'ownSchool',
    grants: '学校用户和校长可填报、提交、导入本校报表',
  },
  // 均衡分班 of its own entrants (an admissionPlan with the school's id) and the head-teacher draw
  // for its classes are done at the school; a county-wide plan or draw has no schoolId.
  {
    id: 'school.classes',
    roles: SCHOOL_ROLES,
    kinds: ['admissionPlan', 'lotteryDraw'],
    actions: ['view', 'edit', 'export'],
    scope: 'ownSchool',
    grants: '学校用户和校长可进行本校均衡分班和班主任派位',
  },
  // The children placed at the school: it enrols them. The list and its export are masked
  // (README: 本校录取名单（脱敏）); names, ID numbers and contacts need viewPersonal (next rule).
  {
    id: 'school.applicants',
    roles: SCHOOL_ROLES,
    kinds: ['applicant'],
    actions: ['view', 'export'],
    scope: 'ownSchool',
    grants: '学校用户和校长可查看、导出录取到本校的学生名单（脱敏）',
  },
  // Personal data of its own students, for the 学籍 and care registers the school keeps: the
  // clerk (学校填报员) who registers the admitted children, not the principal, whose work needs
  // the masked list only. Every full record and export is audited.
  {
    id: 'school.viewPersonal',
    roles: ['school'],
    kinds: ['school', 'applicant'],
    actions: ['viewPersonal'],
    scope: 'ownSchool',
    grants: '学校填报员可查看本校学生和录取到本校的学生的个人信息（办理入学、学籍）',
  },

  // --- everyone, including the anonymous public (PUBLIC_ACTOR): published 公示 results. ---
  // Also as CSV/JSON (issue 4), hence export. Not limited by region: it is public.
  {
    id: 'public.results',
    roles: USER_ROLES,
    kinds: ['publicResult', 'admissionPlan', 'lotteryDraw'],
    actions: ['view', 'export'],
    scope: 'public',
    grants: '已公示的结果对所有人公开',
  },
];

/** 中文 names for messages. */
export const USER_ROLE_NAMES: Record<UserRole, string> = {
  system_admin: '系统管理员',
  bureau: '教育局用户',
  inspector: '督学',
  principal: '校长',
  school: '学校用户',
  viewer: '公众用户',
};

export const RESOURCE_KIND_NAMES: Record<ResourceKind, string> = {
  school: '学校',
  schoolReport: '学校报表',
  countyInput: '县级指标',
  evaluationRun: '评估结果',
  user: '用户',
  auditLog: '审计日志',
  publicResult: '公示结果',
  admissionPlan: '招生方案',
  applicant: '招生申请',
  lotteryDraw: '电脑派位',
};

export const POLICY_ACTION_NAMES: Record<PolicyAction, string> = {
  view: '查看',
  edit: '修改',
  submit: '提交',
  review: '审核',
  reopen: '重新打开',
  evaluate: '运行评估',
  publish: '发布公示',
  export: '导出',
  import: '导入',
  manageUsers: '管理用户',
  viewPersonal: '查看学生个人信息',
};

/** 中文: what each role is limited to, shown when no rule grants the request. */
export const ROLE_LIMITS: Record<UserRole, string> = {
  system_admin:
    '系统管理员负责用户管理并可查看数据，但不修改、审核学校数据，也不查看学生个人信息（职责分离）',
  bureau: '教育局审核、评估、发布本县数据，学校报表由学校填报，用户由系统管理员管理',
  inspector: '督学可以查看和评估本县数据、核查县级指标，不能修改学校数据；学校报表由县教育局审核',
  principal: '校长只能查看和填报本校数据',
  school: '学校用户只能查看和填报本校数据',
  viewer: '公众用户只能查看已公示的结果',
};
