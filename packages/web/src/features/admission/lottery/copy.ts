/** @module Copy text to the clipboard, also where the Clipboard API is missing (plain HTTP on an intranet). */
import { t } from '../../../shared/messages';
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
    ElMessage.success(t('web.lottery.copied', { what }));
  } catch {
    ElMessage.warning(t('web.lottery.copyFailed', { what }));
  }
}
