/** @module The check of the audit log as the API answers it: the break worded, the checkpoints' verdict. */
import { auditBreakReason } from '@junheng/core';
import type { AnchorCheck, AuditBreak, AuditChainCheck } from '@junheng/db';

export interface AuditVerificationAnswer {
  ok: boolean;
  events: number;
  lastHash: string;
  firstBad?: AuditBreak;
  anchors?: Pick<AnchorCheck, 'ok' | 'checkpoints' | 'latest' | 'problems'>;
}

/** The chain's check with the break in words, and the checkpoints' (both must hold for ok). */
export function presentVerification(chain: AuditChainCheck, anchors?: AnchorCheck): AuditVerificationAnswer {
  const { firstBad, ...v } = chain;
  const answer: AuditVerificationAnswer = firstBad
    ? { ...v, firstBad: { id: firstBad.id, kind: firstBad.kind, reason: auditBreakReason(firstBad) } }
    : v;
  if (!anchors) return answer;
  const { ok, checkpoints, latest, problems } = anchors;
  return { ...answer, ok: answer.ok && ok, anchors: { ok, checkpoints, latest, problems } };
}
