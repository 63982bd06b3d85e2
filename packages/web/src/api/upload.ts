/**
 * @module File upload with progress (imports): XMLHttpRequest, because fetch reports no upload
 * progress. The body is the raw file (`application/octet-stream`), its name in `X-File-Name`
 * percent-encoded as UTF-8 (header values cannot carry Chinese characters as such).
 */
import { t } from '../shared/messages';
import { ApiError, errorFromResponse, getCsrfToken, networkError, reportUnauthenticated } from './client';

export interface UploadOptions {
  /** 0..100 while the file is sent. */
  onProgress?: (percent: number) => void;
  /** Called once the whole file is sent and the server is working on it. */
  onSent?: () => void;
}

/**
 * Sends one file and parses the JSON answer.
 * @throws ApiError (e.g. 422 importInvalid with the error list in `details`)
 */
export function uploadFile<T>(url: string, file: File, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && opts.onProgress) opts.onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.upload.onload = () => {
      opts.onProgress?.(100);
      opts.onSent?.();
    };
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status >= 400) {
        const err = errorFromResponse(xhr.status, text);
        reportUnauthenticated(url, err);
        reject(err);
        return;
      }
      try {
        resolve((text ? JSON.parse(text) : undefined) as T);
      } catch {
        reject(new ApiError(xhr.status, 'badResponse', t('web.api.badResponse')));
      }
    };
    xhr.send(file);
  });
}
