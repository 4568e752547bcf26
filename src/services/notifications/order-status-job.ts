import { randomUUID } from 'node:crypto';
import { acquireLease } from '../jobs/lease.ts';
import { type DispatchSummary, dispatchStatusEvents } from './status-dispatch.ts';
import type { NotifierDeps } from './status-events.ts';
import { pollOrderStatuses } from './status-poll.ts';

export interface RunSummary extends DispatchSummary {
  /** Whether this run polled the HTTP ERP (it holds the poll lease and the ERP is remote). */
  polled: boolean;
  changes: number;
}

const POLL_LEASE = 'order-status-poll';
/** Processed events are kept this long (audit), then purged. */
const KEEP_EVENTS_MS = 30 * 86_400_000;

/**
 * The in-process order-status notification job (REAL-CLIENTS.md "Subscribe messages"). Every
 * ORDER_NOTIFY_INTERVAL_MS: with the HTTP ERP, the instance holding the poll lease polls it for
 * status changes; then every instance dispatches the recorded changes (the embedded ERP's
 * trigger records its own). Work is claimed in the database, never by an in-memory flag, so any
 * number of instances may run it. `stop()` waits for a run in progress (graceful shutdown).
 */
export class OrderStatusNotifier {
  /** Names this instance's claims and leases. */
  readonly instanceId = randomUUID();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = true;

  constructor(private readonly deps: NotifierDeps) {}

  /** Starts the schedule (first run after one interval); a second call does nothing. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.deps.logger.info(
      { intervalMs: this.deps.config.ORDER_NOTIFY_INTERVAL_MS, polling: this.deps.config.ERP_MODE === 'http' },
      'order status notifications scheduled',
    );
    this.#schedule();
  }

  /** Stops the schedule and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  get running(): boolean {
    return !this.#stopped;
  }

  /**
   * One round: poll (HTTP ERP, lease holder only), dispatch, purge old processed events.
   * @returns what the round did.
   */
  async runOnce(): Promise<RunSummary> {
    const { config, db } = this.deps;
    let polled = false;
    let changes = 0;
    const remote = config.ERP_MODE === 'http' && config.ERP_BASE_URL !== undefined;
    // the lease lapses just before the next round, so its holder keeps it while alive
    if (remote && (await acquireLease(db, POLL_LEASE, this.instanceId, Math.floor(config.ORDER_NOTIFY_INTERVAL_MS * 0.9)))) {
      polled = true;
      changes = (await pollOrderStatuses(this.deps)).changes;
    }
    const dispatched = await dispatchStatusEvents(this.deps, this.instanceId, {
      leaseMs: Math.max(60_000, 2 * config.ORDER_NOTIFY_INTERVAL_MS),
    });
    await db
      .deleteFrom('order_status_events')
      .where('processed_at', '<', Date.now() - KEEP_EVENTS_MS)
      .execute();
    return { ...dispatched, polled, changes };
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.#running = this.runOnce()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'order status notification round failed'))
        .finally(() => {
          this.#running = undefined;
          if (!this.#stopped) this.#schedule();
        });
    }, this.deps.config.ORDER_NOTIFY_INTERVAL_MS);
    this.#timer.unref();
  }
}
