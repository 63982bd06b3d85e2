/**
 * @module 招生轮次与申请名单: a round's setup (stage, title, categories, places per school) and its
 * applications checked against it, refused with the catalogue's messages (rounds.*).
 */
export * from './applicantChecks.js';
export * from './roundChecks.js';
