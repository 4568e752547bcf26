import CircuitBreaker from 'opossum';
import { z } from 'zod';
import { lotShipmentSchema } from './lot-shipment.ts';
import type { ErpApi, ErpCompany, ErpLotShipment, ErpOrderDetail, ErpOrderStatusRow, ErpOrderSummary, OrderSearchQuery } from './types.ts';
import { ErpUnavailableError } from './types.ts';

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
 * `GET /materials/{id}/progress?companyId=`, `GET /orders/{idOrNo}/detail?companyId=` (the order
 * with `rmb_amount` as a decimal string of yuan and its `delivery_orders`), `GET /orders/statuses?
 * companyId&page&pageSize` → `{orders: [{order_id, order_no, status}], total}`, `GET /shipments?lots=` (a JSON
 * array: a GS1 lot may hold a comma) → `{shipments: [ErpLotShipment]}`, the order lines that shipped those lots; 404 means "not
 * found for this company". A detail or status page of the wrong shape counts as the ERP failing.
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

  async getOrderDetail(companyId: string, idOrNo: string): Promise<ErpOrderDetail | null> {
    const body = await this.#call(`/orders/${encodeURIComponent(idOrNo)}/detail`, { companyId });
    if (body === null) return null;
    const parsed = detailSchema.safeParse(body);
    if (!parsed.success) throw new ErpUnavailableError(`ERP sent a malformed order detail: ${parsed.error.issues[0]?.message ?? ''}`);
    const { rmb_amount, created_at, ...rest } = parsed.data;
    return { ...rest, created_at: created_at ?? rest.order_date, amount_cents: yuanToCents(rmb_amount) };
  }

  async listOrderStatuses(companyId: string, page: number, pageSize: number): Promise<{ orders: ErpOrderStatusRow[]; total: number }> {
    const body = await this.#call('/orders/statuses', { companyId, page: String(page), pageSize: String(pageSize) });
    const parsed = statusPageSchema.safeParse(body ?? { orders: [], total: 0 });
    if (!parsed.success) throw new ErpUnavailableError('ERP sent a malformed status page');
    return parsed.data;
  }

  async findShipmentsOfLots(lots: readonly string[]): Promise<ErpLotShipment[]> {
    if (lots.length === 0) return [];
    const found: ErpLotShipment[] = [];
    // bounded query strings: 50 lots a request
    for (let i = 0; i < lots.length; i += 50) {
      const body = await this.#call('/shipments', { lots: JSON.stringify(lots.slice(i, i + 50)) });
      const parsed = shipmentsSchema.safeParse(body ?? { shipments: [] });
      if (!parsed.success) throw new ErpUnavailableError('ERP sent a malformed shipment list');
      found.push(...parsed.data.shipments);
    }
    return found;
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

/** Yuan as a decimal string or number with at most two decimals. */
const yuan = z.union([z.string().regex(/^-?\d+(\.\d{1,2})?$/), z.number().finite()]);

/** Exact yuan → cents: the digits are read as text, never through binary floating point. */
function yuanToCents(v: z.infer<typeof yuan>): number {
  const text = typeof v === 'number' ? v.toFixed(2) : v;
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return text.startsWith('-') ? -cents : cents;
}

const nullableText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const detailSchema = z.object({
  order_id: z.string(),
  order_no: z.string(),
  customer_name: z.string(),
  rmb_amount: yuan,
  order_date: z.string(),
  created_at: z.string().nullish(),
  status: z.string(),
  delivery_date: nullableText,
  remark: nullableText,
  delivery_orders: z
    .array(
      z.object({
        delivery_no: z.string(),
        delivery_date: z.string(),
        logistics_company: nullableText,
        logistics_code: nullableText,
        address: nullableText,
        remark: nullableText,
        attachments: z.array(z.string()).default([]),
        products: z.array(z.object({ productName: z.string(), spec: nullableText, quantity: z.number() })).default([]),
      }),
    )
    .default([]),
});
const statusPageSchema = z.object({
  orders: z.array(z.object({ order_id: z.string(), order_no: z.string(), status: z.string() })),
  total: z.number().int().min(0),
});

const shipmentsSchema = z.object({ shipments: z.array(lotShipmentSchema) });

class NotFound extends Error {}
class Refused extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
