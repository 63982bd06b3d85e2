/**
 * @module Uploaded import files, one way for every import route: the body is the file's bytes
 * (application/octet-stream) and its name comes in X-File-Name (percent-encoded for Chinese names);
 * a refused file answers 422 `importInvalid` with every error, having written nothing.
 */
import { errorCount, type ImportError, listedErrors, toIssue } from '@junheng/io';
import type { FastifyRequest } from 'fastify';
import { ApiError, words } from './errors.js';

/**
 * The uploaded file of a request.
 * @param expect what to choose, for the message when nothing came, e.g. '填好的新生名单（.xlsx 或 .csv）'
 * @param fallbackName the name used when the client sent none
 * @throws ApiError 400 when the body is empty or not bytes
 */
export function uploadedFile(
  req: FastifyRequest,
  expect: string,
  fallbackName = 'upload.xlsx',
): { bytes: Buffer; name: string } {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    throw new ApiError(400, 'invalidRequest', words('common.uploadMissing', { expect }));
  }
  const raw = req.headers['x-file-name'];
  let name = typeof raw === 'string' && raw !== '' ? raw : fallbackName;
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded: keep as sent.
  }
  // A path sent as the name (some browsers, curl -T) keeps only its last part.
  return { bytes: req.body, name: name.replace(/^.*[\\/]/, '') };
}

/** An error of any import reader as an ImportError (zoning issues may lack the file). */
function asImportError(e: unknown, file: string): ImportError {
  const o = (e ?? {}) as Partial<ImportError>;
  return {
    ...o,
    file: typeof o.file === 'string' ? o.file : file,
    message: String(o.message ?? words('common.issueDefault')),
  };
}

/**
 * The 422 answer to a file with errors: the first errors (200) as rows of the error table, each
 * with a code and a fix, then one line counting the rest.
 * @param what what was not imported, e.g. '申请人' (default '数据')
 */
export function importInvalid(
  errors: readonly unknown[],
  file: string,
  what = words('common.importInvalidWhat'),
): ApiError {
  const all = errors.map((e) => asImportError(e, file));
  return new ApiError(
    422,
    'importInvalid',
    words('common.importInvalid', { file, count: errorCount(all), what }),
    listedErrors(all).map(toIssue),
  );
}
