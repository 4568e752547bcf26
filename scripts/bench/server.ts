/**
 * One bench server in its own process (so the load generator has the other core):
 * `tsx scripts/bench/server.ts --mode full|bare|bare-pg --db FILE|URL --port N [--set KEY=VALUE …]`.
 * Prints "ready" when listening. The full stack gets a local WeChat stand-in answering the
 * access-token call, so `/api/health/check` probes no outside network; `--set` overrides config.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config.ts';
import { createDeps } from '../../src/deps.ts';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { startBarePgServer } from './bare-pg-server.ts';
import { startBareServer } from './bare-server.ts';
import { BENCH_ENV } from './fixture.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    cache: { type: 'string', default: '0' },
    set: { type: 'string', multiple: true, default: [] },
  },
});
const port = Number(values.port);
if (values.mode === 'bare') {
  startBareServer(values.db!, port).once('listening', () => console.log('ready'));
} else if (values.mode === 'bare-pg') {
  (await startBarePgServer(values.db!, port)).once('listening', () => console.error('ready'));
} else {
  const wechat = createServer((_req, res) => res.end(JSON.stringify({ access_token: 'bench', expires_in: 7200 })));
  await new Promise<void>((r) => wechat.listen(0, '127.0.0.1', r));
  const overrides = Object.fromEntries(values.set.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const config = loadConfig({
    ...BENCH_ENV,
    WECHAT_BASE_URL: `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`,
    DATABASE_URL: values.db!,
    PORT: String(port),
    ORDER_CACHE_TTL_MS: values.cache!,
    ...overrides,
  });
  const deps = createDeps(config, createLogger(config.LOG_LEVEL));
  const app = createApp(deps, { openapiJson: '{}' });
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }).once('listening', () => console.error('ready'));
}

// exit normally on a signal, so that `node --cpu-prof` can write its profile
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
