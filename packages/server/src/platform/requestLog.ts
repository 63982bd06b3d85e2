/**
 * @module The request log (stderr under `junheng serve`): one line per request — time, method,
 * route, status, milliseconds, user id — and every server fault (5xx) with its stack, as text a
 * county's operator can read or as JSON lines for a log collector.
 *
 * What is never logged: request or response bodies, query strings (a search may hold a pupil's or
 * a village's name), usernames. Routes are logged by their pattern (/api/schools/:id), so ids of
 * pupils never appear either; unmatched paths are logged without their query string.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type LogFormat = 'text' | 'json';

export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

export interface RequestLog {
  format: LogFormat;
  /** Receives one entry (text: may span lines for a stack; json: one line). */
  write: (entry: string) => void;
}

/** Writes to stderr, one entry per line. */
export function stderrLog(format: LogFormat): RequestLog {
  return { format, write: (entry) => process.stderr.write(`${entry}\n`) };
}

type Level = 'info' | 'error';

const LEVEL_NAMES: Record<Level, string> = { info: '信息', error: '错误' };

/** Longest unmatched path logged (a client can send anything). */
const MAX_PATH = 200;

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time as 2026-03-01 12:00:00 (the server's zone: the bureau's). */
function localTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The route pattern, or for unmatched and wildcard (static file) routes the path without query. */
function routeOf(req: FastifyRequest): string {
  const pattern = req.routeOptions.url;
  if (pattern !== undefined && !pattern.includes('*')) return pattern;
  const path = req.url.split('?')[0] ?? '';
  // Control characters would let a client forge log lines.
  return path.replace(/[\p{Cc}\s]/gu, '_').slice(0, MAX_PATH);
}

interface Entry {
  level: Level;
  method: string;
  route: string;
  userId: number | null;
  status?: number;
  ms?: number;
  stack?: string;
}

function render(format: LogFormat, at: Date, e: Entry): string {
  if (format === 'json') {
    return JSON.stringify({ time: at.toISOString(), ...e, msg: e.stack ? '服务器内部错误' : undefined });
  }
  const who = e.userId === null ? '未登录' : `用户 ${e.userId}`;
  const head = `${localTime(at)} ${LEVEL_NAMES[e.level]} ${e.method} ${e.route}`;
  if (e.stack !== undefined) return `${head} 服务器内部错误（${who}）：\n${e.stack}`;
  return `${head} ${e.status} ${e.ms} 毫秒 ${who}`;
}

/**
 * Installs the per-request line (onResponse) and returns the function the error handler calls for
 * a server fault.
 */
export function installRequestLog(
  app: FastifyInstance,
  log: RequestLog,
): (req: FastifyRequest, err: unknown) => void {
  const base = (req: FastifyRequest) => ({
    method: req.method,
    route: routeOf(req),
    userId: req.auth?.user.id ?? null,
  });
  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    const status = reply.statusCode;
    log.write(
      render(log.format, new Date(), {
        level: status >= 500 ? 'error' : 'info',
        ...base(req),
        status,
        ms: Math.round(reply.elapsedTime),
      }),
    );
  });
  return (req, err) => {
    const stack = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
    log.write(render(log.format, new Date(), { level: 'error', ...base(req), stack }));
  };
}
