import type { AnyTRPCRouter } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import type { Context as HonoContext } from 'hono';
import { createOpenApiNodeHttpHandler, createProcedureCache } from 'trpc-to-openapi';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { type Context, createContext } from '../trpc/context.ts';
import { type EnvelopeStyle, renderError, renderSuccess, toWireError } from '../trpc/envelopes.ts';
import type { Meta } from '../trpc/meta.ts';
import type { HttpVariables } from './variables.ts';

/** Where the REST adapter keeps what it learns while trpc-to-openapi runs a call. */
interface CallState {
  ctx: Context;
  procedurePath?: string;
  error?: TRPCError;
}
const STATE = Symbol('tracehub.restState');

/** Envelope of a path no procedure claims (404s, bodies refused before a procedure is known). */
export function styleForPath(pathname: string): EnvelopeStyle {
  if (pathname.startsWith('/v1/')) return 'v1';
  if (pathname.startsWith('/api/v1/')) return 'bi';
  if (pathname.startsWith('/api/mobile/')) return 'mobile';
  return 'mini';
}

/** Every procedure's meta by its dotted path, read once from the router. */
export function collectMeta(router: AnyTRPCRouter): Map<string, Meta> {
  const out = new Map<string, Meta>();
  for (const [path, proc] of Object.entries(router._def.procedures as Record<string, { _def: { meta?: Meta } }>)) {
    if (proc._def.meta) out.set(path, proc._def.meta);
  }
  return out;
}

const DEFAULT_MESSAGE: Record<EnvelopeStyle, string> = { mini: '操作成功', admin: '操作成功', mobile: '操作成功', v1: '', bi: '', raw: '' };

/**
 * The REST face of the routers: trpc-to-openapi's node handler, built once (its fetch adapter
 * rebuilds it per request, STACK-NOTES), behind a shim that parses JSON bodies itself, turns
 * bodiless POSTs into `{}`, and renders success and error bodies in the procedure's envelope
 * with the headers the procedure set (rate limits, Retry-After).
 */
export function createRestHandler(deps: AppDeps, router: AnyTRPCRouter) {
  const metaByPath = collectMeta(router);
  const findProcedure = createProcedureCache(router);
  const handler = createOpenApiNodeHttpHandler({
    router,
    createContext: ({ req }: { req: unknown }) => (req as { [STATE]: CallState })[STATE].ctx,
    responseMeta: ({ paths, errors, ctx }) => {
      const state = (ctx as { response?: { [STATE]?: CallState } } | undefined)?.response?.[STATE];
      if (state) {
        state.procedurePath = paths?.[0];
        if (errors[0]) state.error = errors[0];
      }
      return {};
    },
    maxBodySize: deps.config.BODY_LIMIT_BYTES,
  } as Parameters<typeof createOpenApiNodeHttpHandler>[0]) as unknown as (req: Request, res: ShimResponse) => Promise<void>;

  return async function rest(c: HonoContext<{ Variables: HttpVariables }>): Promise<Response> {
    const raw = c.req.raw;
    const url = new URL(raw.url);
    const ctx = createContext(deps, {
      requestId: c.get('requestId'),
      ip: c.get('clientIp'),
      authorization: raw.headers.get('authorization') ?? undefined,
    });
    const state: CallState = { ctx };
    Object.defineProperty(ctx.response, STATE, { value: state, enumerable: false });

    let body: unknown;
    let headers = raw.headers;
    if (raw.method !== 'GET' && raw.method !== 'DELETE' && raw.method !== 'HEAD') {
      const parsed = await readJsonBody(raw);
      if (parsed.error) return finish(c, ctx, url, undefined, parsed.error, null);
      if (parsed.replacedContentType) {
        headers = new Headers(raw.headers);
        headers.set('content-type', 'application/json');
      }
      body = parsed.value;
    }
    const proxy = new Proxy(raw, {
      get(target, prop) {
        if (prop === STATE) return state;
        if (prop === 'body') return body;
        if (prop === 'headers') return headers;
        const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const out = await new Promise<{ status: number; body: string | undefined }>((resolve, reject) => {
      const res: ShimResponse = {
        statusCode: 200,
        setHeader() {},
        end(b) {
          resolve({ status: res.statusCode, body: b });
        },
      };
      handler(proxy, res).catch(reject);
    });
    if (out.status < 400 && !state.error) return finish(c, ctx, url, state.procedurePath, undefined, out.body ?? undefined);
    const error = state.error ?? errorFromBody(out.body);
    return finish(c, ctx, url, state.procedurePath, error, null);
  };

  function finish(
    c: HonoContext<{ Variables: HttpVariables }>,
    ctx: Context,
    url: URL,
    procedurePath: string | undefined,
    error: unknown,
    dataJson: string | undefined | null,
  ): Response {
    const meta = procedurePath
      ? metaByPath.get(procedurePath)
      : metaByPath.get(findProcedure(c.req.method as 'GET', url.pathname)?.procedure?.path ?? '');
    const style = meta?.envelope ?? styleForPath(url.pathname);
    if (meta?.openapi?.path) c.set('routePattern', meta.openapi.path);
    let rendered: { status: number; body: string | null };
    if (error === undefined) {
      rendered = renderSuccess(style, {
        dataJson: dataJson ?? undefined,
        shape: meta?.dataShape ?? 'wrap',
        message: ctx.response.message ?? meta?.message ?? DEFAULT_MESSAGE[style],
        status: ctx.response.status ?? meta?.successStatus ?? 200,
      });
    } else {
      const wire = toWireError(error);
      if (wire.code === 'INTERNAL') {
        deps.logger.error({ reqId: ctx.requestId, err: rootCause(error), procedure: procedurePath }, 'unhandled error');
      }
      rendered = renderError(style, wire);
    }
    const out = new Headers(ctx.resHeaders);
    if (rendered.body !== null) out.set('content-type', 'application/json; charset=utf-8');
    return new Response(rendered.body, { status: rendered.status, headers: out });
  }
}

interface ShimResponse {
  statusCode: number;
  setHeader(key: string, value: string | string[]): void;
  end(body: string | undefined): void;
}

/**
 * Reads a request body as JSON: an empty body (with or without a JSON content type) is `{}`,
 * so that `POST /api/logout` with only a bearer header works; other content types are left to
 * the handler, which answers 415.
 */
async function readJsonBody(req: Request): Promise<{ value?: unknown; error?: AppError; replacedContentType?: boolean }> {
  const type = req.headers.get('content-type') ?? '';
  const isJson = type === '' || /^application\/(.+\+)?json\b/i.test(type);
  if (!isJson) return { value: req.body };
  const text = await req.text();
  if (text.trim() === '') return { value: {}, replacedContentType: !type.startsWith('application/json') };
  if (type === '') return { error: new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type application/json required') };
  try {
    return { value: JSON.parse(text), replacedContentType: !type.startsWith('application/json') };
  } catch {
    return { error: new AppError('MALFORMED_REQUEST', 'Request body is not valid JSON') };
  }
}

/** Errors raised before a procedure ran arrive only as trpc-to-openapi's body `{message, code}`. */
function errorFromBody(body: string | undefined): TRPCError {
  try {
    const parsed = JSON.parse(body ?? '{}') as { message?: string; code?: TRPCError['code'] };
    return new TRPCError({ code: parsed.code ?? 'INTERNAL_SERVER_ERROR', message: parsed.message ?? 'Internal server error' });
  } catch {
    return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  }
}

function rootCause(err: unknown): unknown {
  return err instanceof TRPCError && err.cause ? err.cause : err;
}
