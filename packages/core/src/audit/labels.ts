/**
 * @module Chinese names of what the audit log records (issue 10 #30): every action the code emits
 * and every kind of object, in one table, so the log page never shows a raw code. A test
 * (packages/server/src/audit/auditLabels.test.ts) greps the emitted action names and fails when one has
 * no name here. Also the readable form of an event's before/after values.
 */

/** Every audit action, as written by appendAudit and auditExport, with its Chinese name. */
export const AUDIT_ACTION_NAMES: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.loginFailed': '登录失败（密码错误）',
  'auth.lockout': '连续输错密码，暂停该来源登录',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.changePassword': '修改密码',
  'user.unlock': '解锁用户',
  'school.update': '修改学校信息',
  'school.changeStatus': '变更学校状态',
  'report.create': '新建报表',
  'report.update': '修改报表',
  'report.save': '保存报表草稿',
  'report.submit': '提交报表',
  'report.return': '退回报表',
  'report.approve': '审核通过报表',
  'report.reopen': '重新打开报表',
  'report.lock': '锁定报表',
  'report.unlock': '解锁报表',
  'report.remind': '催报',
  'report.proxySave': '教育局代为填报',
  'report.proxySubmit': '教育局代为提交',
  'report.approveOnImport': '导入时审核通过报表',
  'dataset.import': '导入数据',
  'import.county': '导入全县数据',
  'import.school': '导入学校数据',
  'demo.seed': '生成演示数据',
  'countyInput.save': '保存县级指标',
  'evaluation.run': '运行评估',
  'evaluation.publish': '发布评估公示',
  'admissionRound.create': '新建招生批次',
  'admissionRound.update': '修改招生批次',
  'admissionRound.commit': '公示派位名单（承诺）',
  'admissionRound.admit': '按类别录取',
  'applicant.create': '登记招生申请',
  'applicant.update': '修改招生申请',
  'applicant.delete': '删除招生申请',
  'applicant.import': '导入招生申请',
  'applicant.read': '查看申请人完整信息',
  'applicant.export': '导出申请人名单（含个人信息）',
  'lotteryDraw.commit': '公示派位名单',
  'lotteryDraw.draw': '电脑派位',
  'classPlacement.create': '新建均衡分班',
  'classPlacement.run': '运行均衡分班',
  'classPlacement.publish': '发布分班结果',
  'classPlacement.headTeacherDraw': '抽签确定班主任',
  'quotaAllocation.create': '新建指标到校方案',
  'quotaAllocation.update': '修改指标到校方案',
  'zoning.importAreas': '导入小区/村',
  'zoning.entryClasses': '保存起始年级班数',
  'zoningPlan.create': '新建划片方案',
  'zoningPlan.update': '修改划片方案',
  'zoningPlan.publish': '发布划片方案',
  'zoningPlan.withdraw': '撤回划片方案',
  'export.xlsx': '导出 Excel',
  'export.evaluation.xlsx': '导出评估 Excel',
  'export.evaluation.docx': '导出自评报告 Word',
  'export.template.county': '下载全县填报模板',
  'export.template.school': '下载学校填报模板',
  'export.lotteryProtocol': '下载派位记录',
  'export.classPlacement.lists': '导出分班名单',
  'export.classPlacement.names': '导出分班名单（含姓名）',
  'export.quotaAllocation.xlsx': '导出指标到校计算表',
  'export.zoningPlan.xlsx': '导出划片方案 Excel',
  'export.zoningPlan.geojson': '导出划片方案地图',
  'export.zoningAreas.xlsx': '导出小区/村表',
};

/** Every kind of object an event is about (audit_event.entity), with its Chinese name. */
export const AUDIT_ENTITY_NAMES: Readonly<Record<string, string>> = {
  app_user: '用户',
  school: '学校',
  school_report: '学校报表',
  county: '县',
  county_input: '县级指标',
  region: '行政区划',
  import: '导入',
  evaluation_run: '评估',
  admission_round: '招生批次',
  applicant: '招生申请',
  lottery_draw: '电脑派位',
  class_placement: '均衡分班',
  quota_allocation: '指标到校',
  residential_area: '小区/村',
  zoning_entry_classes: '起始年级班数',
  zoning_plan: '划片方案',
};

