import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Config } from '../config.ts';
import type { ErrorCode } from '../errors.ts';
import type { Permission } from '../services/identity/permissions.ts';
import type { TokenFamily } from '../services/identity/tokens.ts';
import type { RateLimitRule } from './rate-limit.ts';

/**
 * The client family of an operation: which spec documents it and so which envelope its REST
 * answers use (DESIGN.md): `mini` (spec 000), `admin` (001), `mobile` (002), `v1` (003), `bi`
 * (004), `oauth` (spec 004's RFC 6749/8628 endpoints: `{error, error_description}` bodies) and
 * `page` (the HTML `/device` page).
 */
export const FAMILIES = ['mini', 'admin', 'mobile', 'v1', 'bi', 'oauth', 'page'] as const;
export type Family = (typeof FAMILIES)[number];

/** OAuth scopes (spec 004 §1 `scopes`): `read` for queries, `write` for changes, `admin` for platform operations. */
export type Scope = 'read' | 'write' | 'admin';

/** Spec 000, 001 and 002 speak Chinese to their users; spec 003 and 004 English. */
export const FAMILY_LANGUAGE: Record<Family, 'zh' | 'en'> = {
  mini: 'zh',
  admin: 'zh',
  mobile: 'zh',
  v1: 'en',
  bi: 'en',
  oauth: 'en',
  page: 'en',
};

/**
 * Which token families each client family accepts unless an operation says otherwise:
 * customers (mini) and integrators (v1) hold their own tokens; staff tokens (back office, mobile
 * app, and OAuth clients a staff member delegated to through the device flow) are accepted by
 * every staff family, where OAuth scopes limit what a delegated token may do.
 */
export const STAFF_TOKENS: readonly TokenFamily[] = ['admin', 'mobile', 'bi'];
export const FAMILY_TOKENS: Record<Family, readonly TokenFamily[]> = {
  mini: ['mini'],
  admin: STAFF_TOKENS,
  mobile: STAFF_TOKENS,
  v1: ['v1'],
  bi: STAFF_TOKENS,
  oauth: [],
  page: [],
};

/** What kind of user an operation serves, checked after the token (users.user_type). */
export type UserKind = 'wechat' | 'factory' | 'platform';

/**
 * Everything declared once per operation; the edge enforces it the same way over REST, `/trpc`
 * and the few Hono routes, and the OpenAPI document is generated from it.
 * - `family`: the envelope of REST answers and the language of messages.
 * - `auth`: `public`, or the token families accepted (default: `mini` for WeChat users, staff
 *   tokens for factory and platform users, else FAMILY_TOKENS of the family).
 * - `scope`: the OAuth scope required (default `read` for GET, `write` otherwise, `admin` for
 *   platform operations).
 * - `userKind`, `permission`: the RBAC checks after the token.
 * - `rateLimit`: per user when authenticated, else per client IP; scaled by RATE_LIMIT_SCALE.
 * - `message`, `dataShape`, `successStatus`, `degradedStatus`: how a success is rendered (`wrap` puts the output
 *   under `data`, `spread` merges an object output into the envelope, `bare` sends it alone).
 * - `response`: `file` when the output is a byte stream with its content type (downloads, QR
 *   codes, src/edge/rest.ts FileOutput); `produces` lists its media types.
 * - `maxBodyBytes`: the request body limit (default BODY_LIMIT_BYTES).
 * - `errors`: the domain errors the operation's service may throw, beyond those the edge itself
 *   raises; the document lists their statuses.
 * - `alternates`: a page's non-HTML answers by media type (their body schemas by component id).
 * - `transport`: `hono` for an operation a Hono route serves through a caller (the /device page).
 */
export interface Meta {
  openapi?: OpenApiOperation;
  family?: Family;
  auth?: 'public' | readonly TokenFamily[];
  scope?: Scope;
  userKind?: UserKind;
  permission?: Permission;
  rateLimit?: RateLimitRule;
  message?: string;
  dataShape?: 'wrap' | 'spread' | 'bare';
  successStatus?: 200 | 201 | 204;
  /** Other statuses answered with the success shape (`success:false`): the health checks' 503. */
  degradedStatus?: 503;
  response?: 'json' | 'file';
  /** Media types a `file` answer may have, for the document (`*\/*` when any). */
  produces?: readonly string[];
  /**
   * A `page` operation's answers besides HTML, chosen by the request's Accept: media type → the
   * component schema (a zod `meta({ id })` of the output) its body is (the resolver's linkset).
   */
  alternates?: Readonly<Record<string, string>>;
  maxBodyBytes?: number | ((config: Config) => number);
  errors?: readonly ErrorCode[];
  transport?: 'rest' | 'hono';
}

/** The access rules of an operation with every default resolved. */
export interface Access {
  family: Family;
  /** null: public. */
  tokens: readonly TokenFamily[] | null;
  scope: Scope | null;
  userKind: UserKind | null;
  permission: Permission | null;
}

/** Resolves the defaults of `Meta` (see there); the same answer for the pipeline, the document and the security matrix. */
export function accessOf(meta: Meta | undefined): Access {
  const family = meta?.family ?? 'mini';
  if (!meta || meta.auth === 'public') return { family, tokens: null, scope: null, userKind: null, permission: null };
  const method = meta.openapi?.method ?? 'GET';
  const userKind = meta.userKind ?? null;
  return {
    family,
    tokens: meta.auth ?? (userKind === 'wechat' ? ['mini'] : userKind ? STAFF_TOKENS : FAMILY_TOKENS[family]),
    scope: meta.scope ?? (userKind === 'platform' ? 'admin' : method === 'GET' ? 'read' : 'write'),
    userKind,
    permission: meta.permission ?? null,
  };
}

/**
 * trpc-to-openapi's `OpenApiMeta['openapi']`, restated (less its zod header schemas) so that the
 * declarations tRPC clients load never import trpc-to-openapi, whose published types fail a
 * client's `skipLibCheck: false`. `_MetaIsOpenApiMeta` fails to compile if the two drift apart.
 */
export interface OpenApiOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: `/${string}`;
  enabled?: boolean;
  operationId?: string;
  summary?: string;
  description?: string;
  protect?: boolean;
  tags?: string[];
  contentTypes?: string[];
  deprecated?: boolean;
  successDescription?: string;
  errorResponses?: number[] | Record<number, string>;
}
type AssignableTo<T extends OpenApiMeta> = T;
type _MetaIsOpenApiMeta = AssignableTo<Meta & Record<string, unknown>>;

/**
 * One operation's meta in one line: `operation('mobile', 'POST /api/auth/login', 'Factory user
 * login', { dataShape: 'spread', rateLimit: { limit: 20 } })`. The document's tag is the family's
 * (src/edge/openapi.ts), so none is passed.
 */
export function operation(
  family: Family,
  route: `${OpenApiOperation['method']} /${string}`,
  summary: string,
  rest: Omit<Meta, 'openapi' | 'family'> = {},
): Meta {
  const [method, path] = route.split(' ') as [OpenApiOperation['method'], `/${string}`];
  return { openapi: { method, path, tags: [family], summary }, family, ...rest };
}
