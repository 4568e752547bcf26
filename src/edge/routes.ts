import type { AnyTRPCProcedure, AnyTRPCRouter } from '@trpc/server';
import { coerceSchema, getInputOutputParsers, instanceofZodTypeLikeVoid, instanceofZodTypeObject, unwrapZodType } from 'trpc-to-openapi';
import type { Family, Meta } from './meta.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Segment = { literal: string } | { param: string };

/** One REST operation: a procedure with an `openapi` path in its meta, and what the adapter precomputes for it. */
export interface Operation {
  /** The procedure's dotted path (`admin.materials.get`). */
  procedurePath: string;
  procedure: AnyTRPCProcedure;
  type: 'query' | 'mutation';
  meta: Meta & { openapi: NonNullable<Meta['openapi']> };
  family: Family;
  method: HttpMethod;
  /** The documented path (`/api/materials/{material_id}`): route pattern in logs and metrics. */
  template: string;
  segments: readonly Segment[];
  /** False for `z.void()` inputs: the procedure takes nothing. */
  takesInput: boolean;
  /** Query keys whose schema is an array (`?fields=a&fields=b`). */
  arrayKeys: ReadonlySet<string>;
  /** Accepted request media types (default `application/json`). */
  contentTypes: readonly string[];
}

const split = (path: string): string[] => path.replace(/^\/|\/$/g, '').split('/');

function isArraySchema(schema: unknown): boolean {
  const def = (schema as { _zod?: { def?: { type?: string; innerType?: unknown } } })?._zod?.def;
  if (def?.type === 'array') return true;
  return (def?.type === 'optional' || def?.type === 'default') && isArraySchema(def.innerType);
}

/**
 * Every procedure that declares an `openapi` path, as operations. Query-string and body inputs
 * are made coercible ("2" → 2) once here, as trpc-to-openapi's own adapter does on every request.
 */
export function collectOperations(router: AnyTRPCRouter): Operation[] {
  const out: Operation[] = [];
  for (const [procedurePath, procedure] of Object.entries(router._def.procedures as Record<string, AnyTRPCProcedure>)) {
    const meta = procedure._def.meta as Meta | undefined;
    if (!meta?.openapi || meta.openapi.enabled === false) continue;
    const { inputParser } = getInputOutputParsers(procedure as never);
    const unwrapped = unwrapZodType(inputParser as never, true);
    const takesInput = !instanceofZodTypeLikeVoid(unwrapped);
    const arrayKeys = new Set<string>();
    if (instanceofZodTypeObject(unwrapped)) {
      coerceSchema(unwrapped);
      for (const [key, shape] of Object.entries((unwrapped as { shape: Record<string, unknown> }).shape)) {
        if (isArraySchema(shape)) arrayKeys.add(key);
      }
    }
    const template = `/${split(meta.openapi.path).join('/')}`;
    out.push({
      procedurePath,
      procedure,
      type: procedure._def.type as 'query' | 'mutation',
      meta: meta as Operation['meta'],
      family: meta.family ?? 'mini',
      method: meta.openapi.method as HttpMethod,
      template,
      segments: split(template).map((s) => (/^\{\w+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s })),
      takesInput,
      arrayKeys,
      contentTypes: meta.openapi.contentTypes ?? ['application/json'],
    });
  }
  return out;
}

/** Literal segments sort before parameters at the first position where two templates differ. */
function bySpecificity(a: Operation, b: Operation): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const la = 'literal' in a.segments[i]!;
    const lb = 'literal' in b.segments[i]!;
    if (la !== lb) return la ? -1 : 1;
  }
  return a.segments.length - b.segments.length;
}

/** Where a path that no operation claims answers from: the first segment's family. */
const FALLBACK_FAMILY: Record<string, Family> = { api: 'mini', v1: 'v1', oauth: 'oauth', device: 'page' };

export type RouteMatch =
  | { kind: 'operation'; op: Operation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; family: Family; allow: string[] }
  | { kind: 'not-found'; family: Family };

/**
 * Matches method + path to an operation. The rule does not depend on the order of router keys:
 * among templates of the same length, literal segments win over parameters position by position
 * (`/api/users/me` before `/api/users/{user_id}`); two templates that could match the same path
 * the same way are refused at start.
 */
export class RouteTable {
  readonly #byLength = new Map<number, Operation[]>();

  constructor(readonly operations: readonly Operation[]) {
    for (const op of [...operations].sort(bySpecificity)) {
      const list = this.#byLength.get(op.segments.length) ?? [];
      const twin = list.find(
        (o) =>
          o.method === op.method &&
          o.segments.every((s, i) => {
            const t = op.segments[i]!;
            return 'literal' in s ? 'literal' in t && t.literal === s.literal : 'param' in t;
          }),
      );
      if (twin) throw new Error(`Ambiguous routes: ${op.procedurePath} and ${twin.procedurePath} both match ${op.method} ${op.template}`);
      list.push(op);
      this.#byLength.set(op.segments.length, list);
    }
  }

  match(method: string, pathname: string): RouteMatch {
    const parts = split(pathname);
    const candidates = this.#byLength.get(parts.length) ?? [];
    const sameShape: Operation[] = [];
    for (const op of candidates) {
      const params = matchSegments(op.segments, parts);
      if (!params) continue;
      if (op.method === method) return { kind: 'operation', op, params };
      sameShape.push(op);
    }
    if (sameShape.length)
      return { kind: 'method-not-allowed', family: sameShape[0]!.family, allow: [...new Set(sameShape.map((o) => o.method))] };
    return { kind: 'not-found', family: this.familyFor(parts) };
  }

  /**
   * The family of a path no operation claims: that of the operation sharing the longest literal
   * prefix with it (two segments at least), else by its first segment (`/api` → mini, `/v1` → v1).
   */
  familyFor(parts: readonly string[]): Family {
    let best: Operation | undefined;
    let bestScore = 1;
    for (const list of this.#byLength.values()) {
      for (const op of list) {
        let score = 0;
        while (score < parts.length && score < op.segments.length) {
          const s = op.segments[score]!;
          if (!('literal' in s) || s.literal !== parts[score]) break;
          score++;
        }
        if (score > bestScore) [best, bestScore] = [op, score];
      }
    }
    return best?.family ?? FALLBACK_FAMILY[parts[0] ?? ''] ?? 'mini';
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const part = parts[i]!;
    if ('literal' in s) {
      if (s.literal !== part) return null;
    } else {
      if (part === '') return null;
      params[s.param] = part;
    }
  }
  return params;
}
