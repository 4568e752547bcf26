import { type ErrorCode, errorCatalogue } from '../errors.ts';
import type { Family } from './meta.ts';

/**
 * How each client family spells a domain error: its `code` (DESIGN.md's table) and HTTP status.
 * The renderer (render.ts) and the document (openapi.ts) both read these.
 */

/** spec 001's error_code spelling of the domain codes. */
const ADMIN_CODES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'VALIDATION_ERROR',
  MALFORMED_REQUEST: 'VALIDATION_ERROR',
  ROUTE_NOT_FOUND: 'RESOURCE_NOT_FOUND',
  NOT_FOUND: 'RESOURCE_NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_TOKEN: 'UNAUTHORIZED',
  INSUFFICIENT_SCOPE: 'PERMISSION_DENIED',
  INTERNAL: 'INTERNAL_ERROR',
};
/** spec 002's `code` spelling. */
const MOBILE_CODES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'VALIDATION_ERROR',
  MALFORMED_REQUEST: 'VALIDATION_ERROR',
  UNAUTHENTICATED: 'AUTHENTICATION_ERROR',
  INVALID_TOKEN: 'AUTHENTICATION_ERROR',
  INVALID_CREDENTIALS: 'AUTHENTICATION_ERROR',
  PERMISSION_DENIED: 'AUTHORIZATION_ERROR',
  INSUFFICIENT_SCOPE: 'AUTHORIZATION_ERROR',
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
  INVALID_TOKEN: 'UNAUTHORIZED',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  PERMISSION_DENIED: 'FORBIDDEN',
  INSUFFICIENT_SCOPE: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMIT_EXCEEDED',
  INTERNAL: 'INTERNAL_ERROR',
};
/** The mini-program's stable `code`s (the original client switches to the bind tab on NEED_INVITE_BIND). */
const MINI_CODES: Partial<Record<ErrorCode, string>> = {
  COMPANY_NOT_BOUND: 'NEED_INVITE_BIND',
  ROUTE_NOT_FOUND: 'NOT_FOUND',
  INVALID_TOKEN: 'UNAUTHENTICATED',
};
/** RFC 6749 §5.2 `error` of the codes the OAuth endpoints can meet besides their own. */
const OAUTH_GENERIC: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'invalid_request',
  MALFORMED_REQUEST: 'invalid_request',
  UNSUPPORTED_MEDIA_TYPE: 'invalid_request',
  PAYLOAD_TOO_LARGE: 'invalid_request',
  HEADERS_TOO_LARGE: 'invalid_request',
  ROUTE_NOT_FOUND: 'invalid_request',
  METHOD_NOT_ALLOWED: 'invalid_request',
  RATE_LIMITED: 'too_many_requests',
  SERVICE_UNAVAILABLE: 'temporarily_unavailable',
  INTERNAL: 'server_error',
  DATABASE_ERROR: 'server_error',
};

/** The `code` a family puts in its error body for a domain code. */
export function familyErrorCode(family: Family, code: ErrorCode): string {
  switch (family) {
    case 'admin':
      return ADMIN_CODES[code] ?? code;
    case 'mobile':
      return MOBILE_CODES[code] ?? code;
    case 'v1':
      return V1_CODES[code] ?? code;
    case 'mini':
      return MINI_CODES[code] ?? code;
    case 'oauth':
      return code.startsWith('OAUTH_') ? code.slice(6).toLowerCase() : (OAUTH_GENERIC[code] ?? 'invalid_request');
    default:
      return code;
  }
}

/** The reason phrase of a status (RFC 9110 §15), the BI family's `error`. */
export const REASON: Record<number, string> = {
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
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** HTTP status of an error in a family: mini answers business failures with 200 (spec 000), v1 validation 422 (spec 003). */
export function errorStatus(family: Family, code: ErrorCode): number {
  const entry = errorCatalogue[code];
  if (family === 'mini' && entry.business) return 200;
  if (family === 'v1' && code === 'VALIDATION_FAILED') return 422;
  // RFC 6749 §5.2: a malformed token request is a 400 invalid_request, whatever made it so
  if (family === 'oauth' && OAUTH_GENERIC[code] === 'invalid_request') return 400;
  return entry.httpStatus;
}
