import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, errorCatalogue } from '../errors.ts';
import { hasPermission } from '../services/identity/permissions.ts';
import { loadPrincipal, type Principal } from '../services/identity/principal.ts';
import type { Context } from './context.ts';
import { accessOf, type Meta } from './meta.ts';
import { countCall } from './rate-limit.ts';
import { toWireError } from './wire-error.ts';

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // tRPC clients get the domain code and field details beside tRPC's own code.
    errorFormatter({ shape, error }) {
      const wire = toWireError(error);
      return {
        ...shape,
        message: wire.code === 'INTERNAL' ? wire.message.en : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          appCode: wire.code,
          details: wire.details.map((d) => ({ field: d.field, message: d.message.en })),
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** An AppError as the TRPCError of its mapped code, the AppError kept as cause; anything else as is. */
const toTrpcError = (err: unknown) =>
  err instanceof AppError ? new TRPCError({ code: errorCatalogue[err.code].trpcCode, message: err.message, cause: err }) : err;

/** RFC 6750 §2.1: `Bearer` and a b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
/** RFC 6750 §3.1: credentials of another scheme (`Basic …`) are no bearer credentials: challenged without an error code. */
const BEARER_SCHEME = /^Bearer(?: |$)/i;

/**
 * THE security pipeline of every operation, from its meta (src/edge/meta.ts): authenticate the
 * bearer token → check its family → count the rate limit (per user) → check the scope → the user
 * kind and permission. A refused token counts against the client IP instead, so token guessing
 * is limited and every answer carries the rate-limit headers (spec 003 §6).
 * @returns the caller, or null for a public operation.
 * @throws AppError UNAUTHENTICATED (no bearer credentials), INVALID_TOKEN (bad, expired, revoked, foreign
 *   family), INSUFFICIENT_SCOPE, PERMISSION_DENIED, RATE_LIMITED.
 */
async function admit(ctx: Context, meta: Meta | undefined, path: string): Promise<Principal | null> {
  const access = accessOf(meta);
  const rule = meta?.rateLimit;
  const { deps } = ctx;
  const count = (caller: string) => (rule ? countCall(deps, ctx.resHeaders, rule, path, caller) : undefined);
  if (access.tokens === null) {
    await count(`ip:${ctx.ip}`);
    return null;
  }
  let user: Principal;
  try {
    const header = ctx.authorization;
    if (!header || !BEARER_SCHEME.test(header)) throw new AppError('UNAUTHENTICATED', { en: 'Missing bearer token', zh: '未提供认证令牌' });
    const bearer = BEARER.exec(header)?.[1];
    if (!bearer) throw new AppError('INVALID_TOKEN', 'Invalid token');
    const claims = await deps.tokens.verify(bearer);
    if (!access.tokens.includes(claims.family)) {
      throw new AppError('INVALID_TOKEN', {
        en: `Token issued to ${claims.family} clients is not accepted here`,
        zh: '认证令牌不适用于此接口',
      });
    }
    user = await loadPrincipal(deps.db, claims);
  } catch (err) {
    await count(`ip:${ctx.ip}`);
    throw err;
  }
  // counted before the scope and permission checks, so that refusals carry the headers too
  await count(`u:${user.id}`);
  if (access.scope && user.scopes && !user.scopes.has(access.scope)) {
    throw new AppError('INSUFFICIENT_SCOPE', { en: `Scope ${access.scope} required`, zh: `需要授权范围 ${access.scope}` }, [], {
      scope: access.scope,
    });
  }
  switch (access.userKind) {
    case 'wechat':
      if (user.userType !== 'wechat' || !user.openid) throw denied('Only WeChat mini-program users may call this', '仅限小程序用户');
      break;
    case 'factory':
      if (user.userType !== 'factory' || !user.factoryId) throw denied('Factory users only', '仅限工厂用户');
      break;
    case 'platform':
      if (user.userType !== 'platform') throw denied('Platform administrators only', '仅限平台管理员');
      break;
  }
  if (access.permission && !hasPermission(user.permissions, access.permission)) {
    throw denied(`Permission ${access.permission} required`, `需要权限 ${access.permission}`);
  }
  return user;
}

const denied = (en: string, zh: string) => new AppError('PERMISSION_DENIED', { en, zh });

/**
 * The pipeline as the one middleware of every base procedure; `U` is the caller type it guarantees
 * (the checks in `admit`). AppErrors of the pipeline and of the procedure become TRPCErrors of the
 * mapped code, the cause kept. The caller is assigned to this request's context rather than passed
 * to `next({ ctx })`, which would copy the context; and one middleware, not two, since tRPC copies
 * its options on every step.
 */
function guard<U extends Principal | null>() {
  return t.middleware(async ({ ctx, meta, path, next }) => {
    try {
      ctx.user = await admit(ctx, meta, path);
    } catch (err) {
      throw toTrpcError(err);
    }
    const result = await next();
    if (!result.ok && result.error.cause instanceof AppError) throw toTrpcError(result.error.cause);
    return result as Awaited<ReturnType<typeof next<{ user: U }>>>;
  });
}

const base = t.procedure;

/** Anyone; rate-limited by client IP when the meta says so. */
export const publicProcedure = base.meta({ auth: 'public' }).use(guard<Principal | null>());

/** A signed-in user holding a token of a family the operation accepts (default: its family's, src/edge/meta.ts). */
export const authedProcedure = base.use(guard<Principal>());

/** A WeChat mini-program user (spec 000). */
export const wechatProcedure = base.meta({ userKind: 'wechat' }).use(guard<Principal & { openid: string }>());

/** A platform user (`developer`, `platform_admin`); delegated tokens need the `admin` scope. */
export const platformProcedure = base.meta({ userKind: 'platform' }).use(guard<Principal>());

/** A factory user: the caller's tenant is `ctx.user.factoryId`. */
export const factoryProcedure = base.meta({ userKind: 'factory' }).use(guard<Principal & { factoryId: string }>());
