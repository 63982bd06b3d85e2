/** 招生轮次与申请名单。键 = rounds.<名称>；占位符 {名称}（messages/format.ts）。 */
export const rounds = {} as const;
