/**
 * @module Combining statuses: anything unmet fails; otherwise anything unknown leaves it incomplete.
 */
import type { Status } from './results.js';

/** Overall status of parts: unmet > incomplete > met; notApplicable parts are ignored. */
export function combineStatus(parts: Iterable<Status>): Status {
  let result: Status = 'notApplicable';
  for (const s of parts) {
    if (s === 'unmet') return 'unmet';
    if (s === 'incomplete') result = 'incomplete';
    else if (s === 'met' && result === 'notApplicable') result = 'met';
  }
  return result;
}
