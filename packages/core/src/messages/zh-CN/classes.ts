/** 均衡分班与班主任派位。键 = classes.<名称>；占位符 {名称}（messages/format.ts）。 */
export const classes = {} as const;
