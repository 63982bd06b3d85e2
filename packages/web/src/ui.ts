/**
 * @module Element Plus services used from scripts (messages, confirm and prompt boxes), imported
 * from their own folders for the reason given in elementPlus.ts.
 */
export { ElMessage } from 'element-plus/es/components/message/index.mjs';
export { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';
