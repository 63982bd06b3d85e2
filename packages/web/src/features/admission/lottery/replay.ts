/**
 * @module Runs replay.worker.ts for one request and reports its progress (0–100: the download up to
 * 80, the computation the rest).
 */
import { t } from '../../../shared/messages';
import type { ReplayMessage, ReplayRequest } from './replay.worker';

export type ReplayResult = Exclude<
  ReplayMessage,
  { type: 'progress' } | { type: 'error' } | { type: 'downloadFailed' }
>;

/**
 * @param onProgress percentage and a Chinese line saying what is being done
 * @throws Error with the Chinese message of the worker (malformed list, invalid seed or secret)
 */
export function replay(
  req: ReplayRequest,
  onProgress: (percent: number, what: string) => void,
): Promise<ReplayResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => worker.terminate();
    worker.onmessage = (e: MessageEvent<ReplayMessage>) => {
      const m = e.data;
      if (m.type === 'progress') {
        if (m.stage === 'download') {
          const mb = (m.loaded / 1048576).toFixed(1);
          const pct = m.total ? Math.min(80, Math.round((m.loaded / m.total) * 80)) : 40;
          onProgress(pct, t('web.lottery.replayDownloading', { mb }));
        } else {
          onProgress(85, t('web.lottery.replayComputing'));
        }
        return;
      }
      finish();
      if (m.type === 'error') reject(new Error(m.message));
      else if (m.type === 'downloadFailed')
        reject(new Error(t('web.lottery.replayDownloadFailed', { status: m.status })));
      else {
        onProgress(100, t('web.lottery.replayDone'));
        resolve(m);
      }
    };
    worker.onerror = (e) => {
      finish();
      reject(
        new Error(t('web.lottery.replayCrashed', { reason: e.message || t('web.lottery.replayNoWorker') })),
      );
    };
    worker.postMessage({ ...req, listUrl: new URL(req.listUrl, location.href).toString() });
  });
}
