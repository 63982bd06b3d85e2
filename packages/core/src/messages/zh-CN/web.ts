/**
 * 网页自己的提示（保存成功、确认框、表单提示），按功能分组，每组一个文件（zh-CN/web/）。键 =
 * web.<功能>.<名称>；占位符 {名称}（messages/format.ts）。页面上的标签（列名、按钮、菜单、术语）不在此处
 * （docs/messages.md）。
 */
import { accounts } from './web/accounts.js';
import { api } from './web/api.js';
import { audit } from './web/audit.js';
import { classes } from './web/classes.js';
import { evaluation } from './web/evaluation.js';
import { lottery } from './web/lottery.js';
import { publicPages } from './web/public.js';
import { quota } from './web/quota.js';
import { reporting } from './web/reporting.js';
import { rounds } from './web/rounds.js';
import { schools } from './web/schools.js';
import { shared } from './web/shared.js';
import { zoning } from './web/zoning.js';

export const web = {
  shared,
  api,
  accounts,
  schools,
  reporting,
  evaluation,
  audit,
  public: publicPages,
  zoning,
  rounds,
  lottery,
  classes,
  quota,
} as const;
