/** 评估：运行、发布、整改计划、公开结果。键 = evaluation.<名称>；占位符 {名称}（messages/format.ts）。 */
export const evaluation = {
  /** The standards by key, as the refusals name them. */
  standardName: { basic: '基本均衡', quality: '优质均衡' },
  /** A run that does not exist and one the actor may not see: the same answer. */
  runNotFound: '没有找到编号为 {id} 的评估结果，或您无权查看该结果',
  countyNotFound: '没有找到县级行政区划 {code}，或您无权访问该县的数据',
  /** A download of a run the actor may not export. */
  exportNotFound: '没有找到这次评估',

  // Running an evaluation ({nextYear} = {year} + 1: 2025—2026学年).
  yearInvalid: '学年应为 2000 到 2100 之间的年份，收到 {year}',
  standardInvalid: '评估标准应为 basic（基本均衡）、quality（优质均衡）或 both（两者）',
  engineVersionMissing: '缺少评估引擎版本号（engineVersion）',
  noSchools: '{county} {year}—{nextYear}学年还没有任何学校的数据：请先导入或填报本学年的学校报表，再运行评估',
  datasetInvalid:
    '{county} {year}—{nextYear}学年的数据有 {count} 处问题，无法评估：请按明细修改相应报表后重新运行',
  /** One problem of the data, at a school: {problem} is the validator's text. */
  issueAtSchool: '{name}（{id}）：{problem}',
  issueFixAtSchool: '请在{name}的报表中改正后重新运行评估',
  issueFixCounty: '请改正县级数据后重新运行评估',
  issueSchoolColumn: '学校标识码',

  // Publishing (公示) a run.
  alreadyPublished: '该{year}—{nextYear}学年{standardName}评估结果（编号 {id}）已经发布，不能重复发布',
  newerRunExists:
    '已有更新的{year}—{nextYear}学年{standardName}评估结果（编号 {newest}）：只能发布最新一次评估的结果，请发布最新结果或重新运行评估',
  /** {parts}: outstandingCount joined by 、; {first}: up to three outstandingReport; {more}: 等 or nothing. */
  reportsOutstanding:
    '还有 {count} 份报表未审核通过（{parts}），如{first}{more}：全部报表审核通过后才能发布评估结果',
  outstandingCount: '{status} {count} 份',
  outstandingMissing: '未填报',
  outstandingReport: '{school}（{stage}）',
  outstandingMore: '等',
  dataChanged:
    '运行该评估（编号 {id}）之后，学校报表或县级指标已有改动，该结果已不代表当前数据：请重新运行评估，再发布新的结果',
  /** The report workflow's own reason why a report cannot be locked. */
  reportNotLockable: '{reason}',
  /** The audit reason of each report a publication locks. */
  lockedByPublication: '发布评估结果（编号 {id}）时锁定',
  /** A run out of date for a reason core's datasetChanges cannot name. */
  changedSinceRun: '运行之后数据有改动',

  /** The public page of a county and year without a published run. */
  notPublished: '{code} 县 {year} 学年尚未公示评估结果',
} as const;
