/**
 * @module `junheng serve`: start the web server (API + web app). The demo county is seeded into
 * an empty database on the first start; later starts keep the data as it is.
 */
import { resolve } from 'node:path';
import { type CliContext, InputError } from './input.js';

export interface ServeCommandOptions {
  port: number;
  host: string;
  data?: string;
  database?: string;
  demo: boolean;
  trustProxy: boolean;
  /** Request log on stderr: text (default) or json (one JSON object per line). */
  logFormat: string;
}

/** Starts the server and keeps it running until SIGINT/SIGTERM. */
export async function runServe(ctx: CliContext, opts: ServeCommandOptions): Promise<void> {
  if (!(opts.port >= 0 && opts.port <= 65535)) throw new InputError(`端口 ${opts.port} 无效：应为 0～65535`);
  if (opts.data !== undefined && opts.database !== undefined) {
    throw new InputError('--database 与 --data 只能指定一个：前者用 PostgreSQL，后者用嵌入式数据库');
  }
  // Loaded here so the file commands do not load Fastify.
  const { startServer, demoLoginLines, LOG_FORMATS } = await import('@junheng/server');
  const logFormat = LOG_FORMATS.find((f) => f === opts.logFormat);
  if (!logFormat) {
    throw new InputError(`--log-format 的值 “${opts.logFormat}” 无效：应为 ${LOG_FORMATS.join(' 或 ')}`);
  }
  const databaseUrl =
    opts.database ?? (opts.data === undefined ? process.env.DATABASE_URL || undefined : undefined);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      databaseUrl,
      dataDir: opts.data ?? 'data',
      host: opts.host,
      port: opts.port,
      demo: opts.demo,
      trustProxy: opts.trustProxy,
      logFormat,
      print: ctx.print,
    });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'EADDRINUSE') {
      throw new InputError(`端口 ${opts.port} 已被占用：请关闭占用它的程序，或用 --port 换一个端口`);
    }
    throw e;
  }
  ctx.print('');
  ctx.print(`均衡 junheng 已启动：${server.url}/`);
  ctx.print(`  数据：${databaseUrl ? 'PostgreSQL' : resolve(opts.data ?? 'data')}`);
  ctx.print(`  公示页（无需登录）：${server.url}/public`);
  ctx.print(`  接口文档：${server.url}/api/docs`);
  const logins = await demoLoginLines(server.db);
  if (logins.length > 0) {
    ctx.print('  演示账户（用户名 / 密码 / 角色）：');
    for (const line of logins) ctx.print(line);
  }
  ctx.print('按 Ctrl+C 停止。');
  await new Promise<void>((done) => {
    const stop = () => {
      ctx.log('正在停止…');
      server.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
