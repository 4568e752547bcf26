import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { seedDemo } from '../db/seed/demo.ts';
import { ConfigError, loadConfig } from './config.ts';
import { migrateToLatest } from './db/connect.ts';
import { withStartupLock } from './db/startup-lock.ts';
import { closeDeps, createDeps } from './deps.ts';
import { createApp } from './http/app.ts';
import { createLogger, flushLogger } from './logger.ts';
import { registerBootstrapClients } from './services/identity/oauth/clients.ts';
import { hashPassword } from './services/identity/passwords.ts';
import { settleInTransaction } from './services/smelter/settlements.ts';
import { capture } from './services/traces/epcis/capture.ts';

/**
 * Start: config → database → migrate → OAUTH_CLIENTS → (demo seed) → server; graceful shutdown
 * on SIGTERM/SIGINT.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const deps = createDeps(config, logger);
  // Instances started together on one database migrate and seed one at a time.
  const { applied, seeded } = await withStartupLock(
    deps.db,
    deps.dialect,
    async () => ({
      applied: await migrateToLatest(deps.db),
      seeded: config.SEED_DEMO && (await seedDemo(deps.db, hashPassword, { settle: settleInTransaction, captureEpcis: capture })),
    }),
    { onWait: () => logger.info('another instance is migrating or seeding this database; waiting for it') },
  );
  if (applied.length) logger.info({ migrations: applied }, 'migrated');
  if (seeded) logger.info('demo data seeded');
  const clients = await registerBootstrapClients(deps.db, config.OAUTH_CLIENTS);
  if (clients.length) logger.info({ clients }, 'OAuth clients registered from OAUTH_CLIENTS');
  if (config.ORDER_NOTIFY_ENABLED) deps.notifier.start();
  if (config.HOUSEKEEPING_ENABLED) deps.housekeeping.start();

  const openapiJson = readFileSync(new URL('../openapi.json', import.meta.url), 'utf8');
  const app = createApp(deps, { openapiJson });
  // node refuses headers past maxHeaderSize with a bare 431; below it the edge answers 431 in the route's envelope
  const server = serve(
    { fetch: app.fetch, hostname: config.HOST, port: config.PORT, serverOptions: { maxHeaderSize: 64 * 1024 } },
    (info) => {
      logger.info(
        { url: `http://${info.address}:${info.port}`, docs: `http://${info.address}:${info.port}/docs`, database: deps.dialect },
        'tracehub listening',
      );
    },
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish within 10 s; closing anyway');
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await closeDeps(deps);
      logger.info('stopped');
      flushLogger(logger);
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

await main();
