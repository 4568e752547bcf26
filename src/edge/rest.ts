import { type AnyTRPCRouter, callTRPCProcedure } from '@trpc/server';
import type { Context as HonoContext } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { HttpVariables } from '../http/variables.ts';
import { readInput } from './body.ts';
import { type Context, createContext } from './context.ts';
import type { FileOutput } from './files.ts';
import type { Family } from './meta.ts';
import { type Answer, defaultMessage, renderError, renderSuccess } from './render.ts';
import { collectOperations, type Operation, RouteTable } from './routes.ts';
import { DEFAULT_MESSAGES, toWireError } from './wire-error.ts';

type C = HonoContext<{ Variables: HttpVariables }>;

/**
 * The REST edge: one handler for every operation of the routers (`/api`, `/v1`, `/oauth`). It
 * matches the path by rule (src/edge/routes.ts), reads the body only for methods that have one
 * and only once the security pipeline has admitted the caller (the procedure's input is read
 * lazily), calls the procedure as `/trpc` would, and renders every answer — success, error, 404,
 * 405, 413, 415, 431, aborted uploads — through src/edge/render.ts in the operation's family.
 */
export function createRestHandler(deps: AppDeps, router: AnyTRPCRouter) {
  const operations = collectOperations(router);
  const table = new RouteTable(operations.filter((op) => op.meta.transport !== 'hono'));
  const honoOps = new Map(operations.filter((op) => op.meta.transport === 'hono').map((op) => [op.procedurePath, op]));

  /** Runs one operation: pipeline, lazily read input, procedure. */
  async function run(c: C, op: Operation, params: Record<string, string>): Promise<{ ctx: Context; output?: unknown; error?: unknown }> {
    c.set('routePattern', op.template);
    const ctx = createContext(deps, {
      requestId: c.get('requestId'),
      ip: c.get('clientIp'),
      authorization: c.req.header('authorization'),
      cookie: c.req.header('cookie'),
    });
    try {
      if (headerBytes(c) > deps.config.HEADER_LIMIT_BYTES) {
        throw new AppError('HEADERS_TOO_LARGE', DEFAULT_MESSAGES.HEADERS_TOO_LARGE!);
      }
      let input: Promise<unknown> | undefined;
      const cleanups: (() => Promise<void>)[] = [];
      const output = await callTRPCProcedure({
        router,
        path: op.procedurePath,
        type: op.type,
        ctx,
        // no request signal: reading it makes node-server build a full Request on every call
        signal: undefined,
        batchIndex: 0,
        getRawInput: () => (input ??= readInput(c, op, params, deps.config, cleanups)),
      }).finally(() => Promise.all(cleanups.map((f) => f())));
      return { ctx, output };
    } catch (error) {
      return { ctx, error };
    }
  }

  async function handle(c: C): Promise<Response> {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const match = table.match(method, c.req.path);
    if (match.kind === 'not-found') {
      c.set('routePattern', '(unmatched)');
      return send(c, renderError(match.family, toWireError(routeNotFound(c))));
    }
    if (match.kind === 'method-not-allowed') {
      c.set('routePattern', '(unmatched)');
      const err = new AppError('METHOD_NOT_ALLOWED', {
        en: `Method ${c.req.method} not allowed; use ${match.allow.join(', ')}`,
        zh: `不支持 ${c.req.method} 方法，请使用 ${match.allow.join(', ')}`,
      });
      return send(c, renderError(match.family, toWireError(err)), { allow: match.allow.join(', ') });
    }
    const { op, params } = match;
    const { ctx, output, error } = await run(c, op, params);
    if (error !== undefined) return fail(c, op.family, ctx, error);
    return op.meta.response === 'file' ? sendFile(c, ctx, output as FileOutput) : send(c, success(op, ctx, output), ctx.resHeaders);
  }

  /**
   * For the Hono routes that render their own success (the /device and resolver HTML pages): runs
   * the operation declared with `transport: 'hono'` at `procedurePath` through the same pipeline,
   * `params` being its path parameters as sent (percent-encoded).
   * @returns the output, or the rendered error answer in the operation's family.
   */
  async function invoke(
    c: C,
    procedurePath: string,
    params: Record<string, string> = {},
  ): Promise<{ ok: true; output: unknown; ctx: Context } | { ok: false; response: Response }> {
    const op = honoOps.get(procedurePath);
    if (!op) throw new Error(`No Hono operation ${procedurePath}`);
    const { ctx, output, error } = await run(c, op, params);
    if (error !== undefined) return { ok: false, response: fail(c, op.family, ctx, error) };
    return { ok: true, output, ctx };
  }

  /** An error answer for a path in the family no operation or the closest one gives it (404s, app errors). */
  function failForPath(c: C, err: unknown): Response {
    const family = table.match(c.req.method, c.req.path);
    return fail(c, family.kind === 'operation' ? family.op.family : family.family, undefined, err);
  }

  function fail(c: C, family: Family, ctx: Context | undefined, err: unknown): Response {
    const wire = toWireError(err);
    const reqId = c.get('requestId');
    if (wire.code === 'INTERNAL') deps.logger.error({ reqId, err: rootCause(err), route: c.get('routePattern') }, 'unhandled error');
    if (wire.code === 'CLIENT_ABORTED') deps.logger.info({ reqId, route: c.get('routePattern') }, 'client aborted the request');
    return send(c, renderError(family, wire), ctx?.resHeaders);
  }

  return { handle, invoke, failForPath, table };
}

function success(op: Operation, ctx: Context, output: unknown): Answer {
  return renderSuccess(op.family, output === undefined ? undefined : JSON.stringify(output), {
    shape: op.meta.dataShape ?? 'wrap',
    message: ctx.response.message ?? op.meta.message ?? defaultMessage(op.family),
    status: ctx.response.status ?? op.meta.successStatus ?? 200,
  });
}

function routeNotFound(c: C): AppError {
  return new AppError('ROUTE_NOT_FOUND', {
    en: `No route for ${c.req.method} ${c.req.path}`,
    zh: `接口不存在：${c.req.method} ${c.req.path}`,
  });
}

/**
 * Sends an answer through Hono's context, so headers set earlier (CORS, request id) merge without
 * re-wrapping a Response, and node-server writes the string body directly.
 */
export function send(c: C, answer: Answer, extra?: Headers | Record<string, string>): Response {
  if (extra) {
    const entries = extra instanceof Headers ? extra.entries() : Object.entries(extra);
    for (const [k, v] of entries) if (!(k.toLowerCase() in answer.headers)) c.header(k, v);
  }
  return c.body(answer.body as string, answer.status as 200, answer.headers);
}

function sendFile(c: C, ctx: Context, file: FileOutput): Response {
  for (const [k, v] of ctx.resHeaders.entries()) c.header(k, v);
  const headers: Record<string, string> = { 'content-type': file.contentType };
  if (file.size !== undefined) headers['content-length'] = String(file.size);
  if (file.disposition) headers['content-disposition'] = file.disposition;
  if (file.cacheControl) headers['cache-control'] = file.cacheControl;
  return c.body(file.body as never, 200, headers);
}

/** Total size of the request's header fields, as node counts them (names, values, separators). */
function headerBytes(c: C): number {
  const raw = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming?.rawHeaders;
  let n = 0;
  if (raw) for (const h of raw) n += h.length + 2;
  else for (const [k, v] of c.req.raw.headers) n += k.length + v.length + 4;
  return n;
}

function rootCause(err: unknown): unknown {
  let e = err;
  while (e instanceof Error && e.cause && !(e instanceof AppError)) e = e.cause;
  return e;
}
