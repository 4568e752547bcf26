import type { AnyTRPCRouter } from '@trpc/server';
import { sample } from 'openapi-sampler';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import { errorCatalogue } from '../errors.ts';
import { errorStatus } from './error-codes.ts';
import { type Access, accessOf, type Family, type Meta } from './meta.ts';
import { ERROR_SCHEMAS, errorResponse, errorResponseName, HEADERS, rateLimitHeaders, TAG_OF, TAGS } from './openapi-envelopes.ts';
import { collectOperations, type Operation } from './routes.ts';

type Json = Record<string, any>;

/**
 * The OpenAPI 3.1 document of every REST operation, generated from the procedures' zod schemas
 * (trpc-to-openapi) and their edge declarations (meta.ts), so it says what the edge does:
 * - success bodies in the family's envelope (spread envelopes merged so answers can satisfy them;
 *   the mini-program's business failures as the `success:false` branch of its 200);
 * - every status the edge and the operation can answer, with the family's error body, and the
 *   headers it sends (`WWW-Authenticate`, `Retry-After`, `X-RateLimit-*`);
 * - `security: []` on public operations, the access rules in each description, one tag per family;
 * - an example for every request body and JSON response: error examples rendered by render.ts,
 *   the others sampled from the schemas and their field examples (openapi-sampler).
 * @throws Error when a documented path has no declaration (the two sources disagree).
 */
export function buildOpenApiDocument(router: AnyTRPCRouter): Json {
  const doc = generateOpenApiDocument(router, {
    title: 'tracehub API',
    version: '1.0.0',
    baseUrl: '/',
    description:
      'One backend for the WeChat mini-program (spec 000), the factory back office (001), the mobile app and platform console (002), the public traceability API v1 (003) and BI with its auth server (004). Each family keeps its own envelope and error body; TypeScript clients may use tRPC at `/trpc` instead. A Postman collection generated from this document is `postman_collection.json` at the root of the repository.',
    securitySchemes: {
      Authorization: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A token of the family the operation accepts (see each description); OAuth device-flow tokens carry scopes.',
      },
    },
  }) as Json;
  const components: Json = doc.components ?? {};
  const schemas: Json = Object.fromEntries(Object.entries(components.schemas ?? {}).filter(([name]) => !name.startsWith('error.')));
  Object.assign(schemas, ERROR_SCHEMAS);
  const responses: Json = {};
  doc.components = { ...components, schemas, responses, headers: HEADERS };
  doc.info.license = { name: 'Proprietary', identifier: 'LicenseRef-tracehub' };
  doc.tags = TAGS;

  const byKey = new Map(collectOperations(router).map((o) => [`${o.method} ${o.template}`, o]));
  for (const [path, methods] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(methods as Json)) {
      const operation = byKey.get(`${method.toUpperCase()} ${path}`);
      if (!operation) throw new Error(`openapi: ${method.toUpperCase()} ${path} has no declaration`);
      document(op, operation, schemas, responses);
    }
  }
  stripSafeIntegerBounds(doc);
  addExamples(doc);
  return doc;
}

