/**
 * @module @junheng/server — the HTTP API (Fastify) and the web app's host.
 */

export { createUser } from './accounts/accountCreation.js';
export { authenticate } from './accounts/login.js';
export { MENU_KEYS, type MenuKey, menuFor } from './accounts/menu.js';
export { demoAdmissionEntries, type SeedDemoOptions, type SeedDemoResult, seedDemo } from './demo/index.js';
export { type AppOptions, buildApp } from './platform/app.js';
export { ApiError, toErrorResponse } from './platform/errors.js';
export { OPENAPI_FILE, openApiDocument, openApiText } from './platform/openapi.js';
export { LOG_FORMATS, type LogFormat } from './platform/requestLog.js';
export {
  DEFAULT_WEB_ROOT,
  DEMO_PASSWORD,
  demoLoginLines,
  type RunningServer,
  type ServeOptions,
  startServer,
} from './platform/serve.js';
