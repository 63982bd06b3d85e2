/**
 * @module Element Plus messages called from scripts, imported from their own folder with their
 * stylesheet: templates get their components on demand (vite.config.ts), but a service called from
 * a script is in no template. The confirm and prompt boxes are in messageBox.ts, so that the public
 * pages, which never ask anything, do not load them.
 */
import 'element-plus/es/components/message/style/css';

export { ElMessage } from 'element-plus/es/components/message/index.mjs';
