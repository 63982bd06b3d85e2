/**
 * @module Every error a response can carry: `{code, message, details?}` with a stable code and a
 * Chinese message that says what to fix (docs/api.md lists the codes). The domain errors of
 * @junheng/db are mapped here, in one table per error class, so a route never picks a status.
 */
import {
  type Issue,
  type MessageKey,
  type MessageParams,
  message,
  Refusal,
  type RefusalCode,
  useMessageOverrides as useCatalogueOverrides,
} from '@junheng/core';
import { DatasetError, ERROR_CODES, sqlState } from '@junheng/db';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** An error the API answers with: HTTP status, stable code, Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The HTTP status of each code a command's Refusal carries (core messages/refusal.ts). */
const REFUSAL_STATUS: Record<RefusalCode, number> = {
  notFound: 404,
  notAllowed: 403,
  invalidRequest: 400,
  importInvalid: 422,
  conflict: 409,
  wrongState: 409,
  reportsOutstanding: 409,
  reasonRequired: 400,
  commentsRequired: 400,
  weakPassword: 400,
  usernameTaken: 409,
  wrongPassword: 400,
  lockedOut: 429,
  unauthenticated: 401,
};

/** A message of the catalogue in the wording in force (core useMessageOverrides, overrides included). */
export function words(key: MessageKey, params?: MessageParams): string {
  return message(key, params);
}
const translate = words;

let overridesInForce: Readonly<Record<string, string>> = {};

/** Uses a province's wording (checked with core checkOverrides) for every message from now on. */
export function useMessageOverrides(overrides: Readonly<Record<string, string>>): void {
  useCatalogueOverrides(overrides);
  overridesInForce = { ...overrides };
}

/** The province's overrides in force (GET /api/meta/messages serves them to the web). */
export function messageOverrides(): Readonly<Record<string, string>> {
  return overridesInForce;
}

const DATASET_ERRORS: Record<DatasetError['code'], [number, string]> = {
  schoolOutsideCounty: [422, 'importInvalid'],
  schoolInOtherCounty: [422, 'importInvalid'],
  schoolNotOpen: [422, 'importInvalid'],
  reportLocked: [409, 'wrongState'],
  reportNotEditable: [409, 'wrongState'],
  unknownActor: [401, 'unauthenticated'],
  countyNotFound: [404, 'notFound'],
};

/**
 * SQLSTATEs of the schema's own triggers that a request can meet when it races another one (the db
 * commands check the state first, so only a concurrent change gets this far): 409 with what to do.
 */
const TRIGGER_ERRORS: Record<string, [number, string, MessageKey]> = {
  [ERROR_CODES.admissionFrozen]: [409, 'wrongState', 'common.admissionFrozen'],
  [ERROR_CODES.lotteryDrawLocked]: [409, 'wrongState', 'common.lotteryDrawLocked'],
  [ERROR_CODES.classPlacementLocked]: [409, 'wrongState', 'common.classPlacementLocked'],
  [ERROR_CODES.zoningPlanLocked]: [409, 'wrongState', 'common.zoningPlanLocked'],
};

/** Fastify's own errors a client can cause. */
const FASTIFY_ERRORS: Record<string, [number, string, MessageKey]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'tooLarge', 'common.bodyTooLarge'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupportedMediaType', 'common.unsupportedMediaType'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalidRequest', 'common.emptyJsonBody'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalidRequest', 'common.invalidJsonBody'],
};

function zodDetails(err: FastifyError): Issue[] {
  return (err.validation ?? []).map((v) => ({
    code: 'invalidField',
    path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
    message: v.message ?? translate('common.fieldInvalid'),
    fix: translate('common.fieldFix'),
  }));
}

const PLACES: Record<string, MessageKey> = {
  body: 'common.placeBody',
  querystring: 'common.placeQuery',
  params: 'common.placeParams',
  headers: 'common.placeHeaders',
};

/** One problem of a refusal's list as the contract's Issue: every row has a code and a fix. */
function asIssue(d: unknown): Issue {
  const o = (typeof d === 'object' && d !== null ? d : { message: String(d) }) as Record<string, unknown>;
  const issue: Issue = {
    code: typeof o.code === 'string' ? o.code : 'invalidValue',
    message: typeof o.message === 'string' ? o.message : translate('common.issueDefault'),
    fix: typeof o.fix === 'string' && o.fix !== '' ? o.fix : translate('common.issueFixDefault'),
  };
  for (const k of ['file', 'sheet', 'column', 'path'] as const) if (typeof o[k] === 'string') issue[k] = o[k];
  for (const k of ['row', 'omitted'] as const) if (typeof o[k] === 'number') issue[k] = o[k];
  if (o.value !== undefined && o.value !== null) issue.value = o.value;
  return issue;
}

