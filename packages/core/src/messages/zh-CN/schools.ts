/** 学校名册与学校数据集（学校的增改、停办、数据保存）。键 = schools.<名称>；占位符 {名称}（messages/format.ts）。 */
export const schools = {} as const;
