#!/usr/bin/env node
/**
 * @module `junheng` command line. Exit codes: 0 ok, 1 the county does not meet the standard (or a
 * check failed: audit chain broken, migration refused), 2 invalid input (including an unreachable
 * database).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SCHOOLS, DEFAULT_DEMO_SEED, type StandardChoice } from '@junheng/core';
import { installNodeSha256, messageOverridesFromEnv } from '@junheng/io';
import { runAdmissionAdmit, runAdmissionCommit, runLotteryDraw } from './commands/admission.js';
import { runClassesBalance } from './commands/classes.js';
import { runDemo } from './commands/demo.js';
import { type OutputFormat, runEvaluate } from './commands/evaluate.js';
import type { CliContext } from './commands/input.js';
import { InputError } from './commands/input.js';
import { runLotterySecrets, runLotteryVerify } from './commands/lottery.js';
import { runQuota } from './commands/quota.js';
import { runStandards } from './commands/standards.js';
import { runTemplate } from './commands/template.js';
import { runZoningSolve } from './commands/zoning.js';

const HELP = `junheng — 县域义务教育均衡发展督导评估

用法：
  junheng evaluate <数据文件> [选项]    评估一个县（.xlsx / .csv / .json）
      --standard basic|quality|both    评估标准：基本均衡、优质均衡或两者（默认 both）
      --county <文件>                  县域信息和/或县级指标文件（.xlsx / .json / .yaml / .csv）。
                                       县域信息（县名称、县级行政区划代码、学年）取代数据文件中的，
                                       CSV 数据文件只有学校表，县名称和学年应用它提供；
                                       县级指标补充数据文件中的，同一指标以此文件为准
      --overrides <文件>               省级细则覆盖文件（.json / .yaml），调整国家标准中的阈值
      --previous <文件>                上一学年的数据文件，输出年度对比
      --format table|json|xlsx|docx    输出格式（默认 table）
      --out <路径>                     输出文件（xlsx/docx 必填）
      --allow-incomplete               跳过有错误的行并逐一列出，而不是拒绝整个文件
  junheng serve [--port 3000] [--host 127.0.0.1] [--data 目录 | --database URL] [--no-demo]
                [--log-format text|json]
                                       启动网页服务（接口与网页端）。数据库为空时载入演示县，
                                       此后启动保留已有数据；--trust-proxy 在 HTTPS 反向代理之后使用；
                                       每个请求和每个服务器错误（含调用栈）记入标准错误输出，
                                       --log-format json 改为每行一个 JSON（默认 text）
  junheng standards [--overrides 文件] 列出所用标准数据表（阈值、覆盖路径、出处）
  junheng template [--out 文件]        生成空白 Excel 填报模板（默认 junheng-填报模板.xlsx）
  junheng demo [--schools N] [--seed S] [--out 目录]
                                       生成演示县（默认 60 所学校）并评估，报告写入目录（默认 out）
  junheng migrate [--database URL | --data 目录]
                                       建立或升级数据库（应用尚未应用的迁移），列出应用了哪些
  junheng audit verify [--database URL | --data 目录] [--expect-head 哈希] [--checkpoints 文件]
                                       校验审计日志的哈希链：记录是否被改动、删除或插入；再核对签名检查点
                                       （末尾记录被删除、改写后重算哈希），--expect-head 核对县里另行记下的哈希
  junheng audit checkpoint [--database URL | --data 目录] [--checkpoints 文件]
                                       立即为审计日志的最新记录写一个签名检查点（服务运行时会定期自动写）
  junheng backup --out <备份文件.tar.gz> [--data 目录]
                                       备份嵌入式数据库（服务运行时也可，由服务在两次写入之间生成一致的副本）；
                                       备份不含个人信息密钥和审计签名密钥，请另行保管。PostgreSQL 用 pg_dump
  junheng restore <备份文件.tar.gz> [--data 新目录]
                                       把备份恢复到新的空数据目录，并校验审计日志和个人信息密钥
  junheng lottery verify <公示名单文件> <随机种子> [--result-hash H] [--commitment C]
                     [--ticket 编号 --secret 核验码]
                                       复算电脑派位（docs/lottery.md）：核对结果哈希、名单承诺值，
                                       给出编号和核验码时核对本人条目并给出派位号
  junheng lottery secrets <编号名单.txt|.csv|.xlsx> --out 核验码.csv [--slips 核验码条.html]
                     [--list list.txt] [--title 派位名称] [--url 公示页网址]
                                       为独立派位的每户生成核验码（128 位随机数）：写出 编号,核验码
                                       的 CSV（上传到网页“新建派位”），每户一张可打印的核验码条；
                                       --list 同时写出公示名单并给出承诺值
  junheng lottery draw <公示名单文件> <随机种子> [--out result.txt]
                                       离线派位：给出名单承诺值、结果哈希，写出与网页 result.txt
                                       相同的派位结果（每行 名次,编号）
  junheng admission commit <申请名单.xlsx> --out list.txt [--schools 学校计划.csv|xlsx]
                [--categories 户籍与房产一致,户籍,房产,居住证随迁子女,其他] [--year 2026] [--secrets 文件]
                                       读招生申请模板（逐行报错），每个家庭一个派位条目，写出公示名单并
                                       给出承诺值，核验码写入 <名单>-核验码.csv（只发给各家庭）；
                                       未给 --schools 时划片学校、志愿学校按文件中的值使用
  junheng admission admit <申请名单.xlsx> --list list.txt --schools 学校计划.csv|xlsx --seed 种子
                [--categories …] [--sibling-priority] [--year 2026] [--out 录取结果.xlsx]
                                       用公示名单派位后按类别录取（与网页录取相同）：各校计划、各类别
                                       录取人数、截止类别、是否派位，志愿录取方式对比（延迟接受与按志愿
                                       顺序录取）；--out 写出录取名单（姓名脱敏）。学校计划列：标识码、
                                       名称、计划招生数
  junheng classes balance <新生名单.xlsx|.csv> --classes N [--seed S] [--grade 七年级] [--out 文件]
                                       均衡分班：各班人数、平均分、性别、随班就读、留守及约束，
                                       与同一批学生的蛇形分班对比；--out 写出各班名单（姓名脱敏）
  junheng quota <学校名单.xlsx|.csv> --places N [--share 0.5] [--rural-tilt 1.2] [--minimum 1]
                [--high-school 名称] [--out 文件]
                                       指标到校：按毕业生数（乡村学校乘倾斜系数）最大余数法分配，
                                       打印完整计算表；学校名单列：学校代码、学校名称、毕业生数、乡村学校
  junheng zoning solve <地图.geojson> --stage primary|junior [--out 结果.geojson] [--time-limit 秒]
                                       划片（就近入学，docs/zoning.md）：每个小区/村划入一所学校，
                                       按人数加权的直线距离最短且不超过学位（班数 × 班额）；列出各校
                                       满额率、超额与距离，地图中有现行划片时与之对比
      --database <URL>                 PostgreSQL 连接串（postgres://用户:密码@主机:端口/库）；
                                       不指定时用环境变量 DATABASE_URL
      --data <目录>                    数据目录（默认 ./data），嵌入式数据库在其中的 pg/；
                                       既无 --database 也无 DATABASE_URL 时使用

退出码：0 正常（达标；审计日志完整；派位复算一致；派位、录取完成；划片完成）；1 县域未达标或数据不全，审计日志校验失败，
        迁移被拒绝，派位复算不一致，划片求解失败；
        2 输入无效（含数据库无法连接）。`;

const ctx: CliContext = {
  print: (t) => process.stdout.write(`${t}\n`),
  log: (t) => process.stderr.write(`${t}\n`),
};

const DB_OPTIONS = { database: { type: 'string' }, data: { type: 'string' } } as const;

function intOption(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n))
    throw new InputError(`${name} 的值 “${v}” 无效：应为整数`);
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
  if (positionals.length !== 1)
    throw new InputError('请指定一个数据文件：junheng evaluate <数据文件.xlsx|.csv|.json>');
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
  throw new InputError(
    `用法：junheng audit verify [--database URL | --data 目录] [--expect-head 哈希]\n      junheng audit checkpoint [--database URL | --data 目录]${sub && sub !== 'verify' && sub !== 'checkpoint' ? `（没有子命令 “${sub}”）` : ''}`,
  );
}

async function backupCommand(rest: string[]): Promise<number> {
  const { values } = parseArgs({ args: rest, options: { ...DB_OPTIONS, out: { type: 'string' } } });
  return (await databaseCommands()).runBackup(ctx, values);
}

async function restoreCommand(rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: DB_OPTIONS });
  if (positionals.length !== 1)
    throw new InputError('用法：junheng restore <备份文件.tar.gz> [--data 新目录]');
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
    throw new InputError(
      '用法：junheng lottery verify <公示名单文件> <随机种子> [--result-hash H] [--commitment C] [--ticket 编号 --secret 核验码]\n' +
        '      junheng lottery draw <公示名单文件> <随机种子> [--out result.txt]\n' +
        '      junheng lottery secrets <编号名单> --out 核验码.csv [--slips 核验码条.html] [--list list.txt]' +
        '（种子含空格时请加引号）',
    );
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
  throw new InputError(
    '用法：junheng admission commit <申请名单.xlsx> --out list.txt [--schools 学校计划.csv] [--categories …] [--year 2026]\n' +
      '      junheng admission admit <申请名单.xlsx> --list list.txt --schools 学校计划.csv --seed 种子 [--out 录取结果.xlsx]',
  );
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
    throw new InputError(
      '用法：junheng classes balance <新生名单.xlsx|.csv> --classes 班级数 [--seed S] [--out 文件]',
    );
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
    throw new InputError(
      '用法：junheng quota <学校名单.xlsx|.csv> --places 总名额 [--share 0.5] [--rural-tilt 1.2] [--minimum 1]',
    );
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
    throw new InputError(
      '用法：junheng zoning solve <地图.geojson> --stage primary|junior [--out 结果.geojson] [--time-limit 秒]',
    );
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
  // A province's wording (JUNHENG_MESSAGES, docs/messages.md) is checked before any command runs:
  // a bad file stops with every problem in Chinese (MessageOverridesFileError: exit 2).
  messageOverridesFromEnv();
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    ctx.print(HELP);
    return command ? 0 : 2;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) throw new InputError(`未知命令 “${command}”。\n\n${HELP}`);
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
        return `参数错误：“${negative}” 以负号开头。随机种子不能带负号：种子是现场公开摇出的一串数字 0–9，不是数值`;
      }
      return `参数错误：没有选项 “${quoted}”`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `参数错误：选项 “${quoted.split(' ')[0]}” 缺少值或值无效`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `参数错误：多余的参数 “${quoted}”`;
    default:
      return `参数错误：${e.message}`;
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
          ? `${parseArgsMessage(e as Error, process.argv.slice(2))}\n运行 junheng help 查看用法`
          : (e as Error).message,
      );
      process.exitCode = 2;
    } else {
      ctx.log(`内部错误：${(e as Error).stack ?? e}`);
      process.exitCode = 3;
    }
  },
);
