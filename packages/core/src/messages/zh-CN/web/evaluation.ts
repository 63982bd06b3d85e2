/** 督导评估的运行、下载与发布。键 = web.evaluation.<名称>；占位符 {名称}。 */
export const evaluation = {
  evaluated: '评估完成',
  rerun: '已按当前数据重新运行评估',
  downloaded: '已下载 {name}',
  publishConfirm: '发布后评估结果向社会公示，不能再修改；本学年已审核通过的学校报表将被锁定。确定发布吗？',
  publishTitle: '发布（公示）',
  published: '已发布，公示页面可以查看',
} as const;
