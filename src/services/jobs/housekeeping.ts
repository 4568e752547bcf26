import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { minuteOf } from '../monitoring/metrics/buckets.ts';
import { acquireLease } from './lease.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const LEASE = 'housekeeping';

/** Tables of credentials purged some time after they expire (README "Housekeeping"). */
const EXPIRING = ['revoked_tokens', 'refresh_tokens', 'oauth_device_codes', 'sms_codes', 'registration_tokens'] as const;
/** Call buckets (per minute; API calls per hour too), purged past the metrics retention. */
const BUCKETS = [
  ['api_call_buckets', 'minute'],
  ['erp_call_buckets', 'minute'],
  ['api_call_hours', 'hour'],
] as const;

export type PurgeCounts = Record<(typeof EXPIRING)[number] | (typeof BUCKETS)[number][0], number>;

export interface Retention {
  /** Rows of EXPIRING tables are deleted this long after their `expires_at`, ms. */
  expiredGraceMs: number;
  /** Call buckets older than this are deleted, ms. */
  metricsMs: number;
}

/** The retention of RETENTION_EXPIRED_DAYS and RETENTION_METRICS_DAYS. */
export const retentionOf = (c: Pick<Config, 'RETENTION_EXPIRED_DAYS' | 'RETENTION_METRICS_DAYS'>): Retention => ({
  expiredGraceMs: c.RETENTION_EXPIRED_DAYS * DAY_MS,
  metricsMs: c.RETENTION_METRICS_DAYS * DAY_MS,
});

/**
 * Deletes expired credentials (revoked access-token ids, refresh tokens, device codes, SMS codes,
 * registration tokens) whose `expires_at` (epoch ms) is older than `now - expiredGraceMs`, and
 * API/ERP call buckets whose minute is older than `now - metricsMs`. Buckets go one hour per
 * statement, yielding between statements, so a large backlog never holds SQLite's write lock
 * (or the event loop) for long.
 * @returns rows deleted per table.
 */
export async function purgeExpired(db: Db, r: Retention, now = Date.now()): Promise<PurgeCounts> {
  const counts = {} as PurgeCounts;
  const expiredBefore = now - r.expiredGraceMs;
  for (const table of EXPIRING) {
    const res = await db.deleteFrom(table).where('expires_at', '<', expiredBefore).executeTakeFirst();
    counts[table] = Number(res.numDeletedRows);
  }
  const bucketsBefore = minuteOf(now - r.metricsMs);
  const any = db as unknown as Kysely<Record<string, Record<string, number>>>;
  for (const [table, column] of BUCKETS) {
    counts[table] = 0;
    const oldest = await any
      .selectFrom(table)
      .select((eb) => eb.fn.min(column).as('m'))
      .executeTakeFirst();
    for (let from = Number(oldest?.m ?? bucketsBefore); from < bucketsBefore; from += HOUR_MS) {
      const res = await any
        .deleteFrom(table)
        .where(column, '<', Math.min(from + HOUR_MS, bucketsBefore))
        .executeTakeFirst();
      counts[table] += Number(res.numDeletedRows);
      await new Promise((done) => setImmediate(done));
    }
  }
  return counts;
}

/**
 * The in-process housekeeping job: every HOUSEKEEPING_INTERVAL_MS, the one instance that takes the
 * `housekeeping` lease (src/services/jobs/lease.ts; it lapses before the next round) runs
 * `purgeExpired` with the configured retention. Instances sharing a database thus purge once per
 * interval between them. `stop()` waits for a run in progress.
 */
export class Housekeeping {
  readonly instanceId = randomUUID();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(private readonly deps: { db: Db; logger: Logger; config: Config }) {}

  /** Starts the schedule (first round after one interval); a second call does nothing. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.#running ??= this.runOnce()
        .catch((err) => this.deps.logger.error({ err }, 'housekeeping failed'))
        .finally(() => {
          this.#running = undefined;
        });
    }, this.deps.config.HOUSEKEEPING_INTERVAL_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /**
   * One round: purges when this instance takes the lease.
   * @returns `ran: false` when another instance holds the lease; else the rows deleted per table.
   */
  async runOnce(now = Date.now()): Promise<{ ran: false } | { ran: true; deleted: PurgeCounts }> {
    const { db, config, logger } = this.deps;
    if (!(await acquireLease(db, LEASE, this.instanceId, Math.floor(config.HOUSEKEEPING_INTERVAL_MS * 0.9), now))) return { ran: false };
    const deleted = await purgeExpired(db, retentionOf(config), now);
    logger.info({ deleted }, 'housekeeping: purged expired credentials and old call buckets');
    return { ran: true, deleted };
  }
}
