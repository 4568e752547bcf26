/**
 * The soak suite (issue 11): a steady load (autocannon at a fixed overall rate: the mini order
 * search and the health check, alternately) for `seconds`, the server's RSS sampled from /proc
 * every `seconds / 60` s (at least 1 s); prints start (after a 10 s warm-up), end and peak RSS
 * and end / start. Flat memory: end / start close to 1×.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { freePort, rssMiB, startBenchServer } from './common.ts';
import { buildFixture } from './fixture.ts';

export interface SoakOptions {
  seconds: number;
  /** Requests per second, overall. */
  rate: number;
  orders: number;
}

export async function runSoak(o: SoakOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tracehub-soak-'));
  const file = join(dir, 'soak.db');
  const port = await freePort();
  try {
    const { db } = openDatabase(file);
    await migrateToLatest(db);
    const token = await buildFixture(db, o.orders);
    await db.destroy();
    const child = await startBenchServer('full', file, port, ['ORDER_CACHE_TTL_MS=30000']);
    try {
      const pid = child.pid!;
      const requests = [
        { method: 'GET' as const, path: '/api/orders/search?page=1&pageSize=20', headers: { authorization: `Bearer ${token}` } },
        { method: 'GET' as const, path: '/api/health/check' },
      ];
      await autocannon({ url: `http://127.0.0.1:${port}`, requests, connections: 10, overallRate: o.rate, duration: 10 });
      const samples: { at: number; rss: number }[] = [{ at: 0, rss: rssMiB(pid) }];
      const every = Math.max(1, o.seconds / 60) * 1000;
      const t0 = performance.now();
      const timer = setInterval(() => samples.push({ at: (performance.now() - t0) / 1000, rss: rssMiB(pid) }), every);
      const r = await autocannon({ url: `http://127.0.0.1:${port}`, requests, connections: 10, overallRate: o.rate, duration: o.seconds });
      clearInterval(timer);
      samples.push({ at: (performance.now() - t0) / 1000, rss: rssMiB(pid) });
      const start = samples[0]!.rss;
      const end = samples[samples.length - 1]!.rss;
      const peak = Math.max(...samples.map((s) => s.rss));
      console.log(
        `\nsoak: ${o.seconds} s at ${o.rate} req/s (order search + health check), ${r.requests.total} requests, ${r.non2xx + r.errors} non-2xx/errors, p99 ${r.latency.p99} ms`,
      );
      console.log(
        `RSS MiB: start ${start.toFixed(1)}  end ${end.toFixed(1)}  peak ${peak.toFixed(1)}  end/start ${(end / start).toFixed(2)}×  peak/start ${(peak / start).toFixed(2)}×`,
      );
      console.log(`samples (s:MiB): ${samples.map((s) => `${s.at.toFixed(0)}:${s.rss.toFixed(0)}`).join(' ')}`);
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
