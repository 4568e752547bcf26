import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError, type ErrorCode, type ErrorDetail, errorCatalogue } from '../errors.ts';

/**
 * The five REST envelope styles of DESIGN.md, plus `raw` (OAuth-style bodies sent as they are).
 * Success bodies are assembled around the JSON the adapter already serialised, so the data is
 * never stringified twice.
 */
export type EnvelopeStyle = 'mini' | 'admin' | 'mobile' | 'v1' | 'bi' | 'raw';
export type DataShape = 'wrap' | 'spread' | 'bare';

/** An error reduced to what every envelope needs. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

export interface Rendered {
  status: number;
  /** null for 204. */
  body: string | null;
}

const TRPC_TO_DOMAIN: Partial<Record<TRPCError['code'], ErrorCode>> = {
  PARSE_ERROR: 'MALFORMED_REQUEST',
  BAD_REQUEST: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'PERMISSION_DENIED',
  NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  BAD_GATEWAY: 'UPSTREAM_ERROR',
};

/** Field name of a zod issue path, `body` when the whole input is wrong. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : 'body';
}

/**
 * Reduces anything thrown to a WireError: AppError as is, zod failures to VALIDATION_FAILED with
 * one detail per issue, tRPC's own errors by code, and everything else to INTERNAL with a generic
 * message (the cause is for the log only).
 */
export function toWireError(err: unknown): WireError {
  const cause = err instanceof TRPCError ? (err.cause ?? err) : err;
  if (cause instanceof AppError) return { code: cause.code, message: cause.message, details: cause.details };
  if (cause instanceof z.ZodError || (cause instanceof Error && cause.name === 'ZodError')) {
    const issues = (cause as z.ZodError).issues;
    return {
      code: 'VALIDATION_FAILED',
      message: 'Validation failed',
      details: issues.map((i) => ({ field: fieldOf(i.path), message: i.message })),
    };
  }
  if (err instanceof TRPCError) {
    const code = TRPC_TO_DOMAIN[err.code];
    if (code) return { code, message: err.message, details: [] };
  }
  return { code: 'INTERNAL', message: 'Internal server error', details: [] };
}

const ZH_VALIDATION = '参数验证失败';
/** Mini, admin and mobile bodies have no `details`: fold the field problems into the message. */
function withDetails(prefix: string, e: WireError): string {
  if (e.code !== 'VALIDATION_FAILED' || e.details.length === 0) return e.message;
  return `${prefix}: ${e.details.map((d) => `${d.field} ${d.message}`).join('; ')}`;
}
const zhMessage = (e: WireError) => (e.code === 'INTERNAL' ? '服务器内部错误' : withDetails(ZH_VALIDATION, e));

/** spec 001's error_code spelling of the domain codes. */
const ADMIN_CODES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'VALIDATION_ERROR',
  ROUTE_NOT_FOUND: 'RESOURCE_NOT_FOUND',
  MALFORMED_REQUEST: 'VALIDATION_ERROR',
  NOT_FOUND: 'RESOURCE_NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INTERNAL: 'INTERNAL_ERROR',
};
/** spec 002's `code` spelling. */
const MOBILE_CODES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'VALIDATION_ERROR',
  MALFORMED_REQUEST: 'VALIDATION_ERROR',
  UNAUTHENTICATED: 'AUTHENTICATION_ERROR',
  INVALID_CREDENTIALS: 'AUTHENTICATION_ERROR',
  PERMISSION_DENIED: 'AUTHORIZATION_ERROR',
  NOT_FOUND: 'NOT_FOUND_ERROR',
  ROUTE_NOT_FOUND: 'NOT_FOUND_ERROR',
  USER_NOT_FOUND: 'NOT_FOUND_ERROR',
  FILE_NOT_FOUND: 'NOT_FOUND_ERROR',
  DUPLICATE_RESOURCE: 'CONFLICT_ERROR',
  CONFLICT: 'CONFLICT_ERROR',
  INTERNAL: 'INTERNAL_ERROR',
};
/** spec 003's `code` spelling. */
const V1_CODES: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: 'RESOURCE_NOT_FOUND',
  ROUTE_NOT_FOUND: 'RESOURCE_NOT_FOUND',
  USER_NOT_FOUND: 'RESOURCE_NOT_FOUND',
  MALFORMED_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  PERMISSION_DENIED: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMIT_EXCEEDED',
  INTERNAL: 'INTERNAL_ERROR',
};
const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** HTTP status of an error in a style: mini answers business failures with 200 (spec 000). */
export function errorStatus(style: EnvelopeStyle, code: ErrorCode): number {
  const entry = errorCatalogue[code];
  if (style === 'mini' && entry.business) return 200;
  if (style === 'v1' && code === 'VALIDATION_FAILED') return 422;
  return entry.httpStatus;
}

