import { LRUCache } from 'lru-cache';
import type { ErpOrderSummary } from '../../integrations/erp/types.ts';

export interface CachedSearch {
  orders: ErpOrderSummary[];
  total: number;
  /** When the ERP answered, epoch ms. */
  queryTime: number;
}

/**
 * The short-lived read-through cache in front of ERP order searches (ROUTES.md "mini"), keyed by
 * company and the normalised query. TTL in ms; 0 disables caching. Bounded to 10k entries.
 */
export class OrderSearchCache {
  readonly #cache: LRUCache<string, CachedSearch> | undefined;

  constructor(ttlMs: number) {
    this.#cache = ttlMs > 0 ? new LRUCache({ max: 10_000, ttl: ttlMs }) : undefined;
  }

  static key(q: { companyId: string; keyword?: string | undefined; status?: string | undefined; page: number; pageSize: number }): string {
    return JSON.stringify([q.companyId, q.keyword?.trim() ?? '', q.status ?? '', q.page, q.pageSize]);
  }

  get(key: string): CachedSearch | undefined {
    return this.#cache?.get(key);
  }

  set(key: string, value: CachedSearch): void {
    this.#cache?.set(key, value);
  }

  clear(): void {
    this.#cache?.clear();
  }
}
