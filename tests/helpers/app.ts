import type { KyselyPlugin } from 'kysely';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { type Config, loadConfig } from '../../src/config.ts';
import type { DialectName } from '../../src/db/connect.ts';
import { type AppDeps, createDeps, type DepsOverrides } from '../../src/deps.ts';
import { createApp } from '../../src/http/app.ts';
import { registerBootstrapClients } from '../../src/services/identity/oauth/clients.ts';
import { withContractCheck } from './contract.ts';
import { freshDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  config: Config;
  /** One REST call; JSON bodies are sent and parsed. */
  call(method: string, path: string, opts?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  /** JSON-encoded unless a string or FormData (sent as multipart). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A response as tests read it: status, headers, the text and its JSON (undefined when not JSON). */
export async function readResult(res: Response): Promise<CallResult> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/**
 * A whole tracehub on a fresh migrated database (with the OAUTH_CLIENTS of its config registered,
 * as at start), called through `app.request()` (no socket).
 * `env` overrides config variables; `deps` swaps integrations (fakes of WeChat, ERP…); `plugins`
 * watch the app's queries (tests/helpers/query-log.ts); `database` runs it on a handle of a shared
 * database (helpers/db.ts `sharedDatabase`) instead.
 */
export async function createTestApp(
  dialect: DialectName,
  opts: { env?: Record<string, string>; deps?: DepsOverrides; plugins?: KyselyPlugin[]; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await freshDatabase(dialect));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', METRICS_FLUSH_MS: '50', ...opts.env });
  const db = (opts.plugins ?? []).reduce((d, plugin) => d.withPlugin(plugin), database.db);
  const deps = createDeps(config, pino({ level: 'silent' }), { ...opts.deps, db, dialect });
  // as src/main.ts does after migrating
  await registerBootstrapClients(deps.db, config.OAUTH_CLIENTS);
  const app = createApp(deps, { openapiJson: '{}' });
  app.fetch = withContractCheck(app.fetch);
  return {
    app,
    deps,
    config,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | FormData | undefined;
      if (o.body instanceof FormData) body = o.body;
      else if (o.body !== undefined) {
        body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      return readResult(await app.request(path, { method, headers, body }));
    },
    async close() {
      await deps.notifier.stop();
      await deps.metrics.close();
      await database.destroy();
    },
  };
}

/**
 * A fresh app (fresh migrated database) for every test of the enclosing `describe`, closed after
 * it. `setup` seeds what the tests share; the returned holder carries the app as `t` and the
 * fields `setup` returns, replaced before each test (read them inside tests and hooks only).
 */
export function eachTestApp<T extends object = object>(
  dialect: DialectName,
  setup?: (t: TestApp) => Promise<T> | T,
  opts: Parameters<typeof createTestApp>[1] | (() => Parameters<typeof createTestApp>[1]) = {},
): { t: TestApp } & T {
  const holder = {} as { t: TestApp } & T;
  beforeEach(async () => {
    const t = await createTestApp(dialect, typeof opts === 'function' ? opts() : opts);
    for (const key of Object.keys(holder)) delete (holder as Record<string, unknown>)[key];
    Object.assign(holder, { t }, await setup?.(t));
  });
  afterEach(() => holder.t?.close());
  return holder;
}
