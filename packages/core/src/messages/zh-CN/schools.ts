/** 学校名册与学校数据集（学校的增改、停办、数据保存）。键 = schools.<名称>；占位符 {名称}（messages/format.ts）。 */
export const schools = {
  /** A school that does not exist and one the actor may not see: the same answer. */
  notFound: '没有找到学校 {id}，或您无权查看该学校',
  /** The county a request names is unknown or outside the user's view. */
  countyNotFound: '没有找到县 {code}，或您无权查看该县',
  /** A user without a county of their own who named none. */
  countyOfAccountMissing: '您的账户没有对应的县：请指定县级行政区划代码（county）',

  /** The school year of a list or a school's figures. */
  yearInvalid: '学年必须是 2000～2100 之间的年份（收到 {year}）',

  // The school list's filters ({allowed}: the codes that may be given, joined by 、).
  unknownType: '未知的学校类型“{value}”，可选：{allowed}',
  unknownLocality: '未知的城乡分类“{value}”，可选：{allowed}',
  unknownStatus: '未知的办学状态“{value}”，可选：{allowed}',

  // The bureau's changes of a school's register entry and status.
  nameRequired: '学校名称不能为空：请填写学校全称',
  localityInvalid: '城乡类型应为 城区、镇区 或 乡村',
  coordinatesPaired: '经度和纬度要么都填，要么都不填',
  firstYearInvalid: '启用学年应为 2000～2100 的年份（如 2026 表示 2026-2027 学年），或留空表示各学年都要填报',
  /** {statusName}: the new status's name (正常办学, 已撤并, 已停办). */
  statusReasonRequired: '将学校改为“{statusName}”需要写明原因（如撤并文件文号）',
  effectiveOnInvalid: '请填写生效日期（年-月-日，如 2026-09-01）',
  mergeTargetRequired: '撤并需要选择并入的学校',
  mergeIntoItself: '学校不能并入自己：请选择另一所学校',
  mergeTargetInvalid: '并入的学校 {target} 应为本县正常办学的学校',
  reportsLockedForStatus: '该校 {year} 学年的报表已随评估结果公示锁定：撤并或停办请从下一学年起登记',

  // Saving a county's dataset ({schools}: the first five, joined by 、).
  datasetOutsideCounty:
    '{count} 所学校的行政区划代码不是本县（{county}）：{schools}。一个县的数据只能包含本县学校，请改正行政区划代码或分县导入',
  datasetInOtherCounty:
    '{count} 所学校已登记在其他县：{schools}。请核对学校标识码，或由管理员先调整学校所属区划',
  datasetSchoolNotOpen:
    '{count} 所学校已撤并或停办，不能导入其报表：{schools}。如学校恢复办学，请先在学校管理中恢复',
  datasetReportLocked: '{count} 所学校 {year} 学年的报表已在评估结果公布后锁定，不能再导入：{schools}',
  datasetReportSubmitted: '本校报表已提交审核，不能再导入：如需修改，请联系教育局退回或重新打开',
  datasetReportApproved: '本校报表已审核通过，不能再导入：如需修改，请联系教育局退回或重新打开',
  datasetUnknownActor: '用户 {username} 不存在，无法记录是谁保存了数据',
  datasetCountyNotFound: '数据库中没有县级行政区划 {code}',
} as const;
