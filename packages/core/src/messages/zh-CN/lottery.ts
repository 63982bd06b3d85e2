/** 电脑派位。键 = lottery.<名称>；占位符 {名称}（messages/format.ts）。 */
export const lottery = {} as const;
