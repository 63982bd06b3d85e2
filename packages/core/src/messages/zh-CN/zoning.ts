/** 招生划片：小区/村、方案、发布。键 = zoning.<名称>；占位符 {名称}（messages/format.ts）。 */
export const zoning = {} as const;
