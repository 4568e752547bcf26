import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCommerce } from '../../scripts/generate-commerce.ts';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { createHeavyReadPool, heavyReads } from '../../src/services/heavy-reads/registry.ts';
import { HISTOGRAM_KEYS } from '../../src/services/monitoring/metrics/buckets.ts';
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
    const heavy = createHeavyReadPool({ db, sqliteFile: file, threads: 1, nice: 7 });
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
    // running once it is in the pool (its token checked, its scope resolved); on the event loop
    // (READ_POOL_THREADS=0) it would be answered before this test saw it running
    const report = reportRunning(order);
    const health = await get('/api/health/check');
    order.push(`health ${health.status}`);
    await report;
    expect(order).toEqual(['health 200', 'report 200']);
  });

  /** Starts the platform customer report and resolves once it is in the heavy lane; `order` gets `report <status>` when it is answered. */
  async function reportRunning(order: string[]) {
    const report = get('/api/v1/customers?days=365', admin).then(async (r) => {
      order.push(`report ${r.status}`);
      return r.json();
    });
    while (t.deps.heavyReads.running === 0 && order.length === 0) await new Promise((r) => setImmediate(r));
    return report;
  }

  it('answers the monitoring reads from their own lane while a report holds the heavy one', async () => {
    // a bucket of this minute, written on the main connection: the quick lane's worker reads the file
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await t.deps.db
      .insertInto('erp_call_buckets')
      .values({
        minute,
        endpoint: 'GET /erp/probe',
        ok: 1,
        calls: 3,
        sum_ms: 30,
        max_ms: 12,
        ...Object.fromEntries(HISTOGRAM_KEYS.map((k) => [k, 0])),
      } as never)
      .execute();
    const order: string[] = [];
    // six reports queued on the heavy lane's one thread keep it busy for a while, even on a loaded
    // machine (with one alone, the report was once answered first there)
    const reports = Promise.all(Array.from({ length: 6 }, () => get('/api/v1/customers?days=365', admin))).then((rs) => {
      order.push(`reports ${rs.map((r) => r.status).join(' ')}`);
    });
    while (t.deps.heavyReads.running === 0 && order.length === 0) await new Promise((r) => setImmediate(r));
    const erp = await get('/api/erp/status', admin);
    order.push(`erp ${erp.status}`);
    const perf = await get('/api/metrics/performance', admin);
    order.push(`performance ${perf.status}`);
    await reports;
    // with one thread for every read, both would wait for the reports
    expect(order).toEqual(['erp 200', 'performance 200', 'reports 200 200 200 200 200 200']);
    const { data } = (await erp.json()) as { data: { stats: { endpoint: string; totalCalls: number; avgResponseTime: number }[] } };
    expect(data.stats.find((s) => s.endpoint === 'GET /erp/probe')).toMatchObject({ totalCalls: 3, avgResponseTime: 10 });
  });

  it.runIf(process.platform === 'linux')('runs the pool at a lower priority than the event loop', async () => {
    await get('/api/v1/customers?days=30', admin);
    // Linux keeps a nice value per thread: field 19 of /proc/self/task/<tid>/stat
    const nices = readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
    const own = getPriority(); // this thread's, like the server's event loop: unchanged
    expect(nices).toContain(Math.min(19, own + 7));
    expect(nices.filter((n) => n === own).length).toBeGreaterThan(0);
  });
});
