/**
 * @module The Fastify application: plugins (security headers, cookies, rate limit, OpenAPI),
 * request/response validation with zod (Chinese messages), the session hook, the /api routes and
 * the web app's static files. `buildApp` does not listen: tests call `app.inject` or listen on a
 * port of their own.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Database, PersonalCipher } from '@junheng/db';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionHook } from '../accounts/session.js';
import { compressAnswer } from './compression.js';
import type { AppContext, AuditAnchors } from './context.js';
import { UPLOAD_LIMIT } from './context.js';
import { toErrorResponse, words } from './errors.js';
import { checkUploadNesting, nestingCheckedJson, refuseNulCharacters } from './inputGuards.js';
import { installRequestLog, type RequestLog } from './requestLog.js';
import { registerRoutes } from './routes.js';

export type { AppContext, AuditAnchors } from './context.js';

export interface AppOptions {
  db: Database;
  /** Folder of the built web app (packages/web/dist); null or absent folder: API only. */
  webRoot?: string | null;
  /** The request log (requestLog.ts); absent: nothing is logged (tests). */
  log?: RequestLog | null;
  /** Behind one reverse proxy: trust its X-Forwarded-* (cookies become Secure behind HTTPS). */
  trustProxy?: boolean;
  /** Clock (tests move it to check expiry and lockout). */
  now?: () => Date;
  /** Login attempts per IP per minute (default 10). */
  loginRateLimit?: number;
  /** Version reported by /api/health and stored with evaluation runs. */
  version?: string;
  /** Seals students' personal data (applicants, class lists): startServer loads the county's key. */
  personal: PersonalCipher;
  /** The audit checkpoint file and the key to check it (startServer); absent: chain check only. */
  auditAnchors?: AuditAnchors;
}

const UPLOAD_TYPES = [
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
];

// Validation messages of request schemas in Chinese.
z.config(z.locales.zhCN());

/**
 * How long browsers keep a file of the web app. Files under assets/ carry a hash of their content
 * in their name (a new build makes new names), so they never change: a year, immutable. Everything
 * else (index.html, which names the current assets) is checked with the server on every use.
 */
const CACHE_RULES: readonly [RegExp, string][] = [
  [/[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+(\.(br|gz))?$/, 'public, max-age=31536000, immutable'],
  [/./, 'no-cache'],
];

function cacheControlFor(path: string): string {
  return CACHE_RULES.find(([re]) => re.test(path))![1];
}

/**
 * The error response, or — when its details cannot be turned into JSON (a value nested too deep
 * for the serializer) — the same status and message without them: the error format holds whatever
 * a route threw.
 */
function sendable(r: ReturnType<typeof toErrorResponse>): ReturnType<typeof toErrorResponse> {
  if (r.body.details === undefined) return r;
  try {
    JSON.stringify(r.body.details);
    return r;
  } catch {
    return { ...r, body: { code: r.body.code, message: r.body.message } };
  }
}

/**
 * Builds the application (not yet listening).
 * @throws Error at `ready()` when an /api route does not declare `config.access`
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify's own logger stays off: the request log below writes what an operator needs.
    logger: false,
    // One reverse proxy in front: its X-Forwarded-For entry is the client; hops a client adds itself
    // are not believed (else the per-address login limit could be dodged with a forged header).
    trustProxy: opts.trustProxy ? (_address: string, hop: number) => hop < 1 : false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  const ctx: AppContext = {
    db: opts.db,
    personal: opts.personal,
    auditAnchors: opts.auditAnchors,
    now: opts.now ?? (() => new Date()),
    version: opts.version ?? '0.1.0',
    loginRateLimit: opts.loginRateLimit ?? 10,
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  requireDeclaredAccess(app);
  installErrorHandler(app, opts.log);
  await registerSecurity(app);
  installBodyParsers(app);
  await registerDocs(app, ctx.version);
  installRequestHooks(app, ctx);
  await app.register(async (api) => registerRoutes(api, ctx), { prefix: '/api' });
  await serveWebApp(app, opts.webRoot);
  return app;
}

/** Every /api route says who may call it (config.access); the docs are public. */
function requireDeclaredAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    route.config ??= {};
    if (route.url.startsWith('/api/docs')) route.config.access = 'public';
    if (route.config.access === undefined) {
      throw new Error(`路由 ${route.method} ${route.url} 没有声明 config.access（public 或 signedIn）`);
    }
  });
}

/** The request log (when given), and every error answered in the error format (a server fault logged). */
function installErrorHandler(app: FastifyInstance, log: RequestLog | null | undefined): void {
  const logFault = log ? installRequestLog(app, log) : () => {};
  app.setErrorHandler((err, req, reply) => {
    const { status, body, serverFault } = sendable(toErrorResponse(err));
    if (serverFault) logFault(req, err);
    reply.code(status).type('application/json; charset=utf-8').send(body);
  });
}

/** Security headers (CSP), cookies, and the rate limit routes opt into (its 429 in Chinese). */
async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Element Plus and ECharts set inline styles; no inline scripts anywhere.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      code: 'rateLimited',
      message: words('common.rateLimitedWait', { seconds: Math.ceil(context.ttl / 1000) }),
    }),
  });
}

/**
 * The bodies taken: JSON (nesting checked) and the upload types. JSON routes take JSON only: a
 * text/plain body is what a form on another site can send without a CORS preflight (Fastify parses
 * it by default); uploads have their own types.
 */
function installBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, nestingCheckedJson(defaultJson));
  app.addContentTypeParser(
    UPLOAD_TYPES,
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_req, body, done) => {
      try {
        checkUploadNesting(body as Buffer);
        done(null, body);
      } catch (err) {
        done(err as Error);
      }
    },
  );
}

/** The OpenAPI document from the route schemas, and its pages under /api/docs. */
async function registerDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: '均衡 junheng API',
        description: '县域义务教育均衡发展督导评估与管理系统的 HTTP 接口（约定见 docs/api.md）',
        version,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jh_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}

/** The session of each request, NUL characters refused, answers compressed. */
function installRequestHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', sessionHook(ctx.db, ctx.now));
  app.addHook('preValidation', refuseNulCharacters);
  app.addHook('onSend', compressAnswer);
}

/**
 * The web app's files (when built) and the 404 answer: an unknown /api address, or any address
 * without the web app, is a JSON 404; other GETs load the app, which routes itself.
 */
async function serveWebApp(app: FastifyInstance, webRoot: string | null | undefined): Promise<void> {
  const hasWeb = typeof webRoot === 'string' && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // preCompressed: the build's .br/.gz siblings go to browsers that accept them.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('cache-control', cacheControlFor(path)),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      reply.code(404).send({
        code: 'notFound',
        message: words('common.noSuchAddress', { method: req.method, path: req.url.split('?')[0] }),
      });
      return;
    }
    // Client-side routes (/schools/…, /public) load the app, which routes itself.
    reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
