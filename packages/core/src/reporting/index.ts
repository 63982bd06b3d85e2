/** @module 填报与审核's pure parts: the checks of the report commands and of the county items. */
export * from './countyInputItems.js';
export * from './reportRequests.js';
