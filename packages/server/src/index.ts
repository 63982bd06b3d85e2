/**
 * @module @junheng/server — the HTTP API (Fastify) and the web app's host.
 */
export { type AppOptions, buildApp } from './app.js';
export { ApiError, toErrorResponse } from './errors.js';
export { MENU_KEYS, type MenuKey, menuFor } from './menu.js';
export { LOG_FORMATS, type LogFormat } from './requestLog.js';
export {
  DEFAULT_WEB_ROOT,
  DEMO_PASSWORD,
  demoLoginLines,
  type RunningServer,
  type ServeOptions,
  startServer,
} from './serve.js';
