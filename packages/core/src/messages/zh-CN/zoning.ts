/** 招生划片：小区/村、方案、发布。键 = zoning.<名称>；占位符 {名称}（messages/format.ts）。 */
export const zoning = {
  // ── 找不到（也用于无权查看：猜编号得不到任何信息） ──
  countyNotFound: '没有找到县 {countyCode} 的划片数据，或您无权查看',
  countyDataNotFound: '没有找到该县的划片数据',
  countySchoolsNotFound: '没有找到该县的学校，或您无权查看',
  planNotFound: '没有找到划片方案 {id}，或您无权查看',
  exportPlanNotFound: '没有找到该划片方案',
  publicPlanNotFound: '没有找到{year}年{stageName}已公示的划片方案，或您无权查看',
  publicCountyNotFound: '没有找到该县（市、区），或您无权查看',

  // ── 请求内容 ──
  yearInvalid: '学年必须是 2000～2100 之间的年份（收到 {year}）',
  stageInvalid: '学段应为 primary（小学）或 junior（初中），收到 {stage}',
  titleInvalid: '请填写方案名称（1～100 个字）',
  sourceInvalid: '方案来源应为 solver（求解）、hand（手动调整）或 current（现行划片），收到 {source}',
  assignmentNotObject: '划片方案应为“小区/村编号 → 学校标识码”的对象',
  assignmentSchoolNotText: '小区/村 {areaId} 的学校应为学校标识码（文字），收到 {value}',
  /** core's ZoningInputError (an id that does not exist, bad coordinates) as it words it. */
  inputInvalid: '{message}',
  noAreas: '{year}年还没有导入小区/村：请先在划片页面导入小区/村（GeoJSON 或 Excel）',

  // ── 方案的保存与发布 ──
  planConflict: '该划片方案已被他人修改：请刷新后在最新版本上修改，您的改动未保存',
  planNotDraft: '该方案已发布（或已被新方案取代），不能再修改：请另存为新方案',
  planAlreadyPublished: '该方案已发布过，不能重复发布',
  planUnassigned: '方案中还有 {count} 个小区/村未划片：请先为它们指定学校，再发布',

  // ── 起始年级招生班数 ──
  entrySchoolUnknown: '第 {item} 项：学校 {schoolId} 不是本县参加划片的学校',
  entryStageNotTaught: '{school} 不招收{stageName}新生',
  entryClassesInvalid: '{school} 的{stageName}起始年级班数应为 0～100 的整数，收到 {classes}',
  entryClassSizeInvalid: '{school} 的班额上限应为 1～100 的整数，收到 {limit}',

  // ── 导入小区/村 ──
  importInvalid: '文件 {file} 有 {count} 处错误，未导入任何数据：请按列表逐条修改后重新导入',
  mapOfOtherCounty:
    '地图的县级行政区划代码不是本县（{countyName} {countyCode}）：请导入本县的地图，或改正文件顶层的 code',

  // ── 求解 ──
  solveRunning: '本县的划片正在求解中（{by} 于 {since} 开始）：请等待求解完成后再试',
  solveServerBusy: '服务器正在进行其他划片求解：请稍候一分钟再试',
  solveNoAreas: '{year}年还没有导入小区/村：请先点击“导入小区/村”上传 GeoJSON 地图或 Excel 表，再求解',
} as const;
