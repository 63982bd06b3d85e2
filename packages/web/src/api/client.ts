/**
 * @module What every request shares — the typed JSON client (http.ts), downloads and uploads: the
 * CSRF token of the session, error bodies `{code, message, details}` turned into {@link ApiError}
 * with Chinese messages, query strings, and the handler main.ts registers for a 401
 * `unauthenticated` (it goes to the login page).
 */
import type { ConflictDetails, Issue, MessageKey, OutstandingReport } from '@junheng/core';
import { t } from '../shared/messages';
import type { components } from './openapi';

/** The error body of any status ≥ 400, as the contract describes it. */
export type ErrorBody = components['schemas']['ErrorBody'];
/** What a refusal carries besides its message: a list of problems, the conflict, the outstanding reports. */
export type ErrorDetails = NonNullable<ErrorBody['details']>;

/** A refused or failed request, with the server's stable code and Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problems of an importInvalid or invalidRequest refusal (empty for other refusals). */
  issues(): Issue[] {
    const d = this.details;
    return Array.isArray(d) && d.every((x) => 'fix' in x) ? (d as Issue[]) : [];
  }

  /** The state a 409 conflict met, when the server said it. */
  conflict(): ConflictDetails | null {
    const d = this.details;
    return d && !Array.isArray(d) && 'currentVersion' in d ? d : null;
  }

  /** The reports that keep an evaluation from being published (reportsOutstanding). */
  outstanding(): OutstandingReport[] {
    const d = this.details;
    return this.code === 'reportsOutstanding' && Array.isArray(d) ? (d as OutstandingReport[]) : [];
  }
}

const GENERIC: Record<number, MessageKey> = {
  400: 'web.api.status400',
  401: 'web.api.status401',
  403: 'web.api.status403',
  404: 'web.api.status404',
  409: 'web.api.status409',
  413: 'web.api.status413',
  422: 'web.api.status422',
  429: 'web.api.status429',
  502: 'web.api.status502',
  503: 'web.api.status503',
  504: 'web.api.status504',
};

/**
 * Turns a failed response into an ApiError. Bodies that are not the API's error JSON (a proxy's
 * HTML page, an empty body) get a Chinese message by status.
 * @param status HTTP status (≥ 400)
 * @param text the response body as text
 */
export function errorFromResponse(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    if (body && typeof body.message === 'string' && body.message !== '') {
      return new ApiError(
        status,
        typeof body.code === 'string' ? body.code : `http${status}`,
        body.message,
        body.details,
      );
    }
  } catch {
    // not JSON: fall through
  }
  const key = GENERIC[status] ?? (status >= 500 ? 'web.api.serverError' : 'web.api.requestFailed');
  const message = t(key, { status });
  return new ApiError(status, status === 401 ? 'unauthenticated' : `http${status}`, message);
}

/** The error of a request that never reached the server. */
export function networkError(): ApiError {
  return new ApiError(0, 'network', t('web.api.network'));
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | QueryValue[]>;

/**
 * A query string without the '?'; empty values (undefined, null, '') are left out, lists repeat the
 * key (`status=a&status=b`).
 * @param query e.g. {page: 1, q: '一中'}
 */
export function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  return params.toString();
}

/**
 * Path plus query string (downloads and uploads, which do not go through the JSON client).
 * @param path e.g. '/api/schools'
 * @param query e.g. {page: 1, q: '一中'}
 */
export function buildUrl(path: string, query?: Query): string {
  const qs = queryString(query);
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

let csrfToken = '';
let unauthenticatedHandler: (() => void) | null = null;

/** Remembers the CSRF token of the session (from login or /api/auth/me). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function getCsrfToken(): string {
  return csrfToken;
}

/** What to do when the session is gone (main.ts: go to the login page). */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler;
}

/**
 * Called by every request helper on a 401. Not for login (a wrong password is not an expired
 * session) nor for /api/auth/me (its caller, the router guard, decides where to go).
 */
export function reportUnauthenticated(path: string, err: ApiError): void {
  const own = path.startsWith('/api/auth/login') || path.startsWith('/api/auth/me');
  if (err.status === 401 && !own && unauthenticatedHandler) {
    unauthenticatedHandler();
  }
}

/** The message to show for anything a request threw. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return t('web.api.failed');
}
