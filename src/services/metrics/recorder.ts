import type { Logger } from 'pino';
import type { Db } from '../../db/connect.ts';
import type { ErpCallSink } from '../../integrations/erp/recorded.ts';

export interface ApiCall {
  method: string;
  /** The route pattern (`/api/orders/{order_id}/status`), never the raw URL. */
  route: string;
  status: number;
  durationMs: number;
  /** Epoch ms. */
  ts: number;
}

/**
 * Buffers API and ERP call records and writes them in batches, off the request's hot path: one
 * multi-row insert per table every `flushMs` ms or when `maxBuffer` records are waiting.
 * `close()` writes whatever is left (graceful shutdown).
 */
export class MetricsRecorder implements ErpCallSink {
  #api: ApiCall[] = [];
  #erp: { ts: number; endpoint: string; ok: number; duration_ms: number; error: string | null }[] = [];
  #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    flushMs = 1000,
    private readonly maxBuffer = 500,
  ) {
    this.#timer = setInterval(() => void this.flush(), flushMs);
    this.#timer.unref();
  }

  recordApiCall(call: ApiCall): void {
    this.#api.push(call);
    if (this.#api.length >= this.maxBuffer) void this.flush();
  }

  recordErpCall(call: { endpoint: string; ok: boolean; durationMs: number; error?: string }): void {
    this.#erp.push({
      ts: Date.now(),
      endpoint: call.endpoint,
      ok: call.ok ? 1 : 0,
      duration_ms: Math.round(call.durationMs * 100) / 100,
      error: call.error?.slice(0, 500) ?? null,
    });
    if (this.#erp.length >= this.maxBuffer) void this.flush();
  }

  /** Writes buffered records; serialised so batches never interleave. Never throws. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  async #write(): Promise<void> {
    const api = this.#api.splice(0);
    const erp = this.#erp.splice(0);
    try {
      // 500 rows × 5 columns stays under SQLite's 32766 bound-parameter limit
      if (api.length) {
        await this.db
          .insertInto('api_calls')
          .values(
            api.map((c) => ({
              ts: c.ts,
              method: c.method,
              route: c.route,
              status: c.status,
              duration_ms: Math.round(c.durationMs * 100) / 100,
            })),
          )
          .execute();
      }
      if (erp.length) await this.db.insertInto('erp_calls').values(erp).execute();
    } catch (err) {
      this.logger.error({ err, dropped: api.length + erp.length }, 'metrics flush failed');
    }
  }
}
