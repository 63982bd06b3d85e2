/**
 * @module Replays a 电脑派位 draw off the main thread (100,000 children must not freeze the page):
 * downloads the published list with byte progress, then runs core's verifyDraw (the same code as
 * `junheng lottery verify`), or findMyEntry for a family's own check. The secret a family types
 * never leaves the browser.
 */
import { decodeLotteryBytes, findMyEntry, myEntryVerdict, verifyDraw } from '@junheng/core';

export type ReplayRequest =
  | { kind: 'verify'; listUrl: string; seed: string; resultHash: string; commitment: string }
  | { kind: 'mine'; listUrl: string; ticket: string; secret: string; seed: string | null };

export type ReplayMessage =
  | { type: 'progress'; stage: 'download' | 'compute'; loaded: number; total: number | null }
  | {
      type: 'verified';
      commitmentMatches: boolean;
      resultHashMatches: boolean;
      commitment: string;
      resultHash: string;
      entryCount: number;
      listBytes: number;
      ms: number;
    }
  | {
      type: 'mine';
      listed: boolean;
      digestMatches: boolean;
      rank: number | null;
      line: number | null;
      /** The family's entry found by the 核验码 (a twin typed its own 申请编号), as the CLI reports it. */
      family: { ticket: string; line: number; rank: number | null } | null;
      /** Whether the family found its entry, and the verdict in the CLI's words (core myEntryVerdict). */
      found: boolean;
      text: string;
    }
  | { type: 'error'; message: string }
  /** The list could not be downloaded (the page words it: the worker has no catalogue). */
  | { type: 'downloadFailed'; status: number };

const post = (m: ReplayMessage) => (self as unknown as Worker).postMessage(m);

/**
 * The list's exact bytes as text: UTF-8 decoded strictly by core (an invalid byte is refused naming
 * its line, as `junheng lottery verify` does; a BOM is kept for the list reader to refuse).
 */
class DownloadFailed extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function download(url: string): Promise<{ text: string; bytes: number }> {
  const res = await fetch(url);
  if (!res.ok) throw new DownloadFailed(res.status);
  const total = Number(res.headers.get('content-length')) || null;
  const reader = res.body?.getReader();
  if (!reader) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return { text: decodeLotteryBytes(buf), bytes: buf.length };
  }
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    post({ type: 'progress', stage: 'download', loaded, total });
  }
  const all = new Uint8Array(loaded);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return { text: decodeLotteryBytes(all), bytes: loaded };
}

self.onmessage = async (e: MessageEvent<ReplayRequest>) => {
  const req = e.data;
  try {
    const { text, bytes } = await download(req.listUrl);
    post({ type: 'progress', stage: 'compute', loaded: 0, total: null });
    if (req.kind === 'verify') {
      const started = performance.now();
      const v = verifyDraw(text, req.seed, req.resultHash, req.commitment);
      post({
        type: 'verified',
        commitmentMatches: v.commitmentMatches === true,
        resultHashMatches: v.resultHashMatches === true,
        commitment: v.result.commitment,
        resultHash: v.result.resultHash,
        entryCount: v.result.order.length,
        listBytes: bytes,
        ms: Math.round(performance.now() - started),
      });
    } else {
      const m = findMyEntry(text, req.ticket, req.secret, req.seed ?? undefined);
      const verdict = myEntryVerdict(m);
      post({
        type: 'mine',
        listed: m.listed,
        digestMatches: m.digestMatches,
        rank: m.rank,
        line: m.line,
        family: m.family,
        found: verdict.found,
        text: verdict.text,
      });
    }
  } catch (err) {
    if (err instanceof DownloadFailed) post({ type: 'downloadFailed', status: err.status });
    else post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
