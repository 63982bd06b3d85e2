/** junheng quota：指标到校。键 = cli.quota.<名称>；比例参数已带百分号。 */
export const quota = {
  help:
    '  junheng quota <学校名单.xlsx{or}.csv> --places N [--share 0.5] [--rural-tilt 1.2] [--minimum 1]\n' +
    '                [--high-school 名称] [--out 文件]\n' +
    '                                       指标到校：按毕业生数（乡村学校乘倾斜系数）最大余数法分配，\n' +
    '                                       打印完整计算表；学校名单列：学校代码、学校名称、毕业生数、乡村学校',
  usage:
    '用法：junheng quota <学校名单.xlsx{or}.csv> --places 总名额 [--share 0.5] [--rural-tilt 1.2] [--minimum 1]',
  needPlaces: '请用 --places 指定高中招生计划总数',
  needValue: '请用 {option} 指定数值',
  badShare:
    '--share {value} 不在 {min}～{max} 之间：{document}要求优质高中招生名额分配到初中的比例不低于 {min}，请填 {minShare} 或更大',
  badTilt: '--rural-tilt {value} 无效：乡村学校倾斜系数应在 1～5 之间（1 表示不倾斜）',
  badMinimum: '--minimum {value} 无效：每校最低名额应为非负整数',
  badPlaces: '--places {value} 无效：总名额应为非负整数',
  errors: '{file} 有 {count} 处错误，未计算：',
  cannotAllocate: '无法分配：{reason}',
  unplaced:
    '注意：{unplaced} 个名额无法分配：各校毕业生合计 {graduates} 人，少于分配到初中的 {places} 个名额（每校至多分得其毕业生数）；请核对毕业生数或减少名额',
  summary:
    '指标到校：招生计划 {plan} 个，比例 {percent}，分配到初中 {places} 个（⌈{plan} × {share}⌉），留给统招 {unallocated} 个',
  weights: '乡村学校倾斜系数 {tilt}，每校最低 {minimum} 个；最大余数法增补 {leftover} 个',
  floor: '比例下限 {min}：{document}；如省里规定更高，按省规定填写',
  total: '合计',
  /** The high school's name in the workbook when --high-school is not given. */
  defaultHighSchool: '优质高中',
  written: '已写入计算表：{file}',
} as const;
