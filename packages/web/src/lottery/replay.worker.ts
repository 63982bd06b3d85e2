/**
 * @module Replays a 电脑派位 draw off the main thread (100,000 children must not freeze the page):
 * downloads the published list with byte progress, then runs core's verifyDraw (the same code as
 * `junheng lottery verify`), or findMyEntry for a family's own check. The secret a family types
 * never leaves the browser.
 */
import { findMyEntry, verifyDraw } from '@junheng/core';

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
  | { type: 'mine'; listed: boolean; digestMatches: boolean; rank: number | null; line: number | null }
  | { type: 'error'; message: string };

const post = (m: ReplayMessage) => (self as unknown as Worker).postMessage(m);

/** The list's exact bytes as text (UTF-8, strict: a BOM or bad byte makes the strict parser fail). */
async function download(url: string): Promise<{ text: string; bytes: number }> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`下载公示名单失败（HTTP ${res.status}）`);
  const total = Number(res.headers.get('content-length')) || null;
  const reader = res.body?.getReader();
  if (!reader) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf),
      bytes: buf.length,
    };
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
  return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(all), bytes: loaded };
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
      post({ type: 'mine', listed: m.listed, digestMatches: m.digestMatches, rank: m.rank, line: m.line });
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
