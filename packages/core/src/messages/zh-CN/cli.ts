/** 命令行工具 junheng 的提示与拒绝。键 = cli.<名称>；占位符 {名称}（messages/format.ts）。 */
export const cli = {} as const;
