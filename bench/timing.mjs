// Timing helpers every benchmark uses: medians of repeated runs (the shared machine's speed varies).
import { performance } from 'node:perf_hooks';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `fn` `runs` times: median and best time in ms, and the last result. */
export function time(fn, runs) {
  const times = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), best: Math.min(...times), out };
}

/** Median time in ms of `runs` awaited calls of `fn`. */
export async function timeAsync(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
