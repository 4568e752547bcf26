import { describe, expect, it } from 'vitest';
import { accessOf } from '../../src/edge/meta.ts';
import { TAGS } from '../../src/edge/openapi-envelopes.ts';
import { collectOperations } from '../../src/edge/routes.ts';
import { appRouter } from '../../src/routers/app-router.ts';
import { load } from '../helpers/contract.ts';

/**
 * The committed openapi.json as a client generator reads it (issue 9 §3): every operation named,
 * summarised, described, tagged with its family, with its security, and an example for every
 * request body and JSON response that validates against its own schema. (That the answers on the
 * wire match it is tests/helpers/contract.ts' job, run on every call of every test.)
 */
type Json = Record<string, any>;
const { doc, ajv } = load();

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const operations = Object.entries(doc.paths as Json).flatMap(([path, methods]) =>
  Object.entries(methods as Json).map(([method, op]) => ({ path, method, op: op as Json })),
);
const deref = (r: Json) =>
  r.$ref
    ? r.$ref
        .slice(2)
        .split('/')
        .reduce((n: Json, k: string) => n[k], doc)
    : r;

describe('openapi.json', () => {
  it('documents every REST operation the routers declare, and nothing else', () => {
    const declared = collectOperations(appRouter).map((o) => `${o.method.toLowerCase()} ${o.template}`);
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(declared.sort());
    expect(operations.length).toBeGreaterThan(100);
  });

  it('names, summarises, describes and tags every operation with its family', () => {
    const tags = new Set(TAGS.map((t) => t.name));
    expect(doc.tags.map((t: Json) => t.name)).toEqual([...tags]);
    const ids = new Set<string>();
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/\S/);
      expect(ids.has(op.operationId), `${where}: duplicate operationId`).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, where).toMatch(/\S/);
      expect(op.description, where).toMatch(/\*\*Access\*\*/);
      expect(op.tags, where).toHaveLength(1);
      expect(tags.has(op.tags[0]), where).toBe(true);
    }
  });

  it('marks public operations `security: []` and protected ones with the bearer scheme and their 401', () => {
    const metas = new Map(collectOperations(appRouter).map((o) => [`${o.method.toLowerCase()} ${o.template}`, o.meta]));
    let publicOps = 0;
    for (const { path, method, op } of operations) {
      const access = accessOf(metas.get(`${method} ${path}`));
      if (access.tokens) {
        expect(op.security, `${method} ${path}`).toEqual([{ Authorization: [] }]);
        expect(deref(op.responses['401']).headers['WWW-Authenticate'], `${method} ${path}`).toBeDefined();
      } else {
        publicOps++;
        expect(op.security, `${method} ${path}`).toEqual([]);
      }
    }
    expect(publicOps).toBeGreaterThan(5);
  });

  it('gives every request body and JSON response an example that validates against its schema', () => {
    let examples = 0;
    const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
    const check = (where: string, pointer: string, media: Json) => {
      expect(media.example, `${where}: no example`).toBeDefined();
      const validate = compiled.get(pointer) ?? ajv.compile({ $ref: `openapi#${pointer}/schema` });
      compiled.set(pointer, validate);
      expect(validate(media.example), `${where}: ${JSON.stringify(validate.errors?.[0])}`).toBe(true);
      examples++;
    };
    for (const { path, method, op } of operations) {
      const base = `/paths/${escapePointer(path)}/${method}`;
      for (const [type, media] of Object.entries((op.requestBody?.content ?? {}) as Json)) {
        if (type === 'application/json' || type === 'application/x-www-form-urlencoded') {
          check(`${method} ${path} request ${type}`, `${base}/requestBody/content/${escapePointer(type)}`, media);
        }
      }
      for (const [status, response] of Object.entries(op.responses as Json)) {
        const at = response.$ref ? response.$ref.slice(1) : `${base}/responses/${status}`;
        const media = deref(response).content?.['application/json'];
        if (media) check(`${method} ${path} ${status}`, `${at}/content/application~1json`, media);
      }
    }
    expect(examples).toBeGreaterThan(500);
  });

  it('has no ±2^53 integer bounds and names the shared schemas', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain(String(Number.MAX_SAFE_INTEGER));
    for (const name of [
      'OrderSummary',
      'OrderDetail',
      'TraceBatch',
      'TraceLog',
      'User',
      'Material',
      'Factory',
      'Device',
      'MiniError',
      'V1Error',
    ]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });
});
