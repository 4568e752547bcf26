import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCommerce } from '../../scripts/generate-commerce.ts';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { createHeavyReadPool, heavyReads } from '../../src/services/analytics/heavy-reads.ts';
import { makePlatformAdmin } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

// Issue 11: on SQLite a heavy BI report runs in a worker thread, so the event loop keeps answering.
// An ordering test, not a timed one: the health check is sent once the report is running, and
// must be answered while the report still is.
describe('no stall on SQLite: heavy reads in worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracehub-stall-'));
  const file = join(dir, 'stall.db');
  let t: TestApp;
  let base: string;
  let server: ReturnType<typeof serve>;
  let admin: string;

  beforeAll(async () => {
    const { db } = openDatabase(file);
    await migrateToLatest(db);
    // the platform-wide customer report groups every order of the year by email: ~0.1–0.2 s here
    await fillCommerce(db, { orders: 25_000, days: 365, merchantIds: ['S1', 'S2', 'S3'], seed: 3, progress: false });
    const heavy = createHeavyReadPool({ db, sqliteFile: file, threads: 1 });
    // the report cache off: each request must run in the pool
    t = await createTestApp('sqlite', {
      database: { db, dialect: 'sqlite', destroy: () => db.destroy() },
      deps: { heavyReads: heavy },
      env: { BI_CACHE_ENTRIES: '0' },
    });
    admin = (await makePlatformAdmin(t, { username: 'padmin' })).token;
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    server?.close();
    await t?.deps.heavyReads.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, token?: string) => fetch(base + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('runs the reports in workers, with the same figures as inline', async () => {
    expect(t.deps.heavyReads.mode).toBe('workers');
    const res = await get('/api/v1/customers?days=365', admin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: unknown };
    const s = { timeZone: t.config.TIME_ZONE, feeBasisPoints: t.config.PLATFORM_FEE_RATE };
    expect(body.data).toEqual(await heavyReads.customers(t.deps.db, null, 365, s));
  });

  it('answers the health check while a heavy report runs', async () => {
    const order: string[] = [];
    const report = get('/api/v1/customers?days=365', admin).then(async (r) => {
      order.push(`report ${r.status}`);
      return r.json();
    });
    // wait until the report is in the pool (its token checked, its scope resolved); on the event
    // loop (READ_POOL_THREADS=0) it would be answered before this loop saw it running
    while (t.deps.heavyReads.running === 0 && order.length === 0) await new Promise((r) => setImmediate(r));
    const health = await get('/api/health/check');
    order.push(`health ${health.status}`);
    await report;
    expect(order).toEqual(['health 200', 'report 200']);
  });
});
