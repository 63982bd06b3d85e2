/**
 * @module Where the audit log's hash chain breaks, in words for the person running the check
 * (`junheng audit verify`, 审计 › 校验).
 */
import { message } from '../messages/catalogue.js';

/** The first event of the chain that does not check out, as the verification found it. */
export interface AuditChainBreak {
  /** audit_event.id of the event. */
  id: number;
  /** `hash`: its content does not match its hash (changed); `link`: its prev_hash is not the previous event's hash (an event removed or inserted before it). */
  kind: 'hash' | 'link';
  /** The previous event's id (null: the event is the first). */
  prevId: number | null;
  /** The event's stored prev_hash and hash, and the hash recomputed from its content. */
  storedPrevHash: string;
  storedHash: string;
  recomputedHash: string;
}

/** What is wrong at a break, in Chinese. */
export function auditBreakReason(b: AuditChainBreak): string {
  if (b.kind === 'hash') {
    return message('audit.hashMismatch', {
      stored: b.storedHash.slice(0, 12),
      recomputed: b.recomputedHash.slice(0, 12),
    });
  }
  return b.prevId === null
    ? message('audit.firstLinkBroken', { prevHash: b.storedPrevHash })
    : message('audit.linkBroken', { prevId: b.prevId });
}
