import CircuitBreaker from 'opossum';
import { type ErpApi, type ErpCompany, type ErpOrderSummary, ErpUnavailableError, type OrderSearchQuery } from './types.ts';

export interface ErpHttpOptions {
  baseUrl: string;
  apiKey: string;
  /** Per attempt, ms. */
  timeoutMs: number;
  /** Extra attempts for a failed idempotent GET (network error, timeout, 5xx). */
  retries: number;
  /** Backoff before retry n is `retryDelayMs * 2^(n-1)` ms. */
  retryDelayMs?: number;
  /** Consecutive-failure percentage and volume before the circuit opens; reset after ms. */
  breaker?: { errorThresholdPercentage?: number; volumeThreshold?: number; resetTimeoutMs?: number };
}

/**
 * The ERP over HTTP, with an `X-Api-Key` header, a timeout per attempt, retries of idempotent
 * GETs and a circuit breaker (opossum) that fails fast while the ERP is down.
 *
 * Protocol (JSON): `GET /companies?inviteCode=`, `GET /orders?companyId&keyword&status&page&pageSize`
 * → `{orders, total}`, `GET /orders/{id}/status?companyId=`, `GET /orders/{id}/materials?companyId=`,
 * `GET /materials/{id}/progress?companyId=`; 404 means "not found for this company".
 */
export class ErpHttpClient implements ErpApi {
  readonly #breaker: CircuitBreaker<[string, Record<string, string | undefined>], unknown>;

  constructor(private readonly opts: ErpHttpOptions) {
    this.#breaker = new CircuitBreaker((path: string, query: Record<string, string | undefined>) => this.#get(path, query), {
      timeout: false, // each attempt has its own AbortSignal timeout
      errorThresholdPercentage: opts.breaker?.errorThresholdPercentage ?? 50,
      volumeThreshold: opts.breaker?.volumeThreshold ?? 5,
      resetTimeout: opts.breaker?.resetTimeoutMs ?? 30_000,
      // 404 is an answer, not a fault of the ERP
      errorFilter: (err: unknown) => err instanceof NotFound,
    });
  }

  /** True while the breaker is open (failing fast). */
  get circuitOpen(): boolean {
    return this.#breaker.opened;
  }

  async findCompanyByInviteCode(inviteCode: string): Promise<ErpCompany | null> {
    return (await this.#call('/companies', { inviteCode })) as ErpCompany | null;
  }

  async searchOrders(q: OrderSearchQuery): Promise<{ orders: ErpOrderSummary[]; total: number }> {
    const body = (await this.#call('/orders', {
      companyId: q.companyId,
      keyword: q.keyword,
      status: q.status,
      page: String(q.page),
      pageSize: String(q.pageSize),
    })) as { orders?: ErpOrderSummary[]; total?: number } | null;
    return { orders: body?.orders ?? [], total: Number(body?.total ?? 0) };
  }

  getOrderStatus(companyId: string, orderId: string) {
    return this.#call(`/orders/${encodeURIComponent(orderId)}/status`, { companyId }) as Promise<Record<string, unknown> | null>;
  }

  getOrderMaterials(companyId: string, orderId: string) {
    return this.#call(`/orders/${encodeURIComponent(orderId)}/materials`, { companyId }) as Promise<Record<string, unknown> | null>;
  }

  getMaterialProgress(companyId: string, materialId: string) {
    return this.#call(`/materials/${encodeURIComponent(materialId)}/progress`, { companyId }) as Promise<Record<string, unknown> | null>;
  }

  async ping(): Promise<boolean> {
    if (this.#breaker.opened) return false;
    try {
      const res = await fetch(new URL('/health', this.opts.baseUrl), { signal: AbortSignal.timeout(this.opts.timeoutMs) });
      return res.ok;
    } catch {
      return false;
    }
  }

  async #call(path: string, query: Record<string, string | undefined>): Promise<unknown> {
    try {
      return await this.#breaker.fire(path, query);
    } catch (err) {
      if (err instanceof NotFound) return null;
      if (err instanceof ErpUnavailableError) throw err;
      // opossum's own "Breaker is open" error
      throw new ErpUnavailableError(`ERP unavailable: ${(err as Error).message}`, { cause: err });
    }
  }

  async #get(path: string, query: Record<string, string | undefined>): Promise<unknown> {
    const url = new URL(path, this.opts.baseUrl);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt > 0) await sleep((this.opts.retryDelayMs ?? 100) * 2 ** (attempt - 1));
      try {
        const res = await fetch(url, {
          headers: { 'x-api-key': this.opts.apiKey, accept: 'application/json' },
          signal: AbortSignal.timeout(this.opts.timeoutMs),
        });
        if (res.status === 404) throw new NotFound();
        if (res.status >= 500) {
          lastError = new ErpUnavailableError(`ERP answered HTTP ${res.status}`);
          continue;
        }
        if (!res.ok) throw new Refused(`ERP refused the call: HTTP ${res.status}`); // 4xx: no retry
        return await res.json();
      } catch (err) {
        if (err instanceof NotFound) throw err;
        if (err instanceof Refused) throw new ErpUnavailableError(err.message);
        lastError = new ErpUnavailableError(`ERP unreachable: ${(err as Error).message}`, { cause: err });
      }
    }
    throw lastError;
  }
}

class NotFound extends Error {}
class Refused extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
