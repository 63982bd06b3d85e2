/** 命令行各命令共用。键 = cli.common.<名称>。 */
export const common = {
  fileNotFound: '找不到文件 {file}：请检查路径',
  /** A problem of an input file, after its name. */
  inFile: '{file}：{message}',
  hint: '提示：{text}',
  badInteger: '{option} 的值 “{value}” 无效：应为整数',
  badNumber: '{option} 的值 “{value}” 无效：应为数字',
  /** Two choices, e.g. the log formats. */
  either: '{a} 或 {b}',
  databaseOrData: '--database 与 --data 只能指定一个：前者用 PostgreSQL，后者用嵌入式数据库',
} as const;
