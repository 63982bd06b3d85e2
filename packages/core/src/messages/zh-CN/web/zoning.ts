/** 划片（就近入学）：导入、求解、保存与发布方案。键 = web.zoning.<名称>；占位符 {名称}。 */
export const zoning = {
  imported:
    '导入成功：{areas} 个小区/村（小学预计入学 {primary} 人，初中 {junior} 人），替换了原有 {replaced} 个；{located} 所学校更新了坐标',
  classesSaved: '起始年级班数已保存，学位数已更新',
  planStale: '该方案中有小区/村或学校已不在本年数据中（可能重新导入过），这些小区/村显示为未划片',
  unlocated: '{count} 所学校缺少坐标，未参加划片：{names}',
  overflow: '全县学位不足：即使最优划片，仍有 {count} 名儿童没有学位，请增加起始年级班数',
  solved: '求解完成（{status}，用时 {seconds} 秒）',
  saveTitlePrompt: '方案名称',
  saveTitle: '保存划片方案',
  titleInvalid: '请填写 1～100 个字的名称',
  saved: '已保存：{title}（第 {version} 版）',
  /** {replaces}: publishReplaces when a plan is already published, else empty. */
  publishConfirm: '发布后“{title}”将向社会公示（家长无需登录即可查询所属学校），{replaces}发布后不能再修改。',
  publishReplaces: '并取代已公示的“{title}”。',
  publishTitle: '发布划片方案',
  published: '已发布，家长可在公示页面查询',
  discardConfirm: '当前方案有未保存的修改，继续将丢弃这些修改。',
  discardTitle: '放弃修改？',
} as const;
