/** 演示县数据。键 = demo.<名称>；占位符 {名称}（messages/format.ts）。 */
export const demo = {
  /** A demo account's password fails the rules (checked before anything is written). */
  weakPassword: '演示账号 {username} 的密码不符合要求：{problem}',
} as const;
