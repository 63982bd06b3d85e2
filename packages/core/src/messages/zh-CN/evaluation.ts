/** 评估：运行、发布、整改计划、公开结果。键 = evaluation.<名称>；占位符 {名称}（messages/format.ts）。 */
export const evaluation = {} as const;
