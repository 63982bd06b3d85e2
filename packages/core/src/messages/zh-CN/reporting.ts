/** 填报与审核：报表、批量审核、全县数据、导入。键 = reporting.<名称>；占位符 {名称}（messages/format.ts）。 */
export const reporting = {
  // ── One report: reading, saving, the workflow (core workflow/reportWorkflow.ts decideTransition) ──
  /** A report that does not exist or may not be seen: the same words on every route. */
  reportNotFound: '没有找到学校 {schoolId} {year} 学年{stage}的报表，或您无权查看该报表',
  dataNotObject: '报表数据必须是“字段: 数值”形式的对象',
  saveNeedsData: '保存报表需要提供报表数据（“字段: 数值”形式的对象）',
  changedMeanwhile: '该报表已被他人修改：请刷新后在最新版本上修改，您的改动未保存',
  createdMeanwhile: '这份报表已由他人创建并保存过：请刷新页面，在最新版本上修改',
  /** One problem of the data (core checkReportData's own words). */
  dataIssue: '{message}',
  dataIssues: '报表有 {count} 处需要修改：{first}等',
  dataIssueFix: '请按提示改正该项后重新保存',
  commentFieldUnknown: '意见所指的填报项“{field}”不存在：请从表中的项目选择',
  versionMissing: '这份报表没有第 {version} 版（共 {count} 版）',
  staleVersion:
    '该报表已被他人修改（当前为第 {current} 版，您编辑的是第 {expected} 版）：请刷新后在最新版本上修改，您的改动未保存',
  actionRoles: '“{action}”只能由{roles}操作',
  actionWrongStatus: '报表当前为“{status}”，不能{action}（只有{from}的报表可以{action}）',
  actionNeedsReason: '{action}需要填写理由，理由会记入审计日志',
  actionNeedsComments: '{action}需要至少一条修改意见，写明哪一项需要怎样修改',

  // ── Creating a report (the school starting it, the bureau's 催报 or 代为填报) ──
  yearOutOfRange: '学年必须是 2000～2100 之间的年份（收到 {year}）',
  stageUnknown: '未知的学段“{stage}”：学段只能是小学（primary）或初中（junior）',
  stageNotOfSchool: '{school}（{schoolId}）是{type}，只有{stages}学段，不能创建{stage}报表',
  schoolWithoutStages: '{school}（{schoolId}）是{type}，没有义务教育学段，不能创建{stage}报表',
  schoolMerged: '{school}（{schoolId}）已撤并，不能新建报表；如学校恢复办学，请先在学校管理中恢复',
  schoolClosed: '{school}（{schoolId}）已停办，不能新建报表；如学校恢复办学，请先在学校管理中恢复',

  // ── The review list and the county's counts ──
  statusesNotList: '报表状态应为列表',
  statusUnknown: '未知的报表状态“{status}”，可选：{choices}',
  listStageUnknown: '未知的学段“{stage}”，可选：{choices}',
  countyNotFound: '没有找到县 {countyCode}，或您无权查看该县的数据',
  /** The review list's name of a report not started yet (no workflow state). */
  statusMissing: '未填报',

  // ── 批量审核 ──
  batchRoles: '批量{action}只能由{roles}操作',
  batchReturnNeedsReason: '批量退回需要填写退回理由：理由作为整体意见发给每所学校，并记入审计日志',
  batchRemindNeedsText: '催报需要填写催报内容：学校在报表页面看到这段话',
  batchTwice: '同一份报表（{report}）在批量操作中出现了两次',
  batchNotStarted: '学校尚未开始填报这份报表，不能{action}：可以催报，或打开后由教育局代为填报',
  batchStartedMeanwhile: '学校已开始填报这份报表：请刷新列表后再操作',
  /** The reason a batch approval records (audit log). */
  batchApproveReason: '批量审核通过（共 {count} 份）',
  /** A dry run's stand-in for the reason not written yet. */
  batchReasonPending: '（待填写）',

  // ── 县级指标 ──
  countyInputsNotFound: '没有找到县 {countyCode}，或您无权查看该县的县级指标',
  countyInputsPublished:
    '{year} 学年的评估结果已公示（评估编号 {runId}），县级指标不能再修改：如确需更正，请在下一学年填报并说明',
  /** `shape` is the list's form, [{itemId, value, note}] (braces are placeholders here). */
  countyItemsNotList: '县级指标应为列表：{shape}',
  countyItemNoId: '每个县级指标都要有指标编号（itemId）',
  countyItemUnknown:
    '没有编号为“{itemId}”的县级指标：请使用县级指标模板“指标编号”列中的编号（如 rotation、retention）',
  countyItemTwice: '县级指标“{name}”（{itemId}）在一次保存中出现了两次',
  countyItemNoValue: '县级指标“{name}”（{itemId}）缺少填报值：未填报请写 null',
  countyItemInvalid: '县级指标“{name}”（{itemId}）：{why}',
  countyItemNoteNotText: '县级指标“{name}”（{itemId}）的佐证说明应为文字',
  countyItemNoteTooLong: '县级指标“{name}”（{itemId}）的佐证说明不能超过 {max} 个字',

  // ── 导入与填报工作簿 ──
  /** Why the bureau submitted and approved imported reports (audit log, 教育局代报 mark). */
  importApprovalReason: '教育局导入全县数据时审核通过',
  /** The status before an import of a report that did not exist. */
  importNoReport: '尚无报表',
  importCountyNotFound: '没有找到该县',
  importSchoolNotFound: '没有找到该学校',
  importFileLabel: '要导入的 .xlsx、.csv 或 .json 文件',
  importWrongCounty: '文件的县级行政区划代码不是本县（{county} {countyCode}）：请核对后再导入',
  importWrongYear: '文件的学年与所选学年（{year}）不同：请在页面上选择 {fileYear} 学年，或改正文件中的学年',
  importOtherSchool: '只能导入本校（{school} {schoolId}）的数据：请删除其他学校的行',
  importRegisterDiffers:
    '与教育局登记的不一致：学校名称、类型和城乡类型由教育局维护，请按登记填写；如登记有误请联系教育局',
  countyWorkbookName: '{county}{year}学年填报.xlsx',
  schoolWorkbookName: '{school}{year}学年填报.xlsx',
} as const;
