/**
 * @module Node's SHA-256 (OpenSSL, with the processor's SHA instructions where it has them) for
 * the lottery's long messages: a program installs it once at start (the CLI, the server), and
 * core's draws and verifications hash the list and the result with it (core lottery/longHash.ts;
 * same digests as core's own JavaScript, which a browser replays with).
 */
import { createHash } from 'node:crypto';
import { type LongSha256, useNativeSha256 } from '@junheng/core';

function nodeLongSha256(): LongSha256 {
  const hash = createHash('sha256');
  return {
    update(data, from, to) {
      if (to > from) hash.update(data.subarray(from, to));
    },
    digest() {
      return new Uint8Array(hash.digest());
    },
  };
}

/** Makes core's lottery hash long messages with node:crypto from now on, in this process. */
export function installNodeSha256(): void {
  useNativeSha256(nodeLongSha256);
}
