/**
 * The contract check (issue 9 §4): every REST answer a test produces through `createTestApp` is
 * validated against the committed `openapi.json` (JSON Schema 2020-12, ajv): its status must be
 * documented for its operation, its media type listed, and a JSON body must match the schema.
 * A mismatch throws from the call, so the test that produced it fails with the reason.
 * Each worker appends how many answers it checked to `contractTally` (summed by tests/contract-tally.ts).
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments: more literals win when two templates match (as the edge's RouteTable does). */
  literals: number;
  op: Json;
}

/** Where this run's per-worker tallies go (set by tests/setup/contract-tally.ts); the global teardown prints their sum. */
export const contractTallyDir = () => process.env.TRACEHUB_CONTRACT_TALLY ?? join(tmpdir(), 'tracehub-contract');

/** Paths that are not REST operations of the document (tRPC, the docs UI, Prometheus). */
const NOT_REST = [/^\/trpc(\/|$)/, /^\/docs(\/|$)/, /^\/openapi\.json$/, /^\/metrics$/];

let loaded: { doc: Json; ops: Operation[]; ajv: Ajv2020 } | undefined;

/** The committed openapi.json with its ajv (the document added as `openapi`, formats on), loaded once per worker. */
export function load() {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi');
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths as Json)) {
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    const literals = template.split('/').filter((s) => s && !s.startsWith('{')).length;
    for (const [method, op] of Object.entries(methods as Json)) {
      ops.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}/?$`), literals, op });
    }
  }
  ops.sort((a, b) => b.literals - a.literals);
  loaded = { doc, ops, ajv };
  return loaded;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const validators = new Map<string, ValidateFunction>();
let checked = 0;
/** Appends the answers checked since the last call to this run's tally (tests/setup/contract.ts calls it after each file). */
export function flushContractTally(): void {
  if (!checked) return;
  mkdirSync(contractTallyDir(), { recursive: true });
  appendFileSync(join(contractTallyDir(), `${process.pid}.txt`), `${checked}\n`);
  checked = 0;
}

/**
 * Wraps an app's `fetch` (Hono's `app.request()` calls it too) so that every answer is checked.
 * File answers are checked by status and media type; JSON answers are read from a clone.
 */
export function withContractCheck<F extends (req: Request, ...rest: any[]) => Response | Promise<Response>>(fetch: F): F {
  return (async (req: Request, ...rest: any[]) => {
    const res = await fetch(req, ...rest);
    const type = res.headers.get('content-type');
    const text = type?.includes('json') ? await res.clone().text() : '';
    checkAnswer(req.method, req.url, res.status, type, text);
    return res;
  }) as F;
}

/**
 * Checks one answer against the document.
 * @returns nothing; throws Error naming the operation, status and the first schema error on a mismatch.
 */
export function checkAnswer(method: string, url: string, status: number, contentType: string | null, bodyText: string): void {
  const path = new URL(url, 'http://x').pathname;
  if (NOT_REST.some((re) => re.test(path))) return;
  const { ops, ajv } = load();
  const match = ops.find((o) => o.method === (method === 'HEAD' ? 'GET' : method) && o.pattern.test(path));
  if (!match) {
    // Unknown routes and known paths with another method: no operation to hold the answer to.
    if (status === 404 || status === 405 || ops.some((o) => o.pattern.test(path))) return;
    throw new Error(`contract: ${method} ${path} answered ${status} but the document has no such operation`);
  }
  const where = `${match.method} ${match.template} → ${status}`;
  const responses = match.op.responses as Json;
  const key = String(status) in responses ? String(status) : `${String(status)[0]}XX` in responses ? `${String(status)[0]}XX` : 'default';
  let response = responses[key] as Json | undefined;
  let at = pointer('', 'paths', match.template, match.method.toLowerCase(), 'responses', key);
  if (typeof response?.$ref === 'string') {
    at = response.$ref.slice(1);
    response = at
      .split('/')
      .slice(1)
      .reduce((node: Json, k: string) => node?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], loaded!.doc);
  }
  if (!response) throw new Error(`contract: ${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`);
  checked++;
  const content = response.content as Json | undefined;
  if (!content) {
    if (bodyText) throw new Error(`contract: ${where}: documented without a body, answered ${bodyText.slice(0, 200)}`);
    return;
  }
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const mediaKey = media in content ? media : '*/*' in content ? '*/*' : undefined;
  if (!mediaKey)
    throw new Error(`contract: ${where}: content type ${media || '(none)'} not documented (${Object.keys(content).join(', ')})`);
  if (mediaKey !== 'application/json' || !content[mediaKey].schema) return;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw new Error(`contract: ${where}: body is not JSON: ${bodyText.slice(0, 200)}`);
  }
  const ref = `openapi#${at}${pointer('', 'content', mediaKey, 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  if (!validate(body)) {
    const e = validate.errors?.[0];
    throw new Error(
      `contract: ${where}: body does not match the document: ${e?.instancePath || '/'} ${e?.message} ${JSON.stringify(e?.params)}\nbody: ${bodyText.slice(0, 400)}`,
    );
  }
}
