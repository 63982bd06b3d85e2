/** @module The message catalogue (zh-CN, keyed by code) and the Refusal commands throw. */
export {
  type Catalogue,
  catalogueTree,
  checkOverrides,
  createTranslator,
  MESSAGE_TEMPLATES,
  type MessageKey,
  message,
  type OverrideProblem,
  type Translator,
  useMessageOverrides,
} from './catalogue.js';
export { formatMessage, type MessageParams, placeholdersOf } from './format.js';
export {
  policyRefusal,
  REFUSAL_CODES,
  Refusal,
  type RefusalCode,
  type RefusalExtras,
  requireAllowed,
} from './refusal.js';
export { zhCN } from './zh-CN/index.js';
