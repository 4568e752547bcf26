/**
 * One bench server in its own process (so the load generator has the other core):
 * `tsx scripts/bench/server.ts --mode full|bare --db FILE --port N`. Prints "ready" when listening.
 */
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config.ts';
import { createDeps } from '../../src/deps.ts';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { startBareServer } from './bare-server.ts';
import { BENCH_ENV } from './fixture.ts';

const { values } = parseArgs({
  options: { mode: { type: 'string' }, db: { type: 'string' }, port: { type: 'string' }, cache: { type: 'string', default: '0' } },
});
const port = Number(values.port);
if (values.mode === 'bare') {
  startBareServer(values.db!, port).once('listening', () => console.log('ready'));
} else {
  const config = loadConfig({ ...BENCH_ENV, DATABASE_URL: values.db!, PORT: String(port), ORDER_CACHE_TTL_MS: values.cache! });
  const deps = createDeps(config, createLogger(config.LOG_LEVEL));
  const app = createApp(deps, { openapiJson: '{}' });
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }).once('listening', () => console.error('ready'));
}

// exit normally on a signal, so that `node --cpu-prof` can write its profile
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
