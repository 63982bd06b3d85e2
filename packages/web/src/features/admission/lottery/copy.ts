/** @module Copy text to the clipboard, also where the Clipboard API is missing (plain HTTP on an intranet). */
import { ElMessage } from '../../../shared/ui';

export async function copyText(text: string, what = '内容'): Promise<void> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
    } else {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    ElMessage.success(`已复制${what}`);
  } catch {
    ElMessage.warning(`无法自动复制，请手动选中${what}复制`);
  }
}
