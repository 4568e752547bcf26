import type { ErrorCode } from '../errors.ts';
import type { Family } from './meta.ts';
import { renderError } from './render.ts';
import { DEFAULT_MESSAGES } from './wire-error.ts';

/**
 * The parts of the OpenAPI document that come from the families rather than from one operation:
 * their tags, envelopes (success and error bodies), the error responses each status shares, and
 * the headers the edge sends (DESIGN.md's envelope table; src/edge/render.ts renders the same).
 */
type Json = Record<string, unknown>;

/** The tag of each family: spec 004's OAuth endpoints and /device page belong to BI's auth server. */
export const TAG_OF: Record<Family, string> = {
  mini: 'mini',
  admin: 'admin',
  mobile: 'mobile',
  v1: 'v1',
  bi: 'bi',
  oauth: 'bi',
  page: 'bi',
};

export const TAGS = [
  {
    name: 'mini',
    description:
      'WeChat mini-program (spec 000): WeChat login, company binding, orders through the ERP, subscribe messages, the message centre and monitoring. Envelope `{success, message, timestamp, data}`; business failures (unbound company, unknown order…) answer **HTTP 200** with `success:false` and a stable `code` (`NEED_INVITE_BIND` opens the bind tab). Messages in Chinese. Tokens: `mini`.',
  },
  {
    name: 'admin',
    description:
      'Factory back office (spec 001): users, materials, customers, departments, contracts, assay data, attachments, metal prices, RBAC. Envelope `{success, message, data}`, errors `{success:false, message, error_code}`. Messages in Chinese. Tokens: staff (`admin`, `mobile`, `bi`).',
  },
  {
    name: 'mobile',
    description:
      'Factory mobile app and platform console (spec 002): phone registration, devices, activation, uploads, AI analysis, whitelist, factories. Errors `{success:false, message, code, timestamp}`. Messages in Chinese. Tokens: staff.',
  },
  {
    name: 'v1',
    description:
      'Public traceability API (spec 003): trace batches and their logs, QR codes. `{status:"success", data, meta}`; errors `{status:"error", code, message, details}` (validation: 422 with one `details` entry per field). Rate-limit tiers with `X-RateLimit-*` headers. Messages in English. Tokens: `v1`.',
  },
  {
    name: 'bi',
    description:
      'BI and its auth server (spec 004): the OAuth 2.0 device flow (RFC 8628) with the /device verification page, token verification and analytics. `{success, data}`; errors `{success:false, error, message}`; OAuth endpoints answer RFC 6749 §5 bodies. Messages in English. Tokens: staff, and device-flow tokens limited by their scopes (`read`, `write`, `admin`).',
  },
];

const str = { type: 'string' };
const fieldErrors = { type: 'array', items: { $ref: '#/components/schemas/FieldError' } };

/** Named schemas of the error bodies, one per family (render.ts `renderError`). */
export const ERROR_SCHEMAS: Record<string, Json> = {
  FieldError: {
    type: 'object',
    description: 'One bad field of a validation failure.',
    properties: { field: { ...str, example: 'username' }, message: { ...str, example: 'Required' } },
    required: ['field', 'message'],
    additionalProperties: false,
  },
  MiniError: strict({
    success: { const: false },
    message: str,
    code: { ...str, description: 'Stable code the client switches on, e.g. `NEED_INVITE_BIND`, `VALIDATION_FAILED`, `NOT_FOUND`' },
    timestamp: { type: 'integer', description: 'epoch ms', minimum: 0 },
    details: fieldErrors,
  }),
  AdminError: strict({ success: { const: false }, message: str, error_code: str, details: fieldErrors }),
  MobileError: strict({
    success: { const: false },
    message: str,
    code: str,
    timestamp: { type: 'string', format: 'date-time' },
    details: fieldErrors,
  }),
  V1Error: strict({ status: { const: 'error' }, code: str, message: str, details: fieldErrors }, ['status', 'code', 'message', 'details']),
  BiError: strict({ success: { const: false }, error: { ...str, description: 'HTTP reason phrase' }, message: str, details: fieldErrors }),
  OAuthError: strict({
    error: { ...str, description: 'RFC 6749 §5.2 / RFC 8628 §3.5 error code', example: 'authorization_pending' },
    error_description: str,
  }),
};

/** An object with exactly these properties; `details` is optional everywhere but v1. */
function strict(properties: Json, required = Object.keys(properties).filter((k) => k !== 'details')): Json {
  return { type: 'object', properties, required, additionalProperties: false };
}

const ERROR_SCHEMA_OF: Record<Family, string | null> = {
  mini: 'MiniError',
  admin: 'AdminError',
  mobile: 'MobileError',
  v1: 'V1Error',
  bi: 'BiError',
  oauth: 'OAuthError',
  page: null,
};

