/**
 * @module `junheng serve`: start the web server (API + web app). The demo county is seeded into
 * an empty database on the first start; later starts keep the data as it is.
 */
import { resolve } from 'node:path';
import { message } from '@junheng/core';
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
  if (!(opts.port >= 0 && opts.port <= 65535))
    throw new InputError(message('cli.serve.badPort', { port: opts.port }));
  if (opts.data !== undefined && opts.database !== undefined) {
    throw new InputError(message('cli.common.databaseOrData'));
  }
  // Loaded here so the file commands do not load Fastify.
  const { startServer, demoLoginLines, LOG_FORMATS } = await import('@junheng/server');
  const logFormat = LOG_FORMATS.find((f) => f === opts.logFormat);
  if (!logFormat) {
    const choices = (LOG_FORMATS as readonly string[]).reduce((a, b) =>
      message('cli.common.either', { a, b }),
    );
    throw new InputError(message('cli.serve.badLogFormat', { value: opts.logFormat, choices }));
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
      throw new InputError(message('cli.serve.portInUse', { port: opts.port }));
    }
    throw e;
  }
  ctx.print('');
  ctx.print(message('cli.serve.started', { url: server.url }));
  ctx.print(
    `  ${message('cli.serve.data', { where: databaseUrl ? 'PostgreSQL' : resolve(opts.data ?? 'data') })}`,
  );
  ctx.print(`  ${message('cli.serve.publicPage', { url: server.url })}`);
  ctx.print(`  ${message('cli.serve.apiDocs', { url: server.url })}`);
  const logins = await demoLoginLines(server.db);
  if (logins.length > 0) {
    ctx.print(`  ${message('cli.serve.demoAccounts')}`);
    for (const line of logins) ctx.print(line);
  }
  ctx.print(message('cli.serve.stopHint'));
  await new Promise<void>((done) => {
    const stop = () => {
      ctx.log(message('cli.serve.stopping'));
      server.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
