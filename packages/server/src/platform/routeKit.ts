/**
 * @module What every route group shares: the app it registers on (Fastify with the zod type
 * provider) and the access a route declares (platform/app.ts refuses an /api route without one).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The Fastify instance (zod type provider) a route group registers on. */
export type RouteApp = Parameters<FastifyPluginAsyncZod>[0];

/** A route for signed-in users (the session hook has set req.auth; requireAuth reads it). */
export const signedIn = { access: 'signedIn' as const };
