/**
 * @module Refusal: the one error a command throws when it will not do what was asked. It carries
 * the answer's stable code (the server maps code → HTTP status in one table), a catalogue key and
 * its parameters (the words come from the catalogue, overrides included, when the answer is
 * presented), and optionally details in the contract's shapes (Issues, ConflictDetails, the
 * outstanding reports) and, for the server's log only, the policy rule that decided.
 */
import { type Actor, type Decision, explain, type Resource } from '../policies/policy.js';
import type { PolicyAction } from '../policies/rules.js';
import { type MessageKey, message } from './catalogue.js';
import type { MessageParams } from './format.js';

/** The codes an answer can refuse with (docs/api.md); server platform/errors.ts gives their status. */
export const REFUSAL_CODES = [
  'notFound',
  'notAllowed',
  'invalidRequest',
  'importInvalid',
  'conflict',
  'wrongState',
  'reportsOutstanding',
  'reasonRequired',
  'commentsRequired',
  'weakPassword',
  'usernameTaken',
  'wrongPassword',
  'lockedOut',
  'unauthenticated',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface RefusalExtras {
  /** Issues, ConflictDetails or OutstandingReport[] (validation/issue.ts, refusals.ts). */
  details?: unknown;
  /** The policy rule that denied (logged, never sent). */
  rule?: string;
}

export class Refusal extends Error {
  readonly details?: unknown;
  readonly rule?: string;
  constructor(
    readonly code: RefusalCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    extras: RefusalExtras = {},
  ) {
    super(message(key, params));
    this.name = 'Refusal';
    this.details = extras.details;
    this.rule = extras.rule;
  }
}

/** A policy decision's refusal: the policy table's own reason (core policies/rules.ts). */
export function policyRefusal(d: Decision): Refusal {
  return new Refusal('notAllowed', 'common.policyDenied', { reason: d.reason }, { rule: d.rule });
}

/**
 * Checks one action on one resource. A resource the actor may not even view is refused as
 * notFound with the caller's message (guessing IDs learns nothing); one it may view but not act on
 * is refused as notAllowed with the policy's reason.
 * @throws Refusal notFound or notAllowed
 */
export function requireAllowed(
  actor: Actor,
  action: PolicyAction,
  resource: Resource,
  notFound: { key: MessageKey; params?: MessageParams },
): void {
  const view = explain(actor, 'view', resource);
  if (!view.allowed) throw new Refusal('notFound', notFound.key, notFound.params, { rule: view.rule });
  if (action === 'view') return;
  const d = explain(actor, action, resource);
  if (!d.allowed) throw policyRefusal(d);
}
