import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/**
 * The closed catalogue of domain error codes. Each maps to one HTTP status and one tRPC code;
 * the edge renders an AppError in every family's envelope from this table (src/edge/render.ts).
 * `business` marks failures that the mini envelope answers with HTTP 200 + success:false
 * (ROUTES.md "mini"); bad input is never a business failure: it gets a 4xx everywhere.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  MALFORMED_REQUEST: { httpStatus: 400, trpcCode: 'PARSE_ERROR', business: false },
  METHOD_NOT_ALLOWED: { httpStatus: 405, trpcCode: 'METHOD_NOT_SUPPORTED', business: false },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, trpcCode: 'UNSUPPORTED_MEDIA_TYPE', business: false },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, trpcCode: 'PAYLOAD_TOO_LARGE', business: false },
  HEADERS_TOO_LARGE: { httpStatus: 431, trpcCode: 'BAD_REQUEST', business: false },
  /** No credentials where they are required (RFC 6750 §3.1: the challenge carries no error code). */
  UNAUTHENTICATED: { httpStatus: 401, trpcCode: 'UNAUTHORIZED', business: false },
  /** A bearer token that is malformed, expired, revoked or meant for another client family (RFC 6750 `invalid_token`). */
  INVALID_TOKEN: { httpStatus: 401, trpcCode: 'UNAUTHORIZED', business: false },
  INVALID_CREDENTIALS: { httpStatus: 401, trpcCode: 'UNAUTHORIZED', business: false },
  /** The token lacks the OAuth scope the operation requires (RFC 6750 `insufficient_scope`). */
  INSUFFICIENT_SCOPE: { httpStatus: 403, trpcCode: 'FORBIDDEN', business: false },
  PERMISSION_DENIED: { httpStatus: 403, trpcCode: 'FORBIDDEN', business: false },
  NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  /** No operation at this method and path: a client bug, 404 in every family. */
  ROUTE_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: false },
  USER_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  FILE_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  DUPLICATE_RESOURCE: { httpStatus: 409, trpcCode: 'CONFLICT', business: true },
  CONFLICT: { httpStatus: 409, trpcCode: 'CONFLICT', business: true },
  FILE_UPLOAD_ERROR: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: true },
  RATE_LIMITED: { httpStatus: 429, trpcCode: 'TOO_MANY_REQUESTS', business: false },
  /** The client went away before its request was read: recorded, never answered, never a 5xx. */
  CLIENT_ABORTED: { httpStatus: 499, trpcCode: 'CLIENT_CLOSED_REQUEST', business: false },
  // mini-program business failures (spec 000: HTTP 200 + success:false)
  WECHAT_LOGIN_FAILED: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  INVITE_CODE_INVALID: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: true },
  INVITE_CODE_MISMATCH: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: true },
  COMPANY_NOT_FOUND: { httpStatus: 404, trpcCode: 'NOT_FOUND', business: true },
  COMPANY_NOT_BOUND: { httpStatus: 409, trpcCode: 'PRECONDITION_FAILED', business: true },
  WECHAT_SEND_FAILED: { httpStatus: 502, trpcCode: 'BAD_GATEWAY', business: true },
  // OAuth protocol outcomes (RFC 6749 §5.2, RFC 8628 §3.5), rendered as `{error, error_description}`
  OAUTH_INVALID_REQUEST: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  OAUTH_INVALID_CLIENT: { httpStatus: 401, trpcCode: 'UNAUTHORIZED', business: false },
  OAUTH_INVALID_GRANT: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  OAUTH_UNSUPPORTED_GRANT_TYPE: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  OAUTH_INVALID_SCOPE: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  OAUTH_AUTHORIZATION_PENDING: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  OAUTH_SLOW_DOWN: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  OAUTH_ACCESS_DENIED: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
  OAUTH_EXPIRED_TOKEN: { httpStatus: 400, trpcCode: 'BAD_REQUEST', business: false },
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

/** A message in the two languages of the families: Chinese (mini, admin, mobile) and English (v1, bi, OAuth). */
export interface Localized {
  zh: string;
  en: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  /** Seconds, sent as `Retry-After` (429, 503). */
  retryAfterSeconds?: number;
  /** The scope an INSUFFICIENT_SCOPE error names in its `WWW-Authenticate` challenge. */
  scope?: string;
}

/**
 * The single error type services throw. The message is safe to show to the caller; a `Localized`
 * message lets each family answer in its own language, a plain string is shown as it is.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly localized: Localized | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly scope: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string | Localized,
    readonly details: ErrorDetail[] = [],
    options: AppErrorOptions = {},
  ) {
    super(typeof message === 'string' ? message : message.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.localized = typeof message === 'string' ? undefined : message;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.scope = options.scope;
  }

  get httpStatus(): number {
    return errorCatalogue[this.code].httpStatus;
  }
}

const ENTITY_ZH: Record<string, string> = {
  Trace: '追溯批次',
  'Assay data': '化验数据',
  'Metal price': '金属价格',
  'Related object': '关联对象',
  Attachment: '附件',
  Contract: '合同',
  Customer: '客户',
  Department: '部门',
  Material: '物料',
  Merchant: '商户',
  'Whitelist entry': '白名单记录',
  User: '用户',
  Order: '订单',
  Message: '消息',
  Recall: '召回记录',
};

/** `NotFound(entity, id)` in one line, always the same wording (OpenStatus' NotFoundError). */
export function notFound(entity: string, id: string | number): AppError {
  return new AppError('NOT_FOUND', { en: `${entity} not found`, zh: `${ENTITY_ZH[entity] ?? entity}不存在` }, [
    { field: 'id', message: `${entity} ${id} does not exist` },
  ]);
}
