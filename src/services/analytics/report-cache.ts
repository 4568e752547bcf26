import { LRUCache } from 'lru-cache';
import type { Counter } from 'prom-client';
import type { Db } from '../../db/connect.ts';
import type { Tail } from '../../db/read-pool.ts';
import type { HeavyReadPool, HeavyReads } from '../heavy-reads/registry.ts';
import { localDate, monthRange } from './periods.ts';
import type { BiSettings, MerchantScope } from './scope.ts';

/** The BI reports of the pool; its other reads (monitoring) pass through the cache untouched. */
type BiReport = Exclude<keyof HeavyReads, 'performanceStats' | 'erpStatus'>;

/** What a report's result depends on: its scope's data and `key` (arguments, local date); null: not cached. */
type KeyOf<K extends keyof HeavyReads> = (...args: Tail<HeavyReads[K]>) => { scope: MerchantScope; key: string } | null;

const settingsKey = (s: BiSettings) => `${s.timeZone}|${s.feeBasisPoints}`;
/** Day-window reports (last N local days) depend on the local date of `now`; without `now` they are not cached. */
const today = (s: BiSettings, now: number | undefined) => (now === undefined ? null : `${localDate(now, s.timeZone)}|${settingsKey(s)}`);

/**
 * The cache key of each heavy read. Sales, top products and customers cover the last N local days
 * ending today, so today's date is part of the key (the route passes the `now` the report uses).
 * Financial reads a given month. The platform overview of a month that has ended is fixed by the
 * data; the current month's subscription MRR is read at `now` (a subscription may start or end at
 * any instant), so it is not cached.
 */
const KEYS: { [K in BiReport]: KeyOf<K> } = {
  sales: (scope, days, s, now) => withDay(scope, `sales|${days}`, today(s, now)),
  topProducts: (scope, days, limit, s, now) => withDay(scope, `top|${days}|${limit}`, today(s, now)),
  customers: (scope, days, s, now) => withDay(scope, `customers|${days}`, today(s, now)),
  financial: (scope, month, s) => ({ scope, key: `financial|${month}|${settingsKey(s)}` }),
  platformOverview: (month, s, now = Date.now()) =>
    now >= monthRange(month, s.timeZone).end ? { scope: null, key: `overview|${month}|${settingsKey(s)}` } : null,
};
const withDay = (scope: MerchantScope, key: string, day: string | null) => (day === null ? null : { scope, key: `${key}|${day}` });

/** A heavy-read pool whose reports may be answered from the cache; `read` says whether one was. */
export interface CachedReportPool extends HeavyReadPool {
  /** Runs (or answers from the cache) `name(...args)`: the result and whether it came from the cache. */
  read<K extends keyof HeavyReads>(
    name: K,
    ...args: Tail<HeavyReads[K]>
  ): Promise<{ value: Awaited<ReturnType<HeavyReads[K]>>; cached: boolean }>;
}

/**
 * Exact BI report cache (issue 11 §4): a report is kept with the version of its scope's data
 * (`bi_versions`, raised by the triggers of migration 060 in every writer's transaction) and
 * answered again only while that version is unchanged, so a cached answer is the answer a fresh
 * computation would give; a change to one merchant's data recomputes that merchant's reports and
 * the platform's, not other merchants'. One PK lookup per request; concurrent requests for the
 * same report and version share one computation. In-process LRU of `entries` reports per
 * instance; the version lives in the database, so instances sharing it stay exact.
 * @param pool where the reports run (worker threads on SQLite).
 * @param entries how many reports to keep (BI_CACHE_ENTRIES); 0 turns the cache off.
 * @param outcomes a Prometheus counter labelled `result` (hit, miss, uncached), optional.
 */
export function withReportCache(pool: HeavyReadPool, db: Db, entries: number, outcomes?: Counter<'result'>): CachedReportPool {
  const cache = entries > 0 ? new LRUCache<string, { version: number; value: unknown }>({ max: entries }) : undefined;
  const inflight = new Map<string, Promise<unknown>>();

  async function read(name: keyof HeavyReads, args: unknown[]): Promise<{ value: unknown; cached: boolean }> {
    const run = () => (pool.run as (n: string, ...a: unknown[]) => Promise<unknown>)(name, ...args);
    if (!(name in KEYS)) return { value: await run(), cached: false };
    const k = cache ? (KEYS[name as BiReport] as (...a: unknown[]) => { scope: MerchantScope; key: string } | null)(...args) : null;
    if (!cache || !k) {
      outcomes?.inc({ result: 'uncached' });
      return { value: await run(), cached: false };
    }
    const key = `${k.scope ?? ''}|${k.key}`;
    const version = await versionOf(db, k.scope);
    const hit = cache.get(key);
    if (hit && hit.version === version) {
      outcomes?.inc({ result: 'hit' });
      return { value: hit.value, cached: true };
    }
    outcomes?.inc({ result: 'miss' });
    const flight = `${key}|${version}`;
    let p = inflight.get(flight);
    if (!p) {
      p = run()
        .then((value) => {
          // a newer version may have been cached meanwhile: never replace it with an older one
          if ((cache.get(key)?.version ?? -1) <= version) cache.set(key, { version, value });
          return value;
        })
        .finally(() => inflight.delete(flight));
      inflight.set(flight, p);
    }
    return { value: await p, cached: false };
  }

  return {
    get mode() {
      return pool.mode;
    },
    get running() {
      return pool.running;
    },
    run: ((name: keyof HeavyReads, ...args: unknown[]) => read(name, args).then((r) => r.value)) as HeavyReadPool['run'],
    read: ((name: keyof HeavyReads, ...args: unknown[]) => read(name, args)) as CachedReportPool['read'],
    close: () => pool.close(),
  };
}

/**
 * The version of a scope's BI data (migration 060): a merchant's counter, or the platform's ('')
 * for `null`; 0 before any data.
 */
export async function versionOf(db: Db, scope: MerchantScope): Promise<number> {
  const row = await db
    .selectFrom('bi_versions')
    .select('version')
    .where('scope_id', '=', scope ?? '')
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
