/**
 * @module Element Plus confirm and prompt boxes, for the admin pages that ask before acting (kept
 * apart from ui.ts's messages so that the public pages do not load them).
 */
import 'element-plus/es/components/message-box/style/css';

export { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';
