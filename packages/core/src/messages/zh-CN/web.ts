/** 网页自己的提示（保存成功、确认框、表单提示），按页面分组。键 = web.<名称>；占位符 {名称}（messages/format.ts）。 */
export const web = {} as const;