/** Headers the edge sends, by name. */
export const HEADERS: Record<string, Json> = {
  WWWAuthenticate: {
    description:
      'RFC 6750 §3 challenge: `Bearer realm="tracehub"`, with `error="invalid_token"` or `error="insufficient_scope"` (and `scope`) where it applies.',
    schema: { type: 'string', example: 'Bearer realm="tracehub", error="invalid_token", error_description="Token expired"' },
  },
  RetryAfter: { description: 'Seconds to wait before retrying (RFC 9110 §10.2.3).', schema: { type: 'integer', minimum: 0, example: 30 } },
  RateLimitLimit: { description: 'Requests allowed in the current window.', schema: { type: 'integer', minimum: 1, example: 300 } },
  RateLimitRemaining: { description: 'Requests left in the current window.', schema: { type: 'integer', minimum: 0, example: 299 } },
  RateLimitReset: { description: 'When the window resets, epoch seconds.', schema: { type: 'integer', minimum: 0, example: 1767225660 } },
};

export const rateLimitHeaders = {
  'X-RateLimit-Limit': { $ref: '#/components/headers/RateLimitLimit' },
  'X-RateLimit-Remaining': { $ref: '#/components/headers/RateLimitRemaining' },
  'X-RateLimit-Reset': { $ref: '#/components/headers/RateLimitReset' },
};

/** What each status means, and the domain code whose rendering is its example. */
const STATUS_TEXT: Record<number, { description: string; code: ErrorCode }> = {
  400: { description: 'Bad input: malformed body or parameters (`details` names each field)', code: 'VALIDATION_FAILED' },
  401: { description: 'Missing, invalid, expired or revoked token, or wrong credentials', code: 'INVALID_TOKEN' },
  403: {
    description: 'Authenticated, but the token family, OAuth scope, user type or permission does not allow this',
    code: 'PERMISSION_DENIED',
  },
  404: { description: 'No such resource (or not in the caller’s tenant)', code: 'NOT_FOUND' },
  409: { description: 'Duplicate or conflicting resource', code: 'DUPLICATE_RESOURCE' },
  413: { description: 'Request body larger than the operation’s limit', code: 'PAYLOAD_TOO_LARGE' },
  415: { description: 'Content type not accepted by the operation', code: 'UNSUPPORTED_MEDIA_TYPE' },
  422: { description: 'Validation failed: one `details` entry per bad field', code: 'VALIDATION_FAILED' },
  429: { description: 'Rate limit or login lockout: wait `Retry-After` seconds', code: 'RATE_LIMITED' },
  431: { description: 'Request headers too large', code: 'HEADERS_TOO_LARGE' },
  500: { description: 'Internal error (logged with the request id)', code: 'INTERNAL' },
  502: { description: 'An upstream system (ERP, WeChat, SMS, DeepSeek) failed', code: 'UPSTREAM_ERROR' },
  503: { description: 'A dependency is unavailable (circuit open, database down)', code: 'SERVICE_UNAVAILABLE' },
};

const exampleMessage = (code: ErrorCode) => DEFAULT_MESSAGES[code];

const OAUTH_EXAMPLE: Partial<Record<number, Parameters<typeof renderError>[1]['code']>> = {
  400: 'OAUTH_AUTHORIZATION_PENDING',
  401: 'OAUTH_INVALID_CLIENT',
};

/** The name of a family's shared error response for a status, e.g. `AdminError401`. */
export const errorResponseName = (family: Family, status: number) => `${FAMILY_NAME[family]}Error${status}`;
const FAMILY_NAME: Record<Family, string> = {
  mini: 'Mini',
  admin: 'Admin',
  mobile: 'Mobile',
  v1: 'V1',
  bi: 'Bi',
  oauth: 'OAuth',
  page: 'Page',
};

/**
 * The shared error response of a family and status, its example rendered by THE renderer
 * (render.ts) so the document shows exactly what the wire carries.
 */
export function errorResponse(family: Family, status: number): Json {
  const t = STATUS_TEXT[status];
  if (!t) throw new Error(`no description for status ${status}`);
  const code = family === 'oauth' ? (OAUTH_EXAMPLE[status] ?? t.code) : t.code;
  const details =
    code === 'VALIDATION_FAILED' ? [{ field: 'username', message: { zh: '用户名不能为空', en: 'Username is required' } }] : [];
  const answer = renderError(
    family,
    // the edge's own default message where it has one, so the example is what the wire carries;
    // an OAuth code without one shows the status's
    { code, message: exampleMessage(code) ?? exampleMessage(t.code)!, details, ...(status === 429 ? { retryAfterSeconds: 30 } : {}) },
    1767225600000,
  );
  const headers: Json = {};
  if (status === 401 || status === 403) headers['WWW-Authenticate'] = { $ref: '#/components/headers/WWWAuthenticate' };
  if (status === 429) Object.assign(headers, { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }, rateLimitHeaders);
  const schemaName = ERROR_SCHEMA_OF[family];
  const content = schemaName
    ? { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` }, example: JSON.parse(answer.body!) } }
    : { 'text/html': { schema: { type: 'string' }, example: answer.body } };
  return { description: t.description, ...(Object.keys(headers).length ? { headers } : {}), content };
}
