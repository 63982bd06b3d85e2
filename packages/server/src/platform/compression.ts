/**
 * @module Compressed API answers: a JSON (or CSV) answer of 1 kB or more goes brotli- or
 * gzip-compressed to a client that accepts it. The public result of a county is about 75 kB of
 * JSON, under 10 kB compressed: on a phone's slow link that is most of the page's data. (The web
 * app's files come precompressed from the build: app.ts, @fastify/static preCompressed.)
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compressing costs more than it saves. */
const MIN_BYTES = 1024;
const COMPRESSIBLE_TYPES = /^(application\/json|text\/csv|text\/plain)\b/;

type Encoding = 'br' | 'gzip';

/**
 * How each encoding compresses: brotli at a middle quality (level 11 is for files compressed
 * once at build time, too slow per request), gzip at its default.
 */
const ENCODERS: Record<Encoding, (body: string) => Promise<Buffer>> = {
  br: (body) =>
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (body) => gzipAsync(body),
};

/** The client's preferred encoding among ours (Accept-Encoding, q=0 refuses), br first on a tie. */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  let best: { encoding: Encoding; q: number } | null = null;
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const encoding = token === 'br' || token === 'gzip' ? token : token === '*' ? 'br' : null;
    if (!encoding || !(q > 0)) continue;
    if (!best || q > best.q || (q === best.q && encoding === 'br')) best = { encoding, q };
  }
  return best?.encoding ?? null;
}

/** The onSend hook: compresses a serialised answer when it is worth it and the client accepts it. */
export async function compressAnswer(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  if (typeof payload !== 'string' || req.method === 'HEAD' || reply.getHeader('content-encoding'))
    return payload;
  if (!COMPRESSIBLE_TYPES.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  if (Buffer.byteLength(payload) < MIN_BYTES) return payload;
  // Whether or not this client gets it compressed, the answer depends on Accept-Encoding.
  reply.header('vary', 'accept-encoding');
  const encoding = preferredEncoding(req.headers['accept-encoding']);
  if (!encoding) return payload;
  const body = await ENCODERS[encoding](payload);
  reply.header('content-encoding', encoding);
  reply.removeHeader('content-length');
  return body;
}
