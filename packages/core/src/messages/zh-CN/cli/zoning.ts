/** junheng zoning solve：划片。键 = cli.zoning.<名称>；{stage} 是学段名称（小学、初中）。 */
export const zoning = {
  help:
    '  junheng zoning solve <地图.geojson> --stage primary{or}junior [--out 结果.geojson] [--time-limit 秒]\n' +
    '                                       划片（就近入学，docs/zoning.md）：每个小区/村划入一所学校，\n' +
    '                                       按人数加权的直线距离最短且不超过学位（班数 × 班额）；列出各校\n' +
    '                                       满额率、超额与距离，地图中有现行划片时与之对比',
  usage:
    '用法：junheng zoning solve <地图.geojson> --stage primary{or}junior [--out 结果.geojson] [--time-limit 秒]',
  needStage: '请用 --stage 指定学段：--stage primary（小学）或 --stage junior（初中）',
  badStage: '--stage 的值 “{value}” 无效：应为 primary（小学）或 junior（初中）',
  badTimeLimit: '--time-limit 的值 “{value}” 无效：应为正数（秒），例如 30',
  solving: '正在求解{stage}划片（HiGHS，时间限制 {seconds} 秒）……',
  failed: '划片失败：{reason}',
  heading: '{name}　{stage}划片（按人数加权的直线距离最短，不超过学位）',
  solver:
    '求解：{status}{gap}；{binaries} 个 0-1 变量（每个小区/村 {candidates} 所最近的学校{widened}），用时 {seconds} 秒；目标值 {objective}，贪心法 {greedy}',
  gap: '，与下界相差 {gap}',
  widened: '，因有超额已扩大到全部学校',
  noCurrent: '地图中没有现行{stage}划片（{property}），不作对比',
  written: '划片结果已写入 {file}',
  column: {
    school: '学校',
    classes: '班数',
    places: '学位',
    demand: '划入人数',
    fillRate: '满额率',
    overflow: '超出',
    areas: '小区/村',
    meanDistance: '平均距离',
    maxDistance: '最远',
  },
} as const;
