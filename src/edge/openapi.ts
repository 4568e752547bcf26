import type { AnyTRPCRouter } from '@trpc/server';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import type { Meta } from './meta.ts';
import { collectOperations } from './routes.ts';

type EnvelopeStyle = NonNullable<Meta['family']>;
type DataShape = NonNullable<Meta['dataShape']>;

type Json = Record<string, unknown>;

/** Error statuses each style documents, beyond the procedure's own (ROUTES.md). */
const ERROR_STATUSES: Record<EnvelopeStyle, number[]> = {
  mini: [400, 401, 403, 404, 429, 500],
  admin: [400, 401, 403, 404, 409, 500],
  mobile: [400, 401, 403, 404, 409, 429, 500],
  v1: [400, 401, 403, 404, 422, 429, 500],
  bi: [400, 401, 403, 404, 429, 500],
  oauth: [400, 401, 429, 500],
  page: [400, 401, 403, 429],
};

/**
 * The OpenAPI 3.1 document REST clients need: trpc-to-openapi's generation from the routers, with
 * every success body wrapped in the procedure's envelope and every error body replaced by the
 * style's error envelope (its own error schema describes tRPC's shape, which REST never sees).
 * `extraPaths` adds the Hono routes (multipart, streams, OAuth forms).
 */
export function buildOpenApiDocument(router: AnyTRPCRouter, extraPaths: Json = {}): Json {
  const doc = generateOpenApiDocument(router, {
    title: 'tracehub API',
    version: '1.0.0',
    baseUrl: '/',
    description:
      'One backend for the mini-program (spec 000), back office (001), mobile app (002), public traceability API v1 (003) and BI (004). TypeScript clients may use tRPC at /trpc instead.',
    securitySchemes: { Authorization: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  }) as unknown as Json & { paths: Record<string, Record<string, Json>>; components?: Json };

  const metas = collectOperations(router).map((op) => op.meta);
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const meta = metas.find((m) => m.openapi.method.toLowerCase() === method && m.openapi.path.replace(/\{(\w+)\}/g, '{$1}') === path);
      if (!meta) continue;
      const style = meta.family ?? 'mini';
      const responses = (op.responses ?? {}) as Record<string, Json>;
      const ok = responses['200'] as { content?: { 'application/json'?: { schema?: Json } }; description?: string } | undefined;
      const dataSchema = ok?.content?.['application/json']?.schema ?? {};
      const status = String(meta.successStatus ?? 200);
      const next: Record<string, Json> = {};
      next[status] =
        status === '204'
          ? { description: 'No content' }
          : {
              description: ok?.description ?? 'Successful response',
              content: { 'application/json': { schema: successBodySchema(style, meta.dataShape ?? 'wrap', dataSchema) } },
            };
      for (const code of ERROR_STATUSES[style] ?? []) {
        if (code === 401 && !meta.openapi.protect) continue;
        next[String(code)] = { description: describe(code, style), content: { 'application/json': { schema: errorBodySchema(style) } } };
      }
      op.responses = next;
      if (!meta.openapi.protect) delete op.security;
    }
  }
  Object.assign(doc.paths, extraPaths);
  if (doc.components) delete (doc.components as Json).responses;
  return doc;
}

function describe(code: number, style: EnvelopeStyle): string {
  const text: Record<number, string> = {
    400: 'Bad input',
    401: 'Missing, invalid, expired or revoked token',
    403: 'Permission denied',
    404: 'Not found',
    409: 'Duplicate or conflicting resource',
    422: 'Validation failed: one `details` entry per bad field',
    429: 'Rate limit exceeded (Retry-After)',
    500: 'Internal error',
  };
  const note = style === 'mini' && (code === 400 || code === 404) ? ' (mini: business failures answer HTTP 200 with success:false)' : '';
  return (text[code] ?? 'Error') + note;
}

/** JSON-schema of a success body in a family, given the output's JSON schema. */
function successBodySchema(style: EnvelopeStyle, shape: DataShape, data: Record<string, unknown>): Record<string, unknown> {
  if (shape === 'bare' || style === 'oauth' || style === 'page') return data;
  const obj = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required });
  const spreadInto = (head: Record<string, unknown>, headRequired: string[]) => ({ allOf: [obj(head, headRequired), data] });
  switch (style) {
    case 'mini':
      return obj({ success: { type: 'boolean' }, message: { type: 'string' }, timestamp: { type: 'integer' }, data }, [
        'success',
        'message',
        'timestamp',
        'data',
      ]);
    case 'admin':
      return obj({ success: { const: true }, message: { type: 'string' }, data }, ['success', 'message']);
    case 'mobile':
      return shape === 'spread'
        ? spreadInto({ success: { type: 'boolean' } }, ['success'])
        : obj({ success: { const: true }, message: { type: 'string' }, data }, ['success', 'data']);
    case 'v1':
      return shape === 'spread'
        ? spreadInto({ status: { const: 'success' } }, ['status'])
        : obj({ status: { const: 'success' }, data }, ['status', 'data']);
    case 'bi':
      return shape === 'spread'
        ? spreadInto({ success: { const: true } }, ['success'])
        : obj({ success: { const: true }, data }, ['success', 'data']);
  }
}

/** JSON-schema of an error body in a family. */
function errorBodySchema(style: EnvelopeStyle): Record<string, unknown> {
  const s = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: Object.keys(properties) });
  const str = { type: 'string' };
  switch (style) {
    case 'mini':
      return s({ success: { const: false }, message: str, code: str, timestamp: { type: 'integer' } });
    case 'admin':
      return s({ success: { const: false }, message: str, error_code: str });
    case 'mobile':
      return s({ success: { const: false }, message: str, code: str, timestamp: { type: 'string', format: 'date-time' } });
    case 'v1':
      return s({ status: { const: 'error' }, code: str, message: str, details: { type: 'array', items: s({ field: str, message: str }) } });
    case 'bi':
      return s({ success: { const: false }, error: str, message: str });
    case 'oauth':
      return s({ error: str, error_description: str });
    case 'page':
      return str;
  }
}
