/** 各功能共用：分页与排序、请求格式、策略拒绝。键 = common.<名称>；占位符 {名称}（messages/format.ts）。 */
export const common = {
  /** The policy table's reason (core policies/rules.ts) as it stands. */
  policyDenied: '{reason}',
} as const;
