/**
 * @module The one error the query modules throw when a request is refused or names nothing: a
 * stable code the server maps to an HTTP status, and a Chinese message for the user.
 * Report commands keep their own ReportError (same shape, more codes).
 */
import { type Actor, explain, type PolicyAction, type Resource } from '@junheng/core';

export type AccessErrorCode =
  | 'notFound'
  | 'notAllowed'
  | 'invalidData'
  | 'conflict'
  | 'wrongState'
  | 'reportsOutstanding';

export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
    /** Extra facts for the response (e.g. the reports still outstanding). */
    readonly details?: unknown,
    /** For the server's log only: the policy rule that denied the request. */
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

/**
 * Checks one action on one resource. A resource the actor may not even view is answered as
 * notFound with `notFoundMessage` (guessing IDs learns nothing); one it may view but not act on
 * gets notAllowed with the policy's reason.
 * @throws AccessError notFound or notAllowed
 */
export function requireAllowed(
  actor: Actor,
  action: PolicyAction,
  resource: Resource,
  notFoundMessage: string,
): void {
  const view = explain(actor, 'view', resource);
  if (!view.allowed) throw new AccessError('notFound', notFoundMessage, undefined, view.rule);
  if (action === 'view') return;
  const d = explain(actor, action, resource);
  if (!d.allowed) throw new AccessError('notAllowed', d.reason, undefined, d.rule);
}
