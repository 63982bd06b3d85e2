/**
 * @module The embedded database's folder belongs to one process at a time. Two PGlite instances on
 * one folder both start and silently lose each other's writes (issue 10 #11), so opening a folder
 * takes a lock file next to it (`<data>/pg.lock`): refused while a live process holds it, taken
 * over when its process is gone (a crash leaves the file behind).
 *
 * The holder also answers backup requests on a local socket named in the lock file (a Unix socket,
 * a named pipe on Windows), so `junheng backup` works while `junheng serve` runs: the holder dumps
 * the folder between two statements, which gives a consistent copy (see backup.ts).
 *
 * Lock file: JSON `{pid, host, since, control, token}`, mode 0600. The token, readable only by who
 * can read the data folder, must accompany every request on the socket.
 */

import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { message } from '@junheng/core';

/** The folder is held by a live process: the user's to resolve (exit 2 in the CLI). */
export class DataFolderLockFileError extends Error {
  override name = 'DataFolderLockFileError';
}

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder opened the folder (ISO). */
  since: string;
  /** Its backup socket (absent for an older holder or a failed listen). */
  control?: string;
  token?: string;
}

/** A lock this process holds. */
export interface FolderLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file (idempotent). */
  release(): void;
}

/** The lock file of a PGlite folder: beside it, so a dump of the folder never contains it. */
export function lockFileOf(dir: string): string {
  return `${resolve(dir)}.lock`;
}

// Unix socket paths are limited to ~104 bytes; a longer data path gets its socket in the temp folder.
const MAX_SOCKET_PATH = 100;

function controlPathFor(dir: string, token: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\junheng-${token}`;
  const beside = `${resolve(dir)}.sock`;
  return Buffer.byteLength(beside) <= MAX_SOCKET_PATH
    ? beside
    : join(tmpdir(), `junheng-${token.slice(0, 16)}.sock`);
}

/** Reads the lock file; undefined when there is none, `null` when it is unreadable (half-written). */
export function readLockHolder(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isSafeInteger(h.pid) ? h : null;
  } catch {
    return null;
  }
}

/** Whether the holder's process still runs (a holder on another machine is assumed to). */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The Chinese message for a folder in use. */
export function folderInUseMessage(dir: string, h: LockHolder): string {
  const where =
    h.host === hostname()
      ? message('storage.holderHere', { pid: h.pid })
      : message('storage.holderElsewhere', { host: h.host, pid: h.pid });
  return message('storage.folderInUse', { dir, where, since: h.since, lockFile: lockFileOf(dir) });
}

const held = new Set<FolderLock>();
let exitHookInstalled = false;

/**
 * Takes the folder's lock, or fails when a live process holds it. A lock left by a process that is
 * gone is taken over.
 * @param dir the PGlite data folder
 * @throws DataFolderLockFileError when a live process holds it
 */
export function acquireFolderLock(dir: string): FolderLock {
  const file = lockFileOf(dir);
  const token = randomBytes(16).toString('hex');
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    control: controlPathFor(dir, token),
    token,
  };
  // Written whole to a private file, then linked into place: link fails when the lock exists, and
  // nobody ever reads a half-written lock of a live holder.
  const draft = `${file}.${process.pid}.${token.slice(0, 8)}`;
  writeFileSync(draft, JSON.stringify(holder), { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw err;
      }
      const other = readLockHolder(file);
      if (other && holderAlive(other))
        throw new DataFolderLockFileError(folderInUseMessage(resolve(dir), other));
      // Gone (or a half-written file of a crashed process): take it over.
      try {
        unlinkSync(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  } finally {
    unlinkSync(draft);
  }
  const lock: FolderLock = {
    file,
    holder,
    release() {
      if (!held.delete(lock)) return;
      if (readLockHolder(file)?.token === token) unlinkSync(file);
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A process that exits without closing its database leaves no lock behind.
    process.once('exit', () => {
      for (const l of held) {
        try {
          l.release();
        } catch {
          // exiting anyway
        }
      }
    });
  }
  return lock;
}

// ── The holder's backup socket ───────────────────────────────────────────────────────────────

/** What the socket answers a request with. */
export type ControlHandler = (request: string) => Promise<Uint8Array>;

/**
 * Listens on the lock's socket; each connection sends one line `{"token","request"}` and gets a
 * header line `{"ok":true,"size":N}` and N bytes, or `{"ok":false,"message":…}`.
 * @returns the server (unref'd: it never keeps the process alive), or undefined when it cannot listen
 */
export async function listenForRequests(
  lock: FolderLock,
  handle: ControlHandler,
): Promise<Server | undefined> {
  const path = lock.holder.control;
  if (!path) return undefined;
  if (process.platform !== 'win32') {
    try {
      unlinkSync(path); // left by a crashed holder; the lock is ours now
    } catch {
      // none
    }
  }
  const server = createServer((socket) => answer(socket, lock.holder.token!, handle));
  const listening = await new Promise<boolean>((done) => {
    server.once('error', () => done(false));
    server.listen(path, () => done(true));
  });
  if (!listening) return undefined;
  server.unref();
  return server;
}

function answer(socket: Socket, token: string, handle: ControlHandler): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('error', () => {});
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    const newline = buffered.indexOf('\n');
    if (newline < 0) return;
    socket.removeAllListeners('data');
    let request: { token?: string; request?: string };
    try {
      request = JSON.parse(buffered.slice(0, newline));
    } catch {
      request = {};
    }
    if (request.token !== token) {
      socket.end(`${JSON.stringify({ ok: false, message: message('storage.holderTokenWrong') })}\n`);
      return;
    }
    handle(String(request.request)).then(
      (bytes) => {
        socket.write(`${JSON.stringify({ ok: true, size: bytes.length })}\n`);
        socket.end(bytes);
      },
      (err: unknown) => socket.end(`${JSON.stringify({ ok: false, message: (err as Error).message })}\n`),
    );
  });
}

/**
 * Sends one request to the folder's holder and returns its answer.
 * @throws DataFolderLockFileError when the holder has no socket or does not answer
 */
export async function requestFromHolder(
  dir: string,
  holder: LockHolder,
  request: string,
): Promise<Uint8Array> {
  if (!holder.control || !holder.token) {
    throw new DataFolderLockFileError(folderInUseMessage(dir, holder));
  }
  const socket = createConnection(holder.control);
  socket.write(`${JSON.stringify({ token: holder.token, request })}\n`);
  const chunks: Buffer[] = [];
  await new Promise<void>((done, fail) => {
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => done());
    socket.on('error', (err) =>
      fail(
        new DataFolderLockFileError(
          message('storage.holderNotAnswering', {
            inUse: folderInUseMessage(dir, holder),
            reason: (err as NodeJS.ErrnoException).code ?? err.message,
          }),
        ),
      ),
    );
  });
  const all = Buffer.concat(chunks);
  const newline = all.indexOf(0x0a);
  const header = JSON.parse(all.subarray(0, newline).toString('utf8')) as {
    ok: boolean;
    size?: number;
    message?: string;
  };
  if (!header.ok) throw new Error(message('storage.holderFailed', { reason: header.message }));
  const body = all.subarray(newline + 1);
  if (body.length !== header.size) {
    throw new Error(message('storage.holderIncomplete', { received: body.length, size: header.size }));
  }
  return new Uint8Array(body);
}
