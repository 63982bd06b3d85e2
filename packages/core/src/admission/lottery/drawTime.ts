/**
 * @module Moments of a draw as its records print them, in Asia/Shanghai (UTC+8, no daylight saving
 * time): the minute the bureau reads (2026-07-10 09:30) and ISO 8601 with the +08:00 offset
 * (DrawRecord.drawnAt).
 */

/** A moment as the bureau reads it: 2026-07-10 09:30 (Asia/Shanghai, which has no DST). */
export function shanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A moment as ISO 8601 with the +08:00 offset of Asia/Shanghai (DrawRecord.drawnAt). */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
