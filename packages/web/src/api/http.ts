/**
 * @module The typed HTTP client every page uses: openapi-fetch over the generated contract
 * (openapi.d.ts), so a path, its parameters, its body and its answer are checked against the
 * server's route schemas at build. Same origin with the session cookie, the CSRF token on writes;
 * a refusal is thrown as {@link ApiError} with the server's code and Chinese message, and a 401 of
 * an expired session goes to the login page (client.ts).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { t } from '../shared/messages';
import {
  ApiError,
  errorFromResponse,
  getCsrfToken,
  networkError,
  type Query,
  queryString,
  reportUnauthenticated,
} from './client';
import type { paths } from './openapi';

export type { paths };

/** Methods with a request body or none. */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON a route answers with on success (200 or 201), from the generated contract. */
export type Json<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

/** The JSON body a route takes. */
export type JsonBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** The query a route takes. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept', 'application/json');
    const token = getCsrfToken();
    if (request.method !== 'GET' && request.method !== 'HEAD' && token)
      request.headers.set('X-CSRF-Token', token);
    return request;
  },
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const err = errorFromResponse(response.status, await response.text());
    reportUnauthenticated(schemaPath, err);
    throw err;
  },
  onError({ error }) {
    if (error instanceof DOMException && error.name === 'AbortError') return error;
    if (error instanceof ApiError) return error;
    return networkError();
  },
};

/**
 * The client. Paths are the contract's (`/api/schools/{id}`), parameters go in `params.path` and
 * `params.query`; empty query values ('', null, undefined) are left out as before.
 */
export const api = createClient<paths>({
  // The page's origin; outside a page (unit tests in Node) a Request needs some absolute base.
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  // Looked up per request so tests can stand in for fetch.
  fetch: (request: Request) => globalThis.fetch(request),
  querySerializer: (query) => queryString(query as Query),
  credentials: 'same-origin',
});
api.use(sessionMiddleware);

/**
 * The data of a successful call (refusals were thrown by the middleware).
 * @throws ApiError `badResponse` when the answer is not JSON
 */
export async function data<D>(pending: Promise<{ data?: D; response: Response }>): Promise<D> {
  try {
    return (await pending).data as D;
  } catch (e) {
    if (e instanceof SyntaxError) throw new ApiError(200, 'badResponse', t('web.api.badResponseReload'));
    throw e;
  }
}

/** `{ items, total, page, pageSize }` of every paginated list (the routes' pageOf). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
