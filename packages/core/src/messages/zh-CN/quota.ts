/** 指标到校。键 = quota.<名称>；占位符 {名称}（messages/format.ts）。 */
export const quota = {} as const;
