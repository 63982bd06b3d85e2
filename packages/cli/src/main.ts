#!/usr/bin/env node
/**
 * @module `junheng` command line. Exit codes: 0 ok, 1 the county does not meet the standard (or a
 * check failed: audit chain broken, migration refused), 2 invalid input (including an unreachable
 * database).
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_DEMO_SCHOOLS,
  DEFAULT_DEMO_SEED,
  type MessageKey,
  message,
  type StandardChoice,
  useMessageOverrides,
} from '@junheng/core';
import { installNodeSha256, messageOverridesFromEnv } from '@junheng/io';
import { runAdmissionAdmit, runAdmissionCommit } from './commands/admission.js';
import { runClassesBalance } from './commands/classes.js';
import { runDemo } from './commands/demo.js';
import { type OutputFormat, runEvaluate } from './commands/evaluate.js';
import type { CliContext } from './commands/input.js';
import { InputError } from './commands/input.js';
import { runLotteryDraw, runLotterySecrets, runLotteryVerify } from './commands/lottery.js';
import { runQuota } from './commands/quota.js';
import { runStandards } from './commands/standards.js';
import { runTemplate } from './commands/template.js';
import { runZoningSolve } from './commands/zoning.js';
import { SYNTAX } from './syntax.js';

/** The usage of every command, from the catalogue (`{or}` filled with the synopsis' `|`). */
function helpText(): string {
  const keys: MessageKey[] = [
    'cli.main.helpIntro',
    'cli.evaluate.help',
    'cli.serve.help',
    'cli.standards.help',
    'cli.template.help',
    'cli.demo.help',
    'cli.migrate.help',
    'cli.audit.helpVerify',
    'cli.audit.helpCheckpoint',
    'cli.backup.help',
    'cli.restore.help',
    'cli.lottery.helpVerify',
    'cli.lottery.helpSecrets',
    'cli.lottery.helpDraw',
    'cli.admission.helpCommit',
    'cli.admission.helpAdmit',
    'cli.classes.help',
    'cli.quota.help',
    'cli.zoning.help',
    'cli.database.helpOptions',
    'cli.main.helpExitCodes',
  ];
  return keys.map((key) => message(key, SYNTAX)).join('\n');
}

const ctx: CliContext = {
  print: (t) => process.stdout.write(`${t}\n`),
  log: (t) => process.stderr.write(`${t}\n`),
};

const DB_OPTIONS = { database: { type: 'string' }, data: { type: 'string' } } as const;

function intOption(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n))
    throw new InputError(message('cli.common.badInteger', { option: name, value: v }));
  return n;
}

// The commands that open a database load its code only when run: the offline ones (evaluate,
// lottery, admission, classes, quota, zoning, template) never load pg, PGlite or the server.
const databaseCommands = () => import('./commands/db.js');
const serverCommands = () => import('./commands/serve.js');

async function evaluateCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      standard: { type: 'string', default: 'both' },
      county: { type: 'string' },
      overrides: { type: 'string' },
      previous: { type: 'string' },
      format: { type: 'string', default: 'table' },
      out: { type: 'string' },
      'allow-incomplete': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new InputError(message('cli.evaluate.needFile', SYNTAX));
  const result = await runEvaluate(ctx, {
    file: positionals[0],
    standard: values.standard as StandardChoice,
    county: values.county,
    overrides: values.overrides,
    previous: values.previous,
    format: values.format as OutputFormat,
    out: values.out,
    allowIncomplete: values['allow-incomplete'] ?? false,
  });
  return result.status === 'met' ? 0 : 1;
}

async function templateCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: { out: { type: 'string', default: 'junheng-填报模板.xlsx' } },
  });
  await runTemplate(ctx, values.out!);
  return 0;
}

async function standardsCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({ args: rest, options: { overrides: { type: 'string' } } });
  await runStandards(ctx, values.overrides);
  return 0;
}

async function demoCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: {
      schools: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string', default: 'out' },
    },
  });
  await runDemo(ctx, {
    schools: intOption(values.schools, '--schools', DEFAULT_DEMO_SCHOOLS),
    seed: intOption(values.seed, '--seed', DEFAULT_DEMO_SEED),
    out: values.out!,
  });
  return 0;
}

