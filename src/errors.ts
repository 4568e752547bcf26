import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/**
 * The closed catalogue of domain error codes. Each maps to one HTTP status and one tRPC code;
 * every envelope style renders an AppError from this table (src/trpc/envelopes.ts).
 * `business` marks failures that the mini envelope answers with HTTP 200 + success:false
 * (ROUTES.md "mini"); bad input is never a business failure: it gets a 4xx everywhere.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  MALFORMED_REQUEST: { httpStatus: 400, trpcCode: 'PARSE_ERROR', business: false },
  METHOD_NOT_ALLOWED: { httpStatus: 405, trpcCode: 'METHOD_NOT_SUPPORTED', business: false },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, trpcCode: 'UNSUPPORTED_MEDIA_TYPE', business: false },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, trpcCode: 'PAYLOAD_TOO_LARGE', business: false },
  UNAUTHENTICATED: { httpStatus: 401, trpcCode: 'UNAUTHORIZED', business: false },
  INVALID_CREDENTIALS: { httpStatus: 401, trpcCode: 'UNAUTHORIZED', business: false },
  PERMISSION_DENIED: { httpStatus: 403, trpcCode: 'FORBIDDEN', business: false },
  NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  /** No operation at this method and path: a client bug, 404 in every style. */
  ROUTE_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: false },
  USER_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  FILE_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  DUPLICATE_RESOURCE: { httpStatus: 409, trpcCode: 'CONFLICT', business: true },
  CONFLICT: { httpStatus: 409, trpcCode: 'CONFLICT', business: true },
  FILE_UPLOAD_ERROR: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: true },
  RATE_LIMITED: { httpStatus: 429, trpcCode: 'TOO_MANY_REQUESTS', business: false },
  // mini-program business failures (spec 000: HTTP 200 + success:false)
  WECHAT_LOGIN_FAILED: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  INVITE_CODE_INVALID: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: true },
  INVITE_CODE_MISMATCH: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: true },
  COMPANY_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  COMPANY_NOT_BOUND: { httpStatus: 409, trpcCode: 'PRECONDITION_FAILED', business: true },
  WECHAT_SEND_FAILED: { httpStatus: 502, trpcCode: 'BAD_GATEWAY', business: true },
  // upstream systems
  UPSTREAM_ERROR: { httpStatus: 502, trpcCode: 'BAD_GATEWAY', business: false },
  SERVICE_UNAVAILABLE: { httpStatus: 503, trpcCode: 'SERVICE_UNAVAILABLE', business: false },
  DATABASE_ERROR: { httpStatus: 500, trpcCode: 'INTERNAL_SERVER_ERROR', business: false },
  INTERNAL: { httpStatus: 500, trpcCode: 'INTERNAL_SERVER_ERROR', business: false },
} as const satisfies Record<string, { httpStatus: number; trpcCode: TRPC_ERROR_CODE_KEY; business: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** One field-level problem, as spec 003's `details` lists them. */
export interface ErrorDetail {
  field: string;
  message: string;
}

/** The single error type services throw. The message is safe to show to the caller. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
  readonly retryAfterSeconds: number | undefined;

  get httpStatus(): number {
    return errorCatalogue[this.code].httpStatus;
  }
}

/** `NotFound(entity, id)` in one line, always the same wording (OpenStatus' NotFoundError). */
export function notFound(entity: string, id: string | number): AppError {
  return new AppError('NOT_FOUND', `${entity} not found`, [{ field: 'id', message: `${entity} ${id} does not exist` }]);
}
