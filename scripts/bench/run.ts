/**
 * `npm run bench [-- --suite NAME]`: mini, bi, stall, checkpoint, metrics, recall, soak, or all
 * (default: mini, bi, stall, checkpoint, metrics, recall; soak only when named, it runs 10 minutes). Every figure is a ratio to a baseline
 * measured in the same run. Postgres too where a suite supports it, with `--pg URL` or
 * TEST_DATABASE_URL (`--no-sqlite` skips SQLite).
 *
 * mini (scripts/bench/mini.ts): GET /api/orders/search, full stack vs bare Hono (better-sqlite3;
 *   `pg` prepared statements on Postgres). --duration S (10), --rounds N (3), --connections N (50),
 *   --orders N per company (2000).
 * bi (scripts/bench/bi.ts): every BI endpoint over generated orders. --bi-orders N (1000000),
 *   --bi-merchants N (10), --bi-days D (365), --bi-requests N (100), --bi-case-seconds S (20),
 *   --bi-keep, --bi-json FILE, --bi-no-cache (server with BI_CACHE_ENTRIES=0; the `cold` column is
 *   the first, uncached request of each case either way).
 * stall (scripts/bench/stall.ts): health-check p99 while each heavy endpoint loops / idle p99.
 *   --stall-orders N (200000), --stall-seconds S per probe (5), --calls-per-day N (10000000),
 *   --stall-rate N health checks/s of the paced probe (200), --stall-keep (keep the file in the
 *   temp folder and reuse it for the same --stall-orders).
 * checkpoint (scripts/bench/checkpoint.ts): slowest commit and event-loop delay on a just-copied
 *   file, WAL checkpoints on their own thread vs SQLite's default. --checkpoint-mib N (2048),
 *   --checkpoint-commits N (400).
 * metrics (scripts/bench/metrics.ts): metrics endpoints p95 at --calls-per-day of history.
 *   --metrics-days D (2), --metrics-requests N (200).
 * recall (scripts/bench/recall.ts): POST /v1/recalls over generated EPCIS events (commissioning,
 *   transformation chains 2–7 levels deep, shipping; four factories) and ERP lines with lots, vs
 *   GET /v1/traces/{id}; p50/p95, ratio, target p95 < 1 s. --recall-events N (100000),
 *   --recall-requests N (30).
 * soak (scripts/bench/soak.ts): steady load, RSS sampled. --duration S (600 for soak),
 *   --soak-rate N req/s (200).
 */
import { parseArgs } from 'node:util';
import { runBiBench } from './bi.ts';
import { runCheckpoint } from './checkpoint.ts';
import { runMetrics } from './metrics.ts';
import { runMini } from './mini.ts';
import { runRecallBench } from './recall.ts';
import { runSoak } from './soak.ts';
import { runStall } from './stall.ts';

const SUITES = ['mini', 'bi', 'stall', 'checkpoint', 'metrics', 'recall', 'soak', 'all'];
const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'all' },
    duration: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    orders: { type: 'string', default: '2000' },
    'bi-orders': { type: 'string', default: '1000000' },
    'bi-merchants': { type: 'string', default: '10' },
    'bi-days': { type: 'string', default: '365' },
    'bi-requests': { type: 'string', default: '100' },
    'bi-case-seconds': { type: 'string', default: '20' },
    'stall-orders': { type: 'string', default: '200000' },
    'stall-seconds': { type: 'string', default: '5' },
    'stall-rate': { type: 'string', default: '200' },
    'stall-keep': { type: 'boolean', default: false },
    'checkpoint-mib': { type: 'string', default: '2048' },
    'checkpoint-commits': { type: 'string', default: '400' },
    'calls-per-day': { type: 'string', default: '10000000' },
    'metrics-days': { type: 'string', default: '2' },
    'metrics-requests': { type: 'string', default: '200' },
    'soak-rate': { type: 'string', default: '200' },
    'recall-events': { type: 'string', default: '100000' },
    'recall-requests': { type: 'string', default: '30' },
    pg: { type: 'string' },
    'no-sqlite': { type: 'boolean', default: false },
    'bi-keep': { type: 'boolean', default: false },
    'bi-no-cache': { type: 'boolean', default: false },
    'bi-json': { type: 'string' },
  },
});
if (!SUITES.includes(values.suite)) {
  console.error(`--suite must be one of ${SUITES.join(', ')}`);
  process.exit(2);
}
const pgUrl = values.pg ?? process.env.TEST_DATABASE_URL;
const sqlite = !values['no-sqlite'];
const wants = (s: string) => values.suite === s || (values.suite === 'all' && s !== 'soak');

/** A numeric option's value; the database(s) a suite runs on. */
const num = (option: keyof typeof values) => Number(values[option]);
const dialects = { sqlite, ...(pgUrl ? { pgUrl } : {}) };

if (wants('mini')) {
  await runMini({
    duration: Number(values.duration ?? 10),
    rounds: num('rounds'),
    connections: num('connections'),
    orders: num('orders'),
    ...dialects,
  });
}
if (wants('bi')) {
  await runBiBench({
    orders: num('bi-orders'),
    merchants: num('bi-merchants'),
    days: num('bi-days'),
    requests: num('bi-requests'),
    caseSeconds: num('bi-case-seconds'),
    keep: values['bi-keep'],
    noCache: values['bi-no-cache'],
    ...dialects,
    ...(values['bi-json'] ? { json: values['bi-json'] } : {}),
  });
}
if (wants('stall'))
  await runStall({
    orders: num('stall-orders'),
    seconds: num('stall-seconds'),
    rate: num('stall-rate'),
    callsPerDay: num('calls-per-day'),
    keep: values['stall-keep'],
  });
if (wants('checkpoint') && sqlite) await runCheckpoint({ mib: num('checkpoint-mib'), commits: num('checkpoint-commits') });
if (wants('metrics')) {
  await runMetrics({ callsPerDay: num('calls-per-day'), days: num('metrics-days'), requests: num('metrics-requests'), ...dialects });
}
if (wants('recall')) await runRecallBench({ events: num('recall-events'), requests: num('recall-requests'), ...dialects });
if (wants('soak')) {
  await runSoak({ seconds: Number(values.duration ?? 600), rate: Number(values['soak-rate']), orders: Number(values.orders) });
}
