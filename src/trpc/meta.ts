import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Permission } from '../services/auth/permissions.ts';
import type { EnvelopeStyle } from './envelopes.ts';
import type { RateLimitRule } from './rate-limit.ts';

/**
 * Everything declared once per procedure; the same rules hold over REST and tRPC.
 * - `envelope`: how REST answers are wrapped (DESIGN.md's five styles, plus `raw`).
 * - `message`: the success `message` of the mini and admin envelopes.
 * - `dataShape`: `wrap` (default) puts the output under `data`; `spread` merges an object output
 *   into the envelope (mobile's `{success, ...fields}`, v1's `{data, meta}`); `bare` sends the
 *   output alone (spec 001's bare arrays).
 * - `successStatus`: 201 for creations, 204 for deletions (v1).
 */
export interface Meta {
  openapi?: OpenApiOperation;
  envelope?: EnvelopeStyle;
  message?: string;
  dataShape?: 'wrap' | 'spread' | 'bare';
  successStatus?: 200 | 201 | 204;
  rateLimit?: RateLimitRule;
  permission?: Permission;
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
