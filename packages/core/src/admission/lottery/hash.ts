/**
 * @module The one hash of the lottery: hex SHA-256 of the UTF-8 bytes of a string (FIPS 180-4, via
 * `@noble/hashes`, because core may not use `node:crypto`). Hex is lowercase, 64 characters.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of the UTF-8 encoding of `text`, as raw bytes (32). */
export function sha256Utf8(text: string): Uint8Array {
  return sha256(utf8ToBytes(text));
}

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex characters. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256Utf8(text));
}

/** True for exactly 64 lowercase hex characters (the form of every hash in the lottery). */
export function isSha256Hex(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}
