/**
 * @module Input no route should have to think about, refused once for every route: a NUL
 * character (PostgreSQL cannot store it in text, so it used to surface as a 500) in the query, the
 * path or a JSON body, and JSON nested deeper than any real document (a request body or an
 * uploaded .json file), which overflowed the stack further down.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError, words } from './errors.js';

/** Nesting no real document reaches (a GeoJSON MultiPolygon is about 8 levels deep). */
export const MAX_JSON_DEPTH = 64;

const PLACES = {
  query: 'common.placeQuery',
  params: 'common.placeParams',
  body: 'common.placeBody',
} as const;

const tooDeep = () =>
  new ApiError(400, 'invalidRequest', words('common.jsonTooDeep', { max: MAX_JSON_DEPTH }));

/**
 * The deepest nesting of brackets in JSON text, counted outside strings, in one pass without
 * recursion (so it cannot itself overflow).
 * @param text JSON text (or bytes of it; only ASCII brackets, quotes and backslashes matter)
 * @param stopAt stop counting once this depth is exceeded
 */
export function jsonNesting(text: string | Uint8Array, stopAt = MAX_JSON_DEPTH): number {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return deepest;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return deepest;
}

/** Whether bytes of an upload are JSON (first character after a BOM and blanks is { or [). */
function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  ) {
    i++;
  }
  return bytes[i] === 0x5b || bytes[i] === 0x7b;
}

/** @throws ApiError 400 when an uploaded JSON file is nested too deep (spreadsheets pass untouched) */
export function checkUploadNesting(bytes: Uint8Array): void {
  if (looksLikeJson(bytes) && jsonNesting(bytes) > MAX_JSON_DEPTH) throw tooDeep();
}

type BodyParser = (
  req: FastifyRequest,
  body: string,
  done: (err: Error | null, body?: unknown) => void,
) => void;

/**
 * Fastify's own JSON body parser, behind a check of the nesting.
 * @param parser the default one (`app.getDefaultJsonParser`)
 */
export function nestingCheckedJson(parser: BodyParser): BodyParser {
  return (req, body, done) => {
    if (jsonNesting(body) > MAX_JSON_DEPTH) done(tooDeep());
    else parser(req, body, done);
  };
}

/**
 * Where the first NUL character is in a parsed value (keys and strings), as a dotted path; walked
 * with an explicit stack. Buffers (uploads) are not looked into: a workbook is binary.
 * @returns the path ('' for the value itself), or null when there is none
 */
export function findNul(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      for (const [k, child] of Object.entries(v)) {
        const at = path === '' ? k : `${path}.${k}`;
        if (k.includes('\u0000')) return path;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/** The preValidation hook: refuses a NUL character in the query, the path or the body. */
export async function refuseNulCharacters(req: FastifyRequest): Promise<void> {
  for (const [part, where] of Object.entries(PLACES) as [
    keyof typeof PLACES,
    (typeof PLACES)[keyof typeof PLACES],
  ][]) {
    const path = findNul(req[part]);
    if (path !== null) {
      throw new ApiError(
        400,
        'invalidRequest',
        words('common.nulCharacter', {
          where: words(where),
          at: path ? words('common.nulCharacterAt', { path }) : '',
        }),
        [{ code: 'invalidCharacter', path, message: words('common.nulIssue'), fix: words('common.nulFix') }],
      );
    }
  }
}