/**
 * The details as the contract describes them (platform/schemas.ts errorBody): a list of problems
 * as Issues, whoever made it; the outstanding reports and a conflict's state as they are.
 */
function presentDetails(code: string, details: unknown): unknown {
  // The one object the contract has is a conflict's state; anything else would fail the answer's
  // schema (a 500 instead of the refusal), so it is left out.
  if (!Array.isArray(details)) {
    return typeof details === 'object' && details !== null && 'currentVersion' in details
      ? details
      : undefined;
  }
  // publishRun's list of reports not yet approved, by the refusal's code (not by its shape).
  return code === 'reportsOutstanding' ? details : details.map(asIssue);
}

const withDetails = (body: { code: string; message: string }, details: unknown): ErrorBody =>
  details === undefined ? body : { ...body, details };

/**
 * Turns anything thrown by a route into the status and body to send.
 * @returns status, body, and whether it is the server's fault (to be logged as an error)
 */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; serverFault: boolean } {
  const send = (status: number, code: string, message: string, details?: unknown) => ({
    status,
    body: withDetails({ code, message }, presentDetails(code, details)),
    serverFault: status >= 500,
  });
  if (err instanceof ApiError) return send(err.status, err.code, err.message, err.details);
  if (err instanceof Refusal) {
    return send(REFUSAL_STATUS[err.code], err.code, translate(err.key, err.params), err.details);
  }
  if (err instanceof DatasetError) {
    const [status, code] = DATASET_ERRORS[err.code];
    const details =
      err.schoolIds.length > 0
        ? err.schoolIds.map(
            (id): Issue => ({
              code: err.code,
              message: err.message,
              fix: translate('common.datasetSchoolFix'),
              column: translate('common.datasetSchoolColumn'),
              value: id,
            }),
          )
        : undefined;
    return send(status, code, err.message, details);
  }
  // Two requests that each hold a row the other needs (PostgreSQL detects it and aborts one), or a
  // serialisation failure: nothing was written by the aborted one, and trying again succeeds.
  const state = sqlState(err);
  if (state === '40P01' || state === '40001') {
    return send(409, 'conflict', translate('common.concurrentChange'));
  }
  // A NUL character that reached the database some other way than a request's own fields (the
  // preValidation hook refuses those): a file's cell, say.
  if (state === '22021' || state === '22P05') {
    return send(400, 'invalidRequest', translate('common.unstorableCharacter'));
  }
  const trigger =
    state !== undefined && Object.hasOwn(TRIGGER_ERRORS, state) ? TRIGGER_ERRORS[state] : undefined;
  if (trigger) return send(trigger[0], trigger[1], translate(trigger[2]));
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const details = zodDetails(fe);
    const where = translate(PLACES[fe.validationContext ?? ''] ?? 'common.placeRequest');
    const first = details[0];
    const more =
      details.length > 1 ? translate('common.requestInvalidMore', { count: details.length - 1 }) : '';
    const message = first
      ? translate('common.requestInvalid', {
          where,
          path: first.path || translate('common.wholeRequest'),
          message: first.message,
        }) + more
      : translate('common.requestInvalidBare', { where });
    return send(400, 'invalidRequest', message, details);
  }
  if (isResponseSerializationError(fe)) {
    return send(500, 'internal', translate('common.responseNotInContract'));
  }
  if (typeof fe.code === 'string' && FASTIFY_ERRORS[fe.code]) {
    const [status, code, key] = FASTIFY_ERRORS[fe.code];
    return send(status, code, translate(key));
  }
  if (fe.statusCode === 429) {
    // @fastify/rate-limit throws what app.ts's errorResponseBuilder made (with the wait time).
    const own = (err as { code?: string; message?: string }).code === 'rateLimited';
    return send(429, 'rateLimited', own && fe.message ? fe.message : translate('common.rateLimited'));
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return send(
      fe.statusCode,
      'invalidRequest',
      translate('common.requestInvalidPlain', { message: fe.message }),
    );
  }
  return send(500, 'internal', translate('common.internal'));
}
