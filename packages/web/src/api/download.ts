/**
 * @module Downloads of generated files (reports, templates): fetched with the session cookie so
 * errors come back as messages, then saved through a temporary link under the server's file name.
 */
import { buildUrl, errorFromResponse, networkError, type Query, reportUnauthenticated } from './client';

/**
 * The file name of a Content-Disposition header: `filename*=UTF-8''…` (RFC 5987) wins over
 * `filename="…"`.
 * @returns the name, or null when the header names none
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (star) {
    const raw = star[1].trim().replace(/^"(.*)"$/, '$1');
    const m = /^([\w-]+)'[^']*'(.*)$/.exec(raw);
    try {
      return decodeURIComponent(m ? m[2] : raw);
    } catch {
      // fall through to filename=
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  if (plain) {
    const name = (plain[2] ?? plain[1]).trim();
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  }
  return null;
}

/** Saves a blob under a file name (a temporary object URL and link). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads a file of the API and saves it.
 * @param fallbackName used when the response names no file
 * @throws ApiError with the server's message when it refuses
 */
export async function downloadFile(
  path: string,
  query: Query | undefined,
  fallbackName: string,
): Promise<string> {
  const url = buildUrl(path, query);
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  if (!res.ok) {
    const err = errorFromResponse(res.status, await res.text());
    reportUnauthenticated(path, err);
    throw err;
  }
  const blob = await res.blob();
  const name = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallbackName;
  saveBlob(blob, name);
  return name;
}
