/** 填报与审核：报表、批量审核、全县数据、导入。键 = reporting.<名称>；占位符 {名称}（messages/format.ts）。 */
export const reporting = {} as const;
