/**
 * The built `junheng serve` logs to stderr: one line per request and a server fault (500) with its
 * stack, in text or, with --log-format json, JSON lines. The fault is a real one: a table the
 * public page reads is renamed away before the server starts.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@junheng/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-serve-log-'));
const data = join(dir, 'data');

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  return env;
}

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts `junheng serve` on a free port; resolves with its address once it printed it. */
function serve(...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', '--data', data, '--port', '0', '--no-demo', ...args], {
    env: cliEnv(),
    cwd: dir,
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const url = /已启动：(http:\/\/\S+?)\/?\n/.exec(out)?.[1];
      if (url) resolve({ child, url, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}${err}`)));
  });
}

/** Stops the server this test started and waits for it. */
function stop(s: Served): Promise<void> {
  return new Promise((done) => {
    s.child.removeAllListeners('exit');
    s.child.on('exit', () => done());
    s.child.kill('SIGTERM');
  });
}

/** Waits until stderr has a match (the log line is written when the response has gone). */
async function logged(s: Served, re: RegExp): Promise<string> {
  await vi.waitFor(
    () => {
      if (!re.test(s.stderr())) throw new Error(`标准错误输出中还没有 ${re}`);
    },
    { timeout: 120_000, interval: 50 },
  );
  return s.stderr();
}

/** Opening an embedded database takes tens of seconds on a busy machine. */
const SLOW = 300_000;

describe.sequential('junheng serve logs to stderr', () => {
  beforeAll(async () => {
    expect(spawnSync(process.execPath, [cli, 'migrate', '--data', data], { env: cliEnv() }).status).toBe(0);
    const db = await openDatabase({ dataDir: join(data, 'pg') });
    try {
      await db.exec('ALTER TABLE evaluation_run RENAME TO evaluation_run_gone');
    } finally {
      await db.close();
    }
  }, SLOW);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'writes a 500 with its stack and every request as a readable line',
    async () => {
      const s = await serve();
      try {
        const health = await fetch(`${s.url}/api/health?name=%E5%BC%A0%E4%B8%89`);
        expect(health.status).toBe(200);
        const broken = await fetch(`${s.url}/api/public/counties`);
        expect(broken.status).toBe(500);
        const err = await logged(s, /GET \/api\/public\/counties 500/);
        expect(err).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 信息 GET \/api\/health 200 \d+ 毫秒 未登录$/m);
        expect(err).toMatch(
          /错误 GET \/api\/public\/counties 服务器内部错误（未登录）：\n.*evaluation_run.*\n\s+at /,
        );
        expect(err).not.toContain('张三');
      } finally {
        await stop(s);
      }
    },
    SLOW,
  );

  it(
    'writes JSON lines with --log-format json',
    async () => {
      const s = await serve('--log-format', 'json');
      try {
        expect((await fetch(`${s.url}/api/public/counties`)).status).toBe(500);
        const err = await logged(s, /"status":500/);
        const entries = err
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(entries.find((e) => typeof e.stack === 'string')).toMatchObject({
          level: 'error',
          method: 'GET',
          route: '/api/public/counties',
          stack: expect.stringMatching(/evaluation_run[\s\S]*\n\s+at /),
        });
        expect(entries).toContainEqual(
          expect.objectContaining({ route: '/api/public/counties', status: 500 }),
        );
      } finally {
        await stop(s);
      }
    },
    SLOW,
  );

  it(
    'refuses an unknown log format',
    () => {
      const r = spawnSync(process.execPath, [cli, 'serve', '--data', data, '--log-format', 'xml'], {
        encoding: 'utf8',
        env: cliEnv(),
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--log-format 的值 “xml” 无效：应为 text 或 json');
    },
    SLOW,
  );
});