async function serveCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: {
      ...DB_OPTIONS,
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-demo': { type: 'boolean', default: false },
      'trust-proxy': { type: 'boolean', default: false },
      'log-format': { type: 'string', default: 'text' },
    },
  });
  const { runServe } = await serverCommands();
  await runServe(ctx, {
    logFormat: values['log-format']!,
    port: intOption(values.port ?? process.env.PORT, '--port', 3000),
    host: values.host!,
    data: values.data,
    database: values.database,
    demo: !values['no-demo'],
    trustProxy: values['trust-proxy'] ?? false,
  });
  return 0;
}

async function migrateCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({ args: rest, options: DB_OPTIONS });
  return (await databaseCommands()).runMigrate(ctx, values);
}

async function auditCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { ...DB_OPTIONS, 'expect-head': { type: 'string' }, checkpoints: { type: 'string' } },
  });
  const sub = positionals[0];
  const opts = { ...values, expectHead: values['expect-head'] };
  if (positionals.length === 1 && sub === 'verify')
    return (await databaseCommands()).runAuditVerify(ctx, opts);
  if (positionals.length === 1 && sub === 'checkpoint')
    return (await databaseCommands()).runAuditCheckpoint(ctx, opts);
  const unknown = sub && sub !== 'verify' && sub !== 'checkpoint';
  throw new InputError(
    message('cli.audit.usage', SYNTAX) + (unknown ? message('cli.audit.noSubcommand', { sub }) : ''),
  );
}

async function backupCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({ args: rest, options: { ...DB_OPTIONS, out: { type: 'string' } } });
  return (await databaseCommands()).runBackup(ctx, values);
}

async function restoreCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: DB_OPTIONS });
  if (positionals.length !== 1) throw new InputError(message('cli.restore.usage'));
  return (await databaseCommands()).runRestore(ctx, { ...values, file: positionals[0]! });
}

async function lotteryCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'result-hash': { type: 'string' },
      commitment: { type: 'string' },
      ticket: { type: 'string' },
      secret: { type: 'string' },
      out: { type: 'string' },
      slips: { type: 'string' },
      list: { type: 'string' },
      title: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (positionals[0] === 'secrets' && positionals.length === 2) {
    return runLotterySecrets(ctx, {
      file: positionals[1]!,
      out: values.out,
      slips: values.slips,
      list: values.list,
      title: values.title,
      url: values.url,
    });
  }
  if (positionals[0] === 'draw' && positionals.length === 3) {
    return runLotteryDraw(ctx, { file: positionals[1]!, seed: positionals[2]!, out: values.out });
  }
  if (positionals[0] !== 'verify' || positionals.length !== 3) {
    throw new InputError(message('cli.lottery.usage'));
  }
  return runLotteryVerify(ctx, {
    file: positionals[1]!,
    seed: positionals[2]!,
    resultHash: values['result-hash'],
    commitment: values.commitment,
    ticket: values.ticket,
    secret: values.secret,
  });
}

async function admissionCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      categories: { type: 'string' },
      schools: { type: 'string' },
      year: { type: 'string' },
      secrets: { type: 'string' },
      list: { type: 'string' },
      seed: { type: 'string' },
      'sibling-priority': { type: 'boolean', default: false },
    },
  });
  if (positionals[0] === 'commit' && positionals.length === 2) {
    return runAdmissionCommit(ctx, {
      file: positionals[1]!,
      out: values.out,
      categories: values.categories,
      schools: values.schools,
      year: values.year,
      secrets: values.secrets,
    });
  }
  if (positionals[0] === 'admit' && positionals.length === 2) {
    return runAdmissionAdmit(ctx, {
      file: positionals[1]!,
      list: values.list,
      schools: values.schools,
      seed: values.seed,
      categories: values.categories,
      siblingPriority: values['sibling-priority'] ?? false,
      year: values.year,
      out: values.out,
    });
  }
  throw new InputError(message('cli.admission.usage'));
}

