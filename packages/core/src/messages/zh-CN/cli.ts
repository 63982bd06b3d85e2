/**
 * 命令行工具 junheng 的提示、用法与拒绝，每个命令一个命名空间（cli/*.ts）。键 = cli.<命令>.<名称>；
 * 占位符 {名称}（messages/format.ts）。模板中不能直接写竖线和 at 符号（网页的 vue-i18n 把它们读作语法），
 * 用法中的竖线写作 {or}、连接串中的 at 符号写作 {at}，由命令行填入。
 */
import { admission } from './cli/admission.js';
import { classes } from './cli/classes.js';
import { common } from './cli/common.js';
import { audit, backup, database, migrate, restore } from './cli/database.js';
import { demo, evaluate, template } from './cli/evaluate.js';
import { lottery } from './cli/lottery.js';
import { main } from './cli/main.js';
import { quota } from './cli/quota.js';
import { serve } from './cli/serve.js';
import { standards } from './cli/standards.js';
import { verdict } from './cli/verdict.js';
import { zoning } from './cli/zoning.js';

export const cli = {
  common,
  main,
  evaluate,
  verdict,
  template,
  demo,
  standards,
  serve,
  database,
  migrate,
  audit,
  backup,
  restore,
  lottery,
  admission,
  classes,
  quota,
  zoning,
} as const;
