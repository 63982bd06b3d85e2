/** 账号：登录、会话、用户管理、密码。键 = accounts.<名称>；占位符 {名称}（messages/format.ts）。 */
export const accounts = {
  /** A session of an account disabled (or deleted) a moment ago must not write. */
  actingUserGone: '账号不存在或已停用，请重新登录',
} as const;
