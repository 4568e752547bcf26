import { parse } from 'hono/utils/cookie';
import { z } from 'zod';
import type { Context } from '../../edge/context.ts';
import type { Meta } from '../../edge/meta.ts';
import { publicProcedure, router } from '../../edge/trpc.ts';
import { DEVICE_GRANT_TYPE, startDeviceAuthorization, tokenRequest } from '../../services/oauth/device-flow.ts';
import { showDevicePage, submitDevicePage } from '../../services/oauth/device-verification.ts';

const FORM = 'application/x-www-form-urlencoded';
const optional = z.string().max(4096).optional();

/** An RFC 6749 endpoint: form-encoded request (JSON too on the BI CLI's paths), `{error, error_description}` failures, no-store. */
function oauthMeta(path: `/${string}`, summary: string, bucket: string, limit: number, contentTypes: string[]): Meta {
  return {
    openapi: { method: 'POST', path, tags: ['bi'], summary, contentTypes },
    family: 'oauth',
    rateLimit: { limit, bucket },
  };
}

const deviceInput = z.object({ client_id: optional.describe('a registered OAuth client, e.g. `bi-cli-prod`'), scope: optional });
const deviceOutput = z
  .object({
    device_code: z.string(),
    user_code: z
      .string()
      .regex(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/)
      .meta({ example: 'WDJB-MJHT' }),
    verification_uri: z.url(),
    verification_uri_complete: z.url(),
    expires_in: z.number().int().positive().describe('seconds'),
    interval: z.number().int().positive().describe('seconds between polls'),
  })
  .meta({ id: 'DeviceAuthorizationResponse' });
const tokenInput = z.object({
  grant_type: optional.describe(`\`${DEVICE_GRANT_TYPE}\` or \`refresh_token\``),
  client_id: optional,
  device_code: optional,
  refresh_token: optional,
});
const tokenOutput = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive().describe('seconds'),
    scope: z.string().describe('space-separated granted scopes'),
  })
  .meta({ id: 'TokenResponse' });

const authorize = (summary: string, path: `/${string}`, contentTypes: string[]) =>
  publicProcedure
    .meta(oauthMeta(path, summary, 'oauth.device', 20, contentTypes))
    .input(deviceInput)
    .output(deviceOutput)
    .mutation(({ ctx, input }) => startDeviceAuthorization(ctx.deps, { clientId: input.client_id, scope: input.scope }));

const token = (summary: string, path: `/${string}`, contentTypes: string[]) =>
  publicProcedure
    .meta(oauthMeta(path, summary, 'oauth.token', 120, contentTypes))
    .input(tokenInput)
    .output(tokenOutput)
    .mutation(({ ctx, input }) => tokenRequest(ctx.deps, input));

/** The /device session cookie (RFC 6265 name), signed by DeviceSessionCodec. */
export const DEVICE_COOKIE = 'tracehub_device';
const sessionCookie = (ctx: Context) => (ctx.cookie ? parse(ctx.cookie, DEVICE_COOKIE)[DEVICE_COOKIE] : undefined);
const pageDeps = (ctx: Context) => ({ db: ctx.deps.db, codec: ctx.deps.deviceSessions });

const pageStep = z.object({
  status: z.union([z.literal(200), z.literal(400), z.literal(401), z.literal(403), z.literal(429)]),
  view: z.custom<Awaited<ReturnType<typeof submitDevicePage>>['view']>().meta({ override: { type: 'object' } }),
  session: z.string(),
  csrfToken: z.string(),
});

/**
 * `auth.oauth`: spec 004 §2–3 (RFC 8628 device flow, RFC 6749 token endpoint), the same flow at
 * the BI CLI's paths (REAL-CLIENTS.md), and the steps of the /device page, which a Hono route
 * renders as HTML (src/http/routes/device-page.ts).
 */
export const oauthRouter = router({
  device: authorize('Start a device authorization (RFC 8628 §3.1)', '/oauth/device', [FORM]),
  token: token('Token endpoint: device_code and refresh_token grants (RFC 8628 §3.4, RFC 6749 §6)', '/oauth/token', [FORM]),
  cliDevice: authorize('Start a device authorization (the BI CLI’s path)', '/api/v1/oauth/device/authorize', ['application/json', FORM]),
  cliToken: token('Token endpoint (the BI CLI’s path)', '/api/v1/oauth/device/token', [FORM, 'application/json']),
  devicePage: publicProcedure
    .meta({
      openapi: { method: 'GET', path: '/device', tags: ['bi'], summary: 'Verification page (HTML): sign in, enter the user code' },
      family: 'page',
      transport: 'hono',
      rateLimit: { limit: 120, bucket: 'device.page' },
    })
    .input(z.object({ user_code: z.string().max(64).default('') }))
    .output(pageStep)
    .query(({ ctx, input }) => showDevicePage(pageDeps(ctx), { session: sessionCookie(ctx), userCode: input.user_code })),
  deviceSubmit: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/device',
        tags: ['bi'],
        summary: 'Verification page form posts (CSRF-protected): sign in, enter the code, approve or deny',
        contentTypes: [FORM],
      },
      family: 'page',
      transport: 'hono',
      rateLimit: { limit: 60, bucket: 'device.page.post' },
      maxBodyBytes: 16 * 1024,
    })
    .input(
      z.object({
        csrf_token: optional,
        step: z.enum(['login', 'code', 'approve', 'deny']).or(z.string().max(20)).optional(),
        username: optional,
        password: optional,
        user_code: optional,
      }),
    )
    .output(pageStep)
    .mutation(({ ctx, input }) => submitDevicePage(pageDeps(ctx), { ...input, session: sessionCookie(ctx), ip: ctx.ip })),
});
