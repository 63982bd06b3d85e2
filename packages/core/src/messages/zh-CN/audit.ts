/** 审计日志：查询、导出、校验。键 = audit.<名称>；占位符 {名称}（messages/format.ts）。 */
export const audit = {} as const;