/** Fills one operation in place from its declaration. */
function document(op: Json, operation: Operation, schemas: Json, shared: Json): void {
  const meta = operation.meta as Meta;
  const access = accessOf(meta);
  const family = access.family;
  op.tags = [TAG_OF[family]];
  op.description = [meta.openapi?.description, describeAccess(access, meta)].filter(Boolean).join('\n\n');
  op.security = access.tokens ? [{ Authorization: [] }] : [];
  if (access.scope) op['x-required-scope'] = access.scope;
  if (access.permission) op['x-required-permission'] = access.permission;

  const ok = op.responses?.['200']?.content?.['application/json']?.schema ?? {};
  const status = meta.successStatus ?? 200;
  const limited = Boolean(meta.rateLimit);
  const responses: Json = {};
  const success = successSchema(family, meta.dataShape ?? 'wrap', ok, schemas);
  if (status === 204) responses['204'] = { description: 'Done; no body' };
  else
    responses[String(status)] = {
      description: meta.openapi?.successDescription ?? 'Success',
      content: successContent(meta, family, success),
    };
  if (limited && responses[String(status)]) responses[String(status)].headers = rateLimitHeaders;
  if (family === 'mini') {
    const failure = { $ref: '#/components/schemas/MiniError' };
    const current = responses['200'];
    responses['200'] = current
      ? { ...current, content: { 'application/json': { schema: { oneOf: [success, failure] } } } }
      : { description: 'Business failure: `success:false` with a stable `code`', content: { 'application/json': { schema: failure } } };
  }
  for (const code of errorStatuses(meta, access, operation.method)) {
    const name = errorResponseName(family, code);
    shared[name] ??= errorResponse(family, code);
    responses[String(code)] = { $ref: `#/components/responses/${name}` };
  }
  if (meta.degradedStatus) {
    const degraded = structuredClone(success) as Json;
    if (degraded.properties?.success) degraded.properties.success = { const: false };
    responses[String(meta.degradedStatus)] = {
      description: 'Unhealthy: the success shape with `success:false`, or the family’s error body',
      content: {
        'application/json': {
          schema: { oneOf: [degraded, { $ref: `#/components/schemas/${family === 'mini' ? 'MiniError' : 'MobileError'}` }] },
        },
      },
    };
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

function successContent(meta: Meta, family: Family, schema: Json): Json {
  if (meta.response === 'file') {
    // media types without parameters: `text/csv; charset=utf-8` is documented as text/csv
    const types = new Set((meta.produces ?? ['application/octet-stream']).map((type) => type.split(';')[0]!.trim()));
    return Object.fromEntries([...types].map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  }
  if (family === 'page') {
    const html = { 'text/html': { schema: { type: 'string', description: meta.openapi?.summary ?? 'The page' } } };
    const ref = (id: string) => ({ schema: { $ref: `#/components/schemas/${id}` } });
    return { ...html, ...Object.fromEntries(Object.entries(meta.alternates ?? {}).map(([type, id]) => [type, ref(id)])) };
  }
  return { 'application/json': { schema } };
}

/**
 * Statuses an operation can answer besides its success: what the edge itself raises (400, 404,
 * 413/415 for bodies, 401/403 for protected operations, 429, 431, 500, 503) and the declared
 * domain errors, each at the status its family gives it (mini business failures ride the 200).
 */
function errorStatuses(meta: Meta, access: Access, method: string): number[] {
  const family = access.family;
  const out = new Set([400, 429, 431, 500, 503]);
  if (family === 'v1') out.add(422);
  if (family !== 'oauth' && family !== 'page') out.add(404);
  if (method !== 'GET') {
    out.add(413).add(415);
    if (family !== 'oauth' && family !== 'page') out.add(409);
    // logins, refresh, registration: wrong credentials, a revoked refresh token, a disabled account
    out.add(401).add(403);
  }
  if (access.tokens) out.add(401).add(403);
  if (family === 'mini' || family === 'mobile' || family === 'bi') out.add(502);
  if (family === 'page') out.add(401).add(403);
  for (const code of meta.errors ?? []) out.add(errorStatus(family, code));
  if (family === 'oauth') out.add(401);
  out.delete(200);
  out.delete(errorCatalogue.CLIENT_ABORTED.httpStatus);
  return [...out].sort((a, b) => a - b);
}

/** The access rules in words, for the operation's description. */
function describeAccess(access: Access, meta: Meta): string {
  const lines: string[] = [];
  if (!access.tokens) lines.push('**Access**: public (no token).');
  else {
    const parts = [`a \`${access.tokens.join('`, `')}\` token`];
    if (access.scope) parts.push(`OAuth scope \`${access.scope}\` when the token is a device-flow token`);
    if (access.userKind) parts.push(`a ${access.userKind} user`);
    if (access.permission) parts.push(`permission \`${access.permission}\``);
    lines.push(`**Access**: ${parts.join('; ')}.`);
  }
  if (meta.rateLimit) {
    const per = access.tokens ? 'user' : 'client address';
    const window = (meta.rateLimit.windowMs ?? 60_000) / 1000;
    lines.push(
      `**Rate limit**: ${meta.rateLimit.limit} requests per ${window} s per ${per}${meta.rateLimit.bucket ? ` (shared bucket \`${meta.rateLimit.bucket}\`)` : ''}.`,
    );
  }
  return lines.join('\n\n');
}

/** JSON schema of a success body in a family, given the output's schema. */
function successSchema(family: Family, shape: NonNullable<Meta['dataShape']>, data: Json, schemas: Json): Json {
  if (shape === 'bare' || family === 'oauth' || family === 'page') return data;
  const obj = (properties: Json, required: string[]) => ({ type: 'object', properties, required, additionalProperties: false });
  const spread = (head: Json, required: string[]) => {
    const target = data.$ref ? schemas[String(data.$ref).split('/').pop()!] : data;
    if (target?.type !== 'object' || !target.properties) return { allOf: [obj(head, required), data] };
    return { ...target, properties: { ...head, ...target.properties }, required: [...required, ...(target.required ?? [])] };
  };
  const hasData = Object.keys(data).length > 0;
  switch (family) {
    case 'mini':
      return obj(
        {
          success: { const: true },
          message: { type: 'string' },
          timestamp: { type: 'integer', description: 'epoch ms', minimum: 0 },
          data,
        },
        ['success', 'message', 'timestamp', 'data'],
      );
    case 'admin':
      return obj(
        { success: { const: true }, message: { type: 'string' }, ...(hasData ? { data } : {}) },
        hasData ? ['success', 'message', 'data'] : ['success', 'message'],
      );
    case 'mobile':
      return shape === 'spread'
        ? spread({ success: { const: true } }, ['success'])
        : obj({ success: { const: true }, message: { type: 'string' }, data }, ['success', 'message', 'data']);
    case 'v1':
      return shape === 'spread'
        ? spread({ status: { const: 'success' } }, ['status'])
        : obj({ status: { const: 'success' }, data, meta: obj({ serverTime: { type: 'string', format: 'date-time' } }, ['serverTime']) }, [
            'status',
            'data',
            'meta',
          ]);
    case 'bi':
      return shape === 'spread'
        ? spread({ success: { const: true } }, ['success'])
        : obj({ success: { const: true }, data }, ['success', 'data']);
  }
}

const SAFE = Number.MAX_SAFE_INTEGER;
/** zod's `.int()` bounds every integer by ±2^53: no bound at all says the same, without the absurd example. */
function stripSafeIntegerBounds(node: unknown): void {
  if (Array.isArray(node)) node.forEach(stripSafeIntegerBounds);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.minimum === -SAFE) delete o.minimum;
    if (o.maximum === SAFE) delete o.maximum;
    for (const v of Object.values(o)) stripSafeIntegerBounds(v);
  }
}

/** Sets `example` on every parameter, request body and JSON response that has none, sampled from its schema. */
function addExamples(doc: Json): void {
  const media = (content: Json | undefined) =>
    Object.entries(content ?? {}).filter(([type]) => !type.startsWith('image/') && type !== '*/*');
  for (const methods of Object.values(doc.paths as Json)) {
    for (const op of Object.values(methods as Json)) {
      for (const p of op.parameters ?? []) p.example ??= p.schema?.default ?? sample(p.schema, { quiet: true }, doc);
      for (const [, m] of media(op.requestBody?.content)) m.example ??= sample(m.schema, { skipReadOnly: true, quiet: true }, doc);
      for (const r of Object.values(op.responses as Json)) {
        for (const [type, m] of media(r.content)) {
          if (m.schema?.format === 'binary' || type === 'application/octet-stream') continue;
          m.example ??=
            type === 'text/html' ? '<!doctype html><html lang="en">…</html>' : sample(m.schema, { skipWriteOnly: true, quiet: true }, doc);
        }
      }
    }
  }
}
