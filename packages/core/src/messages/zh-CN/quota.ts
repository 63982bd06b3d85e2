/** 指标到校。键 = quota.<名称>；占位符 {名称}（messages/format.ts）。 */
export const quota = {
  /** A county the actor may not see, or no county at all. */
  countyNotFound: '没有找到县 {county} 的指标到校方案，或您无权查看',
  notFound: '没有找到指标到校方案 {id}，或您无权查看',
  /** The .xlsx download of an allocation the actor may not export. */
  exportNotFound: '没有找到该方案',
  conflict: '该指标分配方案已被他人修改：请刷新后在最新版本上修改，您的改动未保存',
  year: '学年必须是 2000～2100 之间的年份（收到 {year}）',
  highSchoolName: '请填写高中名称（1～100 个字）',
  places: '总名额应为 0～100000 的整数，收到 {places}',
  /** {min} and {max} are percentages (50%, 100%); {document} names the rule. */
  share: '指标到校比例应在 {min}～{max} 之间（{document}），收到 {share}',
  ruralTilt: '农村学校倾斜系数应在 1～5 之间（1 表示不倾斜），收到 {ruralTilt}',
  minimum: '每校最低名额应为 0～1000 的整数，收到 {minimum}',
  noSchools: '请至少列出一所初中',
  /** {n}: the school's position in the list; {name}: its name or code as submitted. */
  schoolIdMissing: '第 {n} 所学校（{name}）缺少学校代码',
  schoolTwice: '学校代码 {schoolId} 重复：每所学校只列一次',
  graduates: '第 {n} 所学校（{name}）的毕业生数应为 0～100000 的整数，收到 {graduates}',
  notInCounty: '第 {n} 所学校的代码 {schoolId} 不是本县学校：请从本县初中中选择',
  /** {reason}: core allocateQuota's own words. */
  cannotAllocate: '无法分配：{reason}：请增加总名额或降低每校最低名额',
} as const;
