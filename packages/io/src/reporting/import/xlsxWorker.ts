/**
 * @module The workbook parser thread. exceljs parses the XML of a workbook synchronously for
 * seconds on a big file; on the server's event loop that blocks every other user (a 7 MB upload
 * kept /api/health waiting for 17 s). So parsing runs in one worker_thread, one workbook at a time,
 * and sends back the worksheets as plain cells (the cell → value rules stay in xlsx.ts).
 *
 * As with the HiGHS worker (zoning/worker.ts), the thread runs from source text (`eval: true`), so
 * the same code runs from the TypeScript sources under vitest and from the built dist, and it
 * `require`s exceljs by the absolute path the parent resolved. The thread has its own heap limit:
 * a workbook too big for it kills the thread, not the server. It is kept for the next workbook and
 * does not keep the process alive while idle.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WorkbookError } from './workbookErrors.js';

/** One cell: column (1-based), exceljs value, number format, and the top-left cell of its merge. */
export type RawCell = [col: number, value: unknown, numFmt: string | null, master: RawMaster | null];
/** The top-left cell of a merged block: row, column (1-based), address. */
export type RawMaster = [row: number, col: number, address: string];
/** One non-empty row: its number (1-based) and cells. */
export type RawRow = [rowNo: number, cells: RawCell[]];

/** A worksheet as the thread sends it. */
export interface RawSheet {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  rowCount: number;
  rows: RawRow[];
}

/** Heap of the parser thread: a workbook needing more is refused, the server stays up. */
const HEAP_MB = 2048;
/** Longest a parse may take before the thread is stopped. */
const PARSE_LIMIT_MS = 180_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljsPath);
function rawSheet(ws) {
  const rows = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const m = cell.isMerged && cell.master !== cell ? cell.master : null;
      cells.push([col, cell.value, cell.numFmt || null, m ? [Number(m.row), Number(m.col), m.address] : null]);
    });
    rows.push([rowNo, cells]);
  });
  return { name: ws.name, state: ws.state || 'visible', rowCount: ws.rowCount, rows };
}
parentPort.on('message', async (zip) => {
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(zip));
    parentPort.postMessage({ ok: true, sheets: wb.worksheets.map(rawSheet) });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String((e && e.message) || e) });
  }
});
`;

type Reply = { ok: true; sheets: RawSheet[] } | { ok: false; message: string };

interface Job {
  zip: Buffer;
  resolve: (sheets: RawSheet[]) => void;
  reject: (e: Error) => void;
}

const queue: Job[] = [];
let worker: Worker | undefined;
let current: { job: Job; timer: NodeJS.Timeout; worker: Worker } | undefined;
let inProgress = 0;

/** How many workbooks are being parsed or waiting (for tests and health views). */
export function workbookParsesInProgress(): number {
  return inProgress;
}

/** Ends the current job, if `from` is the thread running it (a stopped thread's late events are not). */
function settle(from: Worker, outcome: { sheets: RawSheet[] } | { error: Error }): void {
  const c = current;
  if (!c || c.worker !== from) return;
  current = undefined;
  clearTimeout(c.timer);
  inProgress--;
  if ('sheets' in outcome) c.job.resolve(outcome.sheets);
  else c.job.reject(outcome.error);
  next();
}

/** Stops the thread after a failure that may have left it unusable; the next job starts another. */
function discard(w: Worker): void {
  if (worker === w) worker = undefined;
  void w.terminate();
}

function startWorker(): Worker {
  const w = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { exceljsPath: createRequire(import.meta.url).resolve('exceljs') },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  w.on('message', (reply: Reply) =>
    settle(w, reply.ok ? { sheets: reply.sheets } : { error: WorkbookError.of('notWorkbook') }),
  );
  // Out of memory (ERR_WORKER_OUT_OF_MEMORY) or a crash: the file was too much for the thread.
  w.on('error', () => {
    discard(w);
    settle(w, { error: WorkbookError.of('tooBig') });
  });
  w.on('exit', () => {
    if (worker === w) worker = undefined;
    settle(w, { error: WorkbookError.of('tooBig') });
  });
  return w;
}

function next(): void {
  if (current) return;
  const job = queue.shift();
  if (!job) {
    worker?.unref();
    return;
  }
  worker ??= startWorker();
  const w = worker;
  w.ref();
  const timer = setTimeout(() => {
    discard(w);
    settle(w, { error: WorkbookError.of('tooBig') });
  }, PARSE_LIMIT_MS);
  current = { job, timer, worker: w };
  const copy = new Uint8Array(job.zip);
  w.postMessage(copy, [copy.buffer]);
}

/**
 * Parses an .xlsx in the parser thread.
 * @param zip the workbook as a ZIP archive of stored parts (zipLimits.storedZip)
 * @returns its worksheets as plain rows and cells
 * @throws WorkbookError when exceljs cannot read it, or it is too much for the thread
 */
export function parseWorkbookInWorker(zip: Buffer): Promise<RawSheet[]> {
  inProgress++;
  return new Promise((resolve, reject) => {
    queue.push({ zip, resolve, reject });
    next();
  });
}
