import type { Context as HonoContext } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { HttpVariables } from '../http/variables.ts';
import { parseMultipart, tooLarge } from './multipart.ts';
import type { Operation } from './routes.ts';

type C = HonoContext<{ Variables: HttpVariables }>;

// An operation's input off the request: query string, JSON, form-urlencoded or streamed multipart.

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/** The media type of a Content-Type value, lower-cased, without parameters. */
const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/**
 * An operation's raw input: query string (GET, DELETE) or body, with the path parameters over
 * them. Bodies are read up to the operation's limit and parsed by their declared media type;
 * multipart bodies are streamed (src/edge/multipart.ts), their temporary files removed by the
 * `cleanups` the caller runs once the procedure has finished.
 * @throws AppError PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, MALFORMED_REQUEST, CLIENT_ABORTED.
 */
export async function readInput(
  c: C,
  op: Operation,
  params: Record<string, string>,
  config: AppDeps['config'],
  cleanups: (() => Promise<void>)[],
): Promise<unknown> {
  if (!op.takesInput) return undefined;
  const path: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    try {
      path[k] = decodeURIComponent(v);
    } catch {
      throw new AppError('MALFORMED_REQUEST', { en: `Malformed path parameter ${k}`, zh: `路径参数 ${k} 格式错误` });
    }
  }
  if (op.method === 'GET' || op.method === 'DELETE') return { ...queryObject(c, op), ...path };
  const limit = op.meta.maxBodyBytes;
  const body = await readBody(c, op, typeof limit === 'function' ? limit(config) : (limit ?? config.BODY_LIMIT_BYTES), cleanups);
  return { ...(body as object), ...path };
}

function queryObject(c: C, op: Operation): Record<string, unknown> {
  const url = c.req.url;
  const q = url.indexOf('?');
  const out: Record<string, unknown> = {};
  if (q < 0) return out;
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    if (op.arrayKeys.has(k)) out[k] = [...((out[k] as string[] | undefined) ?? []), v];
    else if (!(k in out)) out[k] = v;
  }
  return out;
}

async function readBody(c: C, op: Operation, limit: number, cleanups: (() => Promise<void>)[]): Promise<unknown> {
  const req = c.req.raw;
  const contentType = req.headers.get('content-type') ?? '';
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  const type = mediaType(contentType);
  const kind = JSON_TYPE.test(type) ? 'application/json' : type;
  if (type && !op.contentTypes.some((ct) => mediaType(ct) === kind)) throw unsupported(op);
  if (type === 'multipart/form-data' && declared !== 0) {
    const parsed = await parseMultipart(req.body, contentType, limit);
    cleanups.push(parsed.cleanup);
    return parsed.fields;
  }
  const bytes = await readLimited(req, limit);
  if (bytes.length === 0) return {};
  if (!type) throw unsupported(op);
  if (kind === 'application/json') {
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new AppError('MALFORMED_REQUEST', { en: 'Request body is not valid JSON', zh: '请求体不是合法的 JSON' });
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(bytes.toString('utf8'))) {
      // RFC 6749 §3.2: parameters must not be repeated
      if (Object.hasOwn(out, k)) throw new AppError('VALIDATION_FAILED', `${k} is repeated`, [{ field: k, message: 'repeated' }]);
      out[k] = v;
    }
    return out;
  }
  throw unsupported(op);
}

/**
 * Reads a body up to `limit` bytes; a longer one stops the read (413), a broken one is the
 * client going away (CLIENT_ABORTED, recorded as such rather than as a server error).
 */
async function readLimited(req: Request, limit: number): Promise<Buffer> {
  // a declared length (already checked against the limit) frames the body: node-server's fast path reads it
  if (req.headers.get('content-length') !== null) {
    try {
      return Buffer.from(await req.arrayBuffer());
    } catch (err) {
      throw new AppError('CLIENT_ABORTED', 'Client closed the request', [], { cause: err });
    }
  }
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('CLIENT_ABORTED', 'Client closed the request', [], { cause: err });
  }
  return Buffer.concat(chunks, total);
}

const unsupported = (op: Operation) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', {
    en: `Content-Type must be ${op.contentTypes.join(' or ')}`,
    zh: `Content-Type 必须为 ${op.contentTypes.join(' 或 ')}`,
  });