/** The Chinese name of an action; an unknown one (an older version's) is shown as it is. */
export function auditActionName(action: string): string {
  return AUDIT_ACTION_NAMES[action] ?? action;
}

/** The Chinese name of an object kind; an unknown one is shown as it is. */
export function auditEntityName(entity: string): string {
  return AUDIT_ENTITY_NAMES[entity] ?? entity;
}

/** Names of the fields that recur in events' before/after values. */
export const AUDIT_FIELD_NAMES: Readonly<Record<string, string>> = {
  status: '状态',
  reminder: '催报内容',
  personal: '含个人信息',
  version: '版本',
  year: '学年',
  name: '名称',
  title: '标题',
  note: '说明',
  reason: '理由',
  displayName: '显示名',
  disabled: '已停用',
  role: '角色',
  regionCode: '行政区划代码',
  schoolId: '学校标识码',
  teachers: '教师数',
  students: '学生数',
  studentCount: '学生数',
  classCount: '班数',
  schools: '学校数',
  reports: '报表数',
  bytes: '文件大小（字节）',
  file: '文件',
  format: '格式',
  seed: '随机种子',
  ran: '已运行',
  summary: '概要',
  headTeacherDrawId: '班主任抽签',
  replacedBy: '被替换为',
  commitment: '名单承诺值',
  resultHash: '结果哈希',
  entryCount: '条目数',
  ticket: '派位编号',
  roundId: '招生批次',
  drawId: '派位',
  stage: '学段',
  county: '县',
  code: '代码',
  failedLogins: '连续失败次数',
  lockedUntil: '锁定至',
  sessionsEnded: '结束的会话数',
  passwordChanged: '密码已修改',
  publishedAt: '发布时间',
  withdrawn: '已撤回',
  approved: '审核通过数',
  masked: '脱敏',
  filters: '筛选条件',
  source: '来源',
  allHonoured: '约束全部满足',
  meanSpread: '各班平均分极差',
  snakeMeanSpread: '蛇形分班平均分极差',
  applicants: '申请人数',
  changedAreas: '改划的小区/村数',
  classes: '班数',
  count: '数量',
  countyCode: '县级行政区划代码',
  data: '填报数据',
  drawnAt: '派位时间',
  engineVersion: '程序版本',
  entries: '条目数',
  finals: '最终名额',
  firstTicket: '首个派位编号',
  lastTicket: '末个派位编号',
  gradeLabel: '年级',
  highSchoolName: '高中学校',
  lockedReports: '锁定的报表数',
  migrants: '随迁子女数',
  minimum: '每校保底名额',
  notary: '公证人员',
  operatorName: '操作人员',
  overrides: '省级细则覆盖',
  place: '地点',
  placements: '分配结果',
  places: '名额',
  publishedRuns: '已发布的评估',
  purpose: '用途',
  rows: '行数',
  ruralTilt: '乡村学校倾斜系数',
  share: '比例',
  slots: '名额数',
  standard: '标准',
  username: '用户名',
  users: '用户数',
  verdict: '结论',
  witnesses: '见证人',
  years: '学年',
  config: '设置',
  round: '招生批次',
  areas: '小区/村数',
};

/** One line of an event's details: a field, its value before and after (either may be absent). */
export interface AuditDetailRow {
  field: string;
  label: string;
  before?: string;
  after?: string;
  changed: boolean;
}

/** A value as a short readable text (lists and objects in compact JSON, booleans as 是/否). */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value === '' ? '（空）' : value;
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function asFields(value: unknown): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/**
 * An event's before/after as rows of field, old value, new value (the fields of both, in order of
 * first appearance); empty when the event carries no details.
 */
export function auditDetailRows(before: unknown, after: unknown): AuditDetailRow[] {
  const b = asFields(before);
  const a = asFields(after);
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return fields.map((field) => {
    const beforeText = b && field in b ? auditValueText(b[field]) : undefined;
    const afterText = a && field in a ? auditValueText(a[field]) : undefined;
    return {
      field,
      label: field === 'value' ? '内容' : (AUDIT_FIELD_NAMES[field] ?? field),
      before: beforeText,
      after: afterText,
      changed: b !== undefined && a !== undefined && beforeText !== afterText,
    };
  });
}
