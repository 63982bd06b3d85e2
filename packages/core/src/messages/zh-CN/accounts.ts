/** 账号：登录、会话、用户管理、密码。键 = accounts.<名称>；占位符 {名称}（messages/format.ts）。 */
export const accounts = {
  /** A session of an account disabled (or deleted) a moment ago must not write. */
  actingUserGone: '账号不存在或已停用，请重新登录',

  // ── signing in ──
  /** The one answer for an unknown username and for a wrong password. */
  invalidLogin: '用户名或密码不正确',
  accountDisabled: '该账户已停用，请联系管理员',
  /** The account itself is locked (wrong current passwords while changing it). */
  accountLocked: '连续 {max} 次密码错误，账户已锁定，请 {minutes} 分钟后再试或联系管理员解锁',
  /** A name is paused from one address: the same words whether or not the name exists. */
  loginPaused:
    '连续 {max} 次用户名或密码错误，此用户名已暂停从本机登录，请 {minutes} 分钟后再试或联系管理员解锁',
  notSignedIn: '尚未登录或登录已过期，请重新登录',
  csrfInvalid: '页面已过期（安全令牌无效），请刷新页面后重试',

  // ── usernames and display names ──
  usernameInvisible: '用户名含有看不见的字符（如零宽空格、文字方向控制符），请删除后重新输入',
  usernameSpace: '用户名不能含空格',
  /** {allowed}: the punctuation allowed (`. _ - @`; the catalogue may not contain an at sign). */
  usernameCharacters:
    '用户名只能由英文字母、数字、汉字和 {allowed} 组成，不能含其他文字的字母（如形似英文字母的俄文、希腊字母）',
  usernameLength: '用户名须为 {min}–{max} 个字符',
  displayNameEmpty: '姓名（显示名）不能为空',
  displayNameInvisible: '姓名含有看不见的字符（如零宽空格、文字方向控制符），请删除后重新输入',
  usernameTaken: '用户名“{username}”已被使用',
  usernameTakenOtherCase: '用户名“{username}”已被使用（已有用户“{existing}”，用户名不区分大小写）',

  // ── a new account's scope ──
  unknownRole: '未知的角色：{role}',
  schoolRequired: '校长和学校填报员账户必须指定所属学校',
  schoolNotAllowed: '只有校长和学校填报员账户可以指定所属学校',
  regionRequired: '教育局、督学和只读账户必须指定所辖区域',
  schoolMissing: '学校 {schoolId} 不存在',
  regionMissing: '区域代码 {regionCode} 不存在',

  // ── passwords ──
  passwordTooShort: '密码至少需要 {min} 个字符（当前 {length} 个）',
  passwordTooLong: '密码不能超过 {max} 个字符',
  passwordAllDigits: '密码不能全是数字，请加入字母或符号',
  passwordHasUsername: '密码不能包含用户名',
  passwordRepetitive: '密码中重复的字符太多，请使用更多不同的字符',
  passwordCommon: '密码过于常见（如 admin123、password 加数字、键盘连续字符），请换一个不易猜到的密码',
  passwordSameAsOld: '新密码不能与原密码相同',
  wrongOldPassword: '原密码不正确',
  /** Changing one's own password when the account is gone. */
  userMissing: '用户 {id} 不存在',

  // ── user administration ──
  userNotFound: '没有找到用户 {id}',
  /** {fields}: the fields a change may have, `{displayName?, disabled?, password?}`. */
  changesNotObject: '修改内容应为对象：{fields}',
  displayNameNotText: '姓名（显示名）应为文字',
  usernameNotText: '用户名应为文字',
  disabledNotBoolean: '“停用”应为 true 或 false',
  cannotDisableSelf: '不能停用自己的账号：请由另一位系统管理员操作',
  passwordNotText: '密码应为文字',
} as const;
