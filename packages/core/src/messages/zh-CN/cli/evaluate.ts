/** junheng evaluate、template、demo：读取填报数据、评估、写出报告。键 = cli.evaluate.<名称> 等。 */
export const evaluate = {
  help:
    '  junheng evaluate <数据文件> [选项]    评估一个县（.xlsx / .csv / .json）\n' +
    '      --standard basic{or}quality{or}both    评估标准：基本均衡、优质均衡或两者（默认 both）\n' +
    '      --county <文件>                  县域信息和/或县级指标文件（.xlsx / .json / .yaml / .csv）。\n' +
    '                                       县域信息（县名称、县级行政区划代码、学年）取代数据文件中的，\n' +
    '                                       CSV 数据文件只有学校表，县名称和学年应用它提供；\n' +
    '                                       县级指标补充数据文件中的，同一指标以此文件为准\n' +
    '      --overrides <文件>               省级细则覆盖文件（.json / .yaml），调整国家标准中的阈值\n' +
    '      --previous <文件>                上一学年的数据文件，输出年度对比\n' +
    '      --format table{or}json{or}xlsx{or}docx    输出格式（默认 table）\n' +
    '      --out <路径>                     输出文件（xlsx/docx 必填）\n' +
    '      --allow-incomplete               跳过有错误的行并逐一列出，而不是拒绝整个文件',
  needFile: '请指定一个数据文件：junheng evaluate <数据文件.xlsx{or}.csv{or}.json>',
  badStandard: '--standard 的值 “{value}” 无效：应为 basic（基本均衡）、quality（优质均衡）或 both',
  badFormat: '--format 的值 “{value}” 无效：应为 table、json、xlsx 或 docx',
  needOut: '--format {format} 需要用 --out 指定输出文件，例如 --out 评估结果.{format}',
  previousOtherCounty:
    '--previous {file} 是 {name}（{code}）的数据，与本年 {currentName}（{currentCode}）不是同一个县',
  previousNotEarlier: '--previous {file} 的学年 {year} 应早于本年数据的学年 {currentYear}',
  countyNotFound: '找不到 --county 指定的县域信息/县级指标文件 {file}：请检查路径',
  /** The start of an error heading: one file, or the data file and the --county file. */
  fileHas: '{file} 有',
  filesHave: '{file} 和 {county} 共有',
  nothingLeft: '{has} {count} 处错误，跳过有错误的内容后没有可评估的数据：',
  notEvaluated: '{has} {count} 处错误，未进行评估：',
  allowIncompleteHint: '改正后重新运行；如确需跳过有错误的行，加 --allow-incomplete（跳过的行会逐一列出）。',
  evaluatedWithout: '{has} {count} 处错误，按 --allow-incomplete 跳过以下内容后评估：',
  skipped: '已跳过：{line}',
  written: '已写入 {file}',
  writtenExcel: '已写入 Excel 报告 {file}',
  writtenWord: '已写入 Word 报告 {file}',
} as const;

export const template = {
  help: '  junheng template [--out 文件]        生成空白 Excel 填报模板（默认 junheng-填报模板.xlsx）',
  written: '已写入空白填报模板 {file}（工作表：填报说明、县域信息、学校基本情况、县级指标）',
} as const;

export const demo = {
  help:
    '  junheng demo [--schools N] [--seed S] [--out 目录]\n' +
    '                                       生成演示县（默认 60 所学校）并评估，报告写入目录（默认 out）',
  badSchools: '--schools 的值 “{value}” 无效：应为 1 到 300000 之间的整数',
  generating: '生成演示县（{schools} 所学校，随机种子 {seed}）……',
  evaluating: '评估中……',
  written:
    '\n已生成：\n' +
    '  填报数据（Excel 模板格式）：{data}\n' +
    '  评估结果（Excel）：        {xlsx}\n' +
    '  自评报告（Word）：         {docx}\n' +
    '  评估结果（JSON）：         {json}\n' +
    '\n用自己的数据评估：npx junheng template --out 模板.xlsx 填写后运行 npx junheng evaluate 模板.xlsx',
} as const;
