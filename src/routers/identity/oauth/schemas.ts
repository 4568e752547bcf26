/** What the procedures of identity/oauth share: request media types, schemas, meta helpers, the /device page's inputs. */
import { parse } from 'hono/utils/cookie';
import { z } from 'zod';
import type { Context } from '../../../edge/context.ts';
import { type Family, type Meta, type OpenApiOperation, operation } from '../../../edge/meta.ts';
import { CLIENT_ID_PATTERN } from '../../../services/identity/oauth/clients.ts';
import type { DeviceView } from '../../../services/identity/oauth/device-page.ts';
import { DEVICE_COOKIE } from '../../../services/identity/oauth/device-session.ts';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_BODY = 'application/json';

/**
 * `operation()` for a body in other media types than JSON alone: RFC 6749 endpoints take
 * form-encoded requests (the BI CLI's paths JSON too), and the /device page's forms post.
 */
export function formOperation(
  family: Family,
  route: `POST /${string}`,
  summary: string,
  contentTypes: string[],
  rest: Omit<Meta, 'openapi' | 'family'> = {},
): Meta {
  const meta = operation(family, route, summary, rest);
  return { ...meta, openapi: { ...(meta.openapi as OpenApiOperation), contentTypes } };
}

/** An optional RFC 6749 parameter (or form field): a string, at most 4 KiB. */
export const optionalParam = z.string().max(4096).optional();

/** Roles on spec 004's wire (services/identity/oauth/token-introspection.ts `WireRole`). */
export const wireRoleSchema = z.enum(['admin', 'merchant', 'customer']);

/** The answer of a /device page step (services/identity/oauth/device-page.ts `DeviceStep`), which the Hono route renders. */
export const devicePageStep = z.object({
  status: z.union([z.literal(200), z.literal(400), z.literal(401), z.literal(403), z.literal(429)]),
  view: z.custom<DeviceView>().meta({ override: { type: 'object' } }),
  session: z.string(),
  csrfToken: z.string(),
});

/** The /device page services' dependencies: the database and the session cookie's codec. */
export const devicePageDeps = (ctx: Context) => ({ db: ctx.deps.db, codec: ctx.deps.deviceSessions });

/** The /device session cookie's value, if the request carries one. */
export const deviceSessionCookie = (ctx: Context) => (ctx.cookie ? parse(ctx.cookie, DEVICE_COOKIE)[DEVICE_COOKIE] : undefined);

/** The `client_id` of a registered OAuth client (RFC 6749 §2.2). */
export const clientId = z
  .string()
  .trim()
  .regex(CLIENT_ID_PATTERN, 'clientId须为3-100位字母、数字、点、下划线或连字符')
  .describe('the `client_id` the client sends (RFC 6749 §2.2)')
  .meta({ example: 'bi-cli-aqkutatj' });

/** An OAuth client as the platform console lists it (services/identity/oauth/clients.ts `OAuthClientView`). */
export const oauthClient = z
  .object({
    clientId,
    name: z.string().meta({ example: 'BI CLI (production)' }),
    isActive: z.boolean().meta({ example: true }),
    createdAt: z.number().int().describe('epoch ms').meta({ example: 1767225600000 }),
    updatedAt: z.number().int().describe('epoch ms').meta({ example: 1767225600000 }),
  })
  .meta({ id: 'OAuthClient' });

/** A platform console operation on OAuth clients (spec 002 "平台管理"): platform admins, `admin` scope for delegated tokens. */
export const clientsOperation = (
  route: `${OpenApiOperation['method']} /${string}`,
  summary: string,
  rest: Omit<Meta, 'openapi' | 'family'> = {},
) => operation('mobile', route, summary, { dataShape: 'spread', permission: 'platform_oauth_clients', ...rest });
