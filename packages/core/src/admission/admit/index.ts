/**
 * @module 招生申请与录取: admission categories per county (order, 随迁子女保障, 同校兄弟姐妹优先),
 * lottery entries per family, and admission by category within each zone with 统筹安排.
 */
export * from './admit.js';
export * from './applicant.js';
export * from './categories.js';
export * from './compareChoices.js';
export * from './entries.js';
export * from './schoolGroup.js';
