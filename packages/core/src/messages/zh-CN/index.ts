/**
 * @module The zh-CN message catalogue: every user-facing message of the server, the CLI and the
 * web, keyed `<namespace>.<name>` (one file per namespace). A province changes wording with an
 * override file (messages/catalogue.ts `createTranslator`), never in the code.
 */
import { accounts } from './accounts.js';
import { audit } from './audit.js';
import { classes } from './classes.js';
import { cli } from './cli.js';
import { common } from './common.js';
import { demo } from './demo.js';
import { evaluation } from './evaluation.js';
import { lottery } from './lottery.js';
import { quota } from './quota.js';
import { reporting } from './reporting.js';
import { rounds } from './rounds.js';
import { schools } from './schools.js';
import { storage } from './storage.js';
import { web } from './web.js';
import { zoning } from './zoning.js';

export const zhCN = {
  common,
  accounts,
  audit,
  schools,
  reporting,
  evaluation,
  zoning,
  rounds,
  lottery,
  classes,
  quota,
  demo,
  cli,
  storage,
  web,
} as const;