/** Renders an error body in a style (DESIGN.md's table), with its status. */
export function renderError(style: EnvelopeStyle, e: WireError, now = Date.now()): Rendered {
  const status = errorStatus(style, e.code);
  const httpStatus = errorCatalogue[e.code].httpStatus;
  let body: unknown;
  switch (style) {
    case 'mini':
      body = { success: false, message: zhMessage(e), timestamp: now };
      break;
    case 'admin':
      body = { success: false, message: zhMessage(e), error_code: ADMIN_CODES[e.code] ?? e.code };
      break;
    case 'mobile':
      body = { success: false, message: zhMessage(e), code: MOBILE_CODES[e.code] ?? e.code, timestamp: new Date(now).toISOString() };
      break;
    case 'v1':
      body = { status: 'error', code: V1_CODES[e.code] ?? e.code, message: e.message, details: e.details };
      break;
    case 'bi':
      body = { success: false, error: REASON[httpStatus] ?? 'Error', message: e.message };
      break;
    case 'raw':
      body = { error: e.code.toLowerCase(), error_description: e.message };
      break;
  }
  return { status, body: JSON.stringify(body) };
}

/**
 * Renders a success body around `dataJson`, the output already serialised (undefined for void).
 * `spread` requires an object output.
 */
export function renderSuccess(
  style: EnvelopeStyle,
  opts: { dataJson: string | undefined; shape: DataShape; message: string; status: number },
  now = Date.now(),
): Rendered {
  const { dataJson, shape, status } = opts;
  if (status === 204) return { status, body: null };
  const data = dataJson ?? 'null';
  if (shape === 'bare' || style === 'raw') return { status, body: data };
  const msg = JSON.stringify(opts.message);
  const spread = (head: string) => (data.length > 2 && data.startsWith('{') ? `${head},${data.slice(1)}` : `${head}}`);
  switch (style) {
    case 'mini':
      // the health check's 503 stays in the success shape but must not claim success
      return { status, body: `{"success":${status < 400},"message":${msg},"timestamp":${now},"data":${data}}` };
    case 'admin':
      return {
        status,
        body: dataJson === undefined ? `{"success":true,"message":${msg}}` : `{"success":true,"message":${msg},"data":${data}}`,
      };
    case 'mobile':
      return { status, body: shape === 'spread' ? spread('{"success":true') : `{"success":true,"message":${msg},"data":${data}}` };
    case 'v1':
      return {
        status,
        body:
          shape === 'spread'
            ? spread('{"status":"success"')
            : `{"status":"success","data":${data},"meta":{"serverTime":"${new Date(now).toISOString()}"}}`,
      };
    case 'bi':
      return { status, body: `{"success":true,"data":${data}}` };
  }
}

// ---- OpenAPI: the bodies REST clients really receive ------------------------------------------

/** JSON-schema of a success body in a style, given the output's JSON schema. */
export function successBodySchema(style: EnvelopeStyle, shape: DataShape, data: Record<string, unknown>): Record<string, unknown> {
  if (shape === 'bare' || style === 'raw') return data;
  const obj = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required });
  const spreadInto = (head: Record<string, unknown>, headRequired: string[]) => ({
    allOf: [obj(head, headRequired), data],
  });
  switch (style) {
    case 'mini':
      return obj({ success: { const: true }, message: { type: 'string' }, timestamp: { type: 'integer', description: 'epoch ms' }, data }, [
        'success',
        'message',
        'timestamp',
        'data',
      ]);
    case 'admin':
      return obj({ success: { const: true }, message: { type: 'string' }, data }, ['success', 'message']);
    case 'mobile':
      return shape === 'spread'
        ? spreadInto({ success: { const: true } }, ['success'])
        : obj({ success: { const: true }, message: { type: 'string' }, data }, ['success', 'data']);
    case 'v1':
      return shape === 'spread'
        ? spreadInto({ status: { const: 'success' } }, ['status'])
        : obj({ status: { const: 'success' }, data, meta: obj({ serverTime: { type: 'string', format: 'date-time' } }, ['serverTime']) }, [
            'status',
            'data',
            'meta',
          ]);
    case 'bi':
      return obj({ success: { const: true }, data }, ['success', 'data']);
  }
}

/** JSON-schema of an error body in a style. */
export function errorBodySchema(style: EnvelopeStyle): Record<string, unknown> {
  const s = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: Object.keys(properties) });
  const str = { type: 'string' };
  switch (style) {
    case 'mini':
      return s({ success: { const: false }, message: str, timestamp: { type: 'integer' } });
    case 'admin':
      return s({ success: { const: false }, message: str, error_code: str });
    case 'mobile':
      return s({ success: { const: false }, message: str, code: str, timestamp: { type: 'string', format: 'date-time' } });
    case 'v1':
      return s({ status: { const: 'error' }, code: str, message: str, details: { type: 'array', items: s({ field: str, message: str }) } });
    case 'bi':
      return s({ success: { const: false }, error: str, message: str });
    case 'raw':
      return s({ error: str, error_description: str });
  }
}
