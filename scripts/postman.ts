/**
 * The Postman collection of spec 003 §9, generated from openapi.json by Postman's own converter
 * (`openapi-to-postmanv2`), then made usable as is: one folder per client family, every
 * protected request authenticated with that family's `{{<family>Token}}` collection variable,
 * and one login request per family whose test script stores the token it receives. Ids the
 * converter draws at random are replaced by stable ones, so the file only changes with the API.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const converter = require('openapi-to-postmanv2') as {
  convert(
    input: { type: 'json'; data: unknown },
    options: Record<string, unknown>,
    cb: (err: Error | null, result: { result: boolean; reason?: string; output: { data: Collection }[] }) => void,
  ): void;
};

interface Item {
  name: string;
  id?: string;
  item?: Item[];
  request?: { method: string; url: { path?: string[]; raw?: string }; auth?: unknown; body?: { raw?: string }; header?: unknown[] };
  event?: unknown[];
  response?: unknown[];
  description?: unknown;
}
interface Collection {
  info: Record<string, unknown>;
  item: Item[];
  variable?: { key: string; value: string; type?: string }[];
  auth?: unknown;
  event?: unknown[];
}

/** Per family: the login request (method, path), the body it sends on the demo data, and where the token is in the answer. */
const DEMO_ADMIN = { username: 'platform_admin', password: 'Admin@123456' };
/** The mobile app's sign-in, which BI (staff tokens) shares. */
const UNIFIED_LOGIN = { method: 'POST', path: '/api/mobile/auth/unified-login', body: DEMO_ADMIN, tokenAt: 'token' };
const LOGINS: Record<string, { method: string; path: string; body: unknown; tokenAt: string; note?: string }> = {
  mini: { method: 'POST', path: '/api/auth/wx-login', body: { code: 'demo' }, tokenAt: 'data.token' },
  admin: { method: 'POST', path: '/api/login', body: DEMO_ADMIN, tokenAt: 'data.token' },
  mobile: UNIFIED_LOGIN,
  v1: { method: 'POST', path: '/v1/auth/login', body: DEMO_ADMIN, tokenAt: 'token' },
  bi: {
    ...UNIFIED_LOGIN,
    note: 'BI accepts staff tokens; the bi CLI gets its own through the device flow (/oauth/device, /device, /oauth/token).',
  },
};

const stableId = (...parts: string[]) => {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** Replaces the converter's random ids by hashes of the item's place, depth first. */
function stabilise(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) stabilise(v, `${path}/${i}`);
    return;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string') o.id = stableId(path, String(o.name ?? ''));
    if (typeof o._postman_id === 'string') o._postman_id = stableId(path, 'collection');
    for (const [k, v] of Object.entries(o)) stabilise(v, `${path}/${k}`);
  }
}

const requestPath = (item: Item) => `/${(item.request?.url.path ?? []).join('/')}`.replace(/:(\w+)/g, '{$1}');

/**
 * Converts an OpenAPI document into the tracehub Postman collection (schema v2.1).
 * @param doc the parsed openapi.json (its tags name the client families).
 * @throws Error when the converter refuses the document.
 */
export async function buildPostmanCollection(doc: Record<string, unknown>): Promise<Collection> {
  const collection = await new Promise<Collection>((resolve, reject) =>
    converter.convert(
      { type: 'json', data: doc },
      {
        folderStrategy: 'Tags',
        requestParametersResolution: 'Example',
        exampleParametersResolution: 'Example',
        includeAuthInfoInExample: false,
        collapseFolders: true,
      },
      (err, r) => (err ? reject(err) : r.result ? resolve(r.output[0]!.data) : reject(new Error(r.reason))),
    ),
  );
  const protectedOps = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
    for (const [method, op] of Object.entries(ops)) if (op.security?.length) protectedOps.add(`${method.toUpperCase()} ${path}`);
  }
  for (const folder of collection.item) {
    const family = folder.name;
    const variable = `${family}Token`;
    for (const item of folder.item ?? []) {
      if (!item.request) continue;
      // the saved example answers: the successes (the document has the error examples)
      item.response = (item.response ?? []).filter((r) => String((r as { code?: number }).code ?? '').startsWith('2'));
      const key = `${item.request.method} ${requestPath(item)}`;
      item.request.auth = protectedOps.has(key)
        ? { type: 'bearer', bearer: [{ key: 'token', value: `{{${variable}}}`, type: 'string' }] }
        : { type: 'noauth' };
    }
    const login = LOGINS[family];
    if (!login) continue;
    const template = collection.item
      .flatMap((f) => f.item ?? [])
      .find((i) => i.request && `${i.request.method} ${requestPath(i)}` === `${login.method} ${login.path}`);
    if (!template?.request) throw new Error(`no ${login.method} ${login.path} request to log in the ${family} family with`);
    const signIn: Item = structuredClone(template);
    signIn.name = `Sign in (${family}): stores {{${variable}}}`;
    signIn.description = `Run first: logs in with the demo data and stores the token in the collection variable ${variable}, which every other request of this folder sends.${login.note ? ` ${login.note}` : ''}`;
    signIn.request!.auth = { type: 'noauth' };
    signIn.request!.body = { ...signIn.request!.body, raw: JSON.stringify(login.body, null, 2) };
    signIn.response = [];
    signIn.event = [
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: [
            `const token = pm.response.json()${login.tokenAt
              .split('.')
              .map((k) => `?.${k}`)
              .join('')};`,
            `pm.test('signed in', () => pm.expect(token).to.be.a('string'));`,
            `pm.collectionVariables.set('${variable}', token);`,
          ],
        },
      },
    ];
    folder.item = [signIn, ...(folder.item ?? [])];
  }
  collection.variable = [
    { key: 'baseUrl', value: 'http://127.0.0.1:3000', type: 'string' },
    ...Object.keys(LOGINS).map((f) => ({ key: `${f}Token`, value: '', type: 'string' })),
  ];
  stabilise(collection, '');
  return collection;
}
