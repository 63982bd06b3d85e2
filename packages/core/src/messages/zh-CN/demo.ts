/** 演示县数据。键 = demo.<名称>；占位符 {名称}（messages/format.ts）。 */
export const demo = {} as const;
