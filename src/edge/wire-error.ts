import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { en, zhCN } from 'zod/v4/locales';
import { AppError, type ErrorCode, type ErrorDetail, type Localized } from '../errors.ts';

/** An error reduced to what every envelope needs, with its message in both languages. */
export interface WireError {
  code: ErrorCode;
  message: Localized;
  details: { field: string; message: Localized }[];
  retryAfterSeconds?: number;
  /** The scope an insufficient_scope challenge names. */
  scope?: string;
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
  CLIENT_CLOSED_REQUEST: 'CLIENT_ABORTED',
};

/**
 * What the edge says when nothing more specific was given, per code: the one table of default
 * messages, used on the wire (tRPC's own errors, the header limit) and by the document's error
 * examples (openapi-envelopes.ts), so the two cannot drift.
 */
export const DEFAULT_MESSAGES: Partial<Record<ErrorCode, Localized>> = {
  VALIDATION_FAILED: { zh: '参数验证失败', en: 'Validation failed' },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error' },
  DATABASE_ERROR: { zh: '服务器内部错误', en: 'Internal server error' },
  UNAUTHENTICATED: { zh: '未提供认证令牌', en: 'Missing bearer token' },
  INVALID_TOKEN: { zh: '认证令牌无效', en: 'Invalid token' },
  PERMISSION_DENIED: { zh: '权限不足', en: 'Permission denied' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  NOT_FOUND: { zh: '资源不存在', en: 'Resource not found' },
  DUPLICATE_RESOURCE: { zh: '资源已存在', en: 'Resource already exists' },
  PAYLOAD_TOO_LARGE: { zh: '请求体过大', en: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  HEADERS_TOO_LARGE: { zh: '请求头过大', en: 'Request header fields too large' }, // RFC 6585 §5
  UPSTREAM_ERROR: { zh: '上游服务异常', en: 'Upstream service failed' },
  SERVICE_UNAVAILABLE: { zh: '服务暂不可用', en: 'Service unavailable' },
};

/** Messages of spec 004 §1 and the token checks, with the Chinese the zh families show. */
const KNOWN_ZH: Record<string, string> = {
  'Invalid token': '认证令牌无效',
  'Token expired': '认证令牌已过期',
  'Token blacklisted': '认证令牌已注销',
  'User inactive': '账号已停用',
  'Missing bearer token': '未提供认证令牌',
  'Invalid refresh token': '刷新令牌无效',
  'Refresh token revoked': '刷新令牌已注销',
  'Refresh token expired': '刷新令牌已过期',
  'Refresh token reused: session revoked': '刷新令牌重复使用，会话已注销',
};

const enLocale = en().localeError as (issue: unknown) => string | { message: string } | undefined;
const zhLocale = zhCN().localeError as (issue: unknown) => string | { message: string } | undefined;
const text = (m: string | { message: string } | undefined) => (typeof m === 'string' ? m : (m?.message ?? ''));

/**
 * A zod issue's message in both languages: zod's own (default) messages are re-rendered with its
 * Chinese locale; a message a schema spelled out is kept in both (it is already in its family's
 * language). Issues lose their input once reported, so `invalid_type` compares up to "received".
 */
function localizeIssue(issue: z.core.$ZodIssue): Localized {
  const english = text(enLocale(issue));
  const isDefault =
    issue.message === english || (issue.code === 'invalid_type' && issue.message.split(', received')[0] === english.split(', received')[0]);
  return isDefault ? { en: issue.message, zh: text(zhLocale(issue)) || issue.message } : { en: issue.message, zh: issue.message };
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : 'body';
}

function localize(message: string, given: Localized | undefined): Localized {
  if (given) return given;
  return { en: message, zh: KNOWN_ZH[message] ?? message };
}

/** SQLSTATE 57014 query_canceled: Postgres ended the statement at DB_STATEMENT_TIMEOUT_MS. */
const isStatementTimeout = (e: unknown) => e instanceof Error && (e as { code?: unknown }).code === '57014';

const STATEMENT_TIMEOUT: Localized = {
  en: 'The query took longer than the server allows; try again later or ask for a shorter period',
  zh: '查询超时，请稍后重试或缩短时间范围',
};

/**
 * Reduces anything thrown to a WireError: AppError as is, zod failures to VALIDATION_FAILED with
 * one detail per issue, tRPC's own errors by code, a Postgres statement timeout to
 * SERVICE_UNAVAILABLE (503: the server's limit, not the caller's mistake), and everything else
 * to INTERNAL with a generic message (the cause is for the log only).
 */
export function toWireError(err: unknown): WireError {
  const cause = err instanceof TRPCError ? (err.cause ?? err) : err;
  if (cause instanceof AppError) {
    const out: WireError = {
      code: cause.code,
      message: localize(cause.message, cause.localized),
      details: cause.details.map((d: ErrorDetail) => ({ field: d.field, message: localize(d.message, undefined) })),
    };
    if (cause.retryAfterSeconds !== undefined) out.retryAfterSeconds = cause.retryAfterSeconds;
    if (cause.scope !== undefined) out.scope = cause.scope;
    return out;
  }
  if (cause instanceof z.ZodError || (cause instanceof Error && cause.name === 'ZodError')) {
    return {
      code: 'VALIDATION_FAILED',
      message: DEFAULT_MESSAGES.VALIDATION_FAILED!,
      details: (cause as z.ZodError).issues.map((i) => ({ field: fieldOf(i.path), message: localizeIssue(i) })),
    };
  }
  if (isStatementTimeout(cause)) return { code: 'SERVICE_UNAVAILABLE', message: STATEMENT_TIMEOUT, details: [] };
  if (err instanceof TRPCError) {
    const code = TRPC_TO_DOMAIN[err.code];
    if (code) return { code, message: DEFAULT_MESSAGES[code] ?? localize(err.message, undefined), details: [] };
  }
  return { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL!, details: [] };
}