async function classesCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      classes: { type: 'string' },
      seed: { type: 'string' },
      grade: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (positionals[0] !== 'balance' || positionals.length !== 2 || values.classes === undefined) {
    throw new InputError(message('cli.classes.usage', SYNTAX));
  }
  return runClassesBalance(ctx, {
    file: positionals[1]!,
    classes: intOption(values.classes, '--classes', 0),
    seed: values.seed,
    grade: values.grade,
    out: values.out,
  });
}

async function quotaCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      places: { type: 'string' },
      share: { type: 'string' },
      'rural-tilt': { type: 'string' },
      minimum: { type: 'string' },
      'high-school': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    throw new InputError(message('cli.quota.usage', SYNTAX));
  }
  return runQuota(ctx, {
    file: positionals[0]!,
    places: values.places,
    share: values.share,
    ruralTilt: values['rural-tilt'],
    minimum: values.minimum,
    highSchool: values['high-school'],
    out: values.out,
  });
}

async function zoningCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      stage: { type: 'string' },
      out: { type: 'string' },
      'time-limit': { type: 'string' },
    },
  });
  if (positionals[0] !== 'solve' || positionals.length !== 2) {
    throw new InputError(message('cli.zoning.usage', SYNTAX));
  }
  return runZoningSolve(ctx, {
    file: positionals[1]!,
    stage: values.stage,
    out: values.out,
    timeLimit: values['time-limit'],
  });
}
/** Each command's arguments parsed and run. */
const COMMANDS: Record<string, (rest: string[]) => Promise<number>> = {
  evaluate: evaluateCommand,
  template: templateCommand,
  standards: standardsCommand,
  demo: demoCommand,
  serve: serveCommand,
  migrate: migrateCommand,
  audit: auditCommand,
  backup: backupCommand,
  restore: restoreCommand,
  lottery: lotteryCommand,
  admission: admissionCommand,
  classes: classesCommand,
  quota: quotaCommand,
  zoning: zoningCommand,
};

async function main(argv: string[]): Promise<number> {
  // Draws and verifications hash long lists with node:crypto (same digests as core's JavaScript).
  installNodeSha256();
  // A province's wording (JUNHENG_MESSAGES, docs/messages.md), checked before any command runs: a
  // bad file stops with every problem in Chinese (MessageOverridesFileError: exit 2); a good one is
  // in force for every line the command prints.
  useMessageOverrides(messageOverridesFromEnv());
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    ctx.print(helpText());
    return command ? 0 : 2;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) throw new InputError(message('cli.main.unknownCommand', { command, help: helpText() }));
  return run(rest);
}

/**
 * A Chinese message for node:util parseArgs' errors (its own are English). A negative number,
 * which parseArgs takes for an option, is most likely a seed typed with a minus sign.
 */
function parseArgsMessage(e: Error & { code?: string }, argv: readonly string[]): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const negative = argv.find((a) => /^-\d/.test(a) && a.startsWith(quoted));
      if (negative !== undefined) {
        return message('cli.main.argNegative', { arg: negative });
      }
      return message('cli.main.argUnknownOption', { option: quoted });
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message('cli.main.argInvalidValue', { option: quoted.split(' ')[0] });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return message('cli.main.argUnexpected', { arg: quoted });
    default:
      return message('cli.main.argOther', { detail: e.message });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // parseArgs reports unknown options as TypeError with code ERR_PARSE_ARGS_*.
    const code = (e as { code?: string }).code ?? '';
    if (
      e instanceof InputError ||
      code.startsWith('ERR_PARSE_ARGS') ||
      (e as Error).name?.endsWith('FileError')
    ) {
      ctx.log(
        code.startsWith('ERR_PARSE_ARGS')
          ? `${parseArgsMessage(e as Error, process.argv.slice(2))}\n${message('cli.main.seeHelp')}`
          : (e as Error).message,
      );
      process.exitCode = 2;
    } else {
      ctx.log(message('cli.main.internalError', { detail: String((e as Error).stack ?? e) }));
      process.exitCode = 3;
    }
  },
);
