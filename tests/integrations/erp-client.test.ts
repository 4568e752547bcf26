import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErpHttpClient } from '../../src/integrations/erp/http-client.ts';
import { ErpUnavailableError } from '../../src/integrations/erp/types.ts';
import { type FakeErp, SHIPPED_LOT, startFakeErp } from '../fakes/erp-server.ts';

describe('ErpHttpClient against a fake ERP', () => {
  let erp: FakeErp;
  let client: ErpHttpClient;
  beforeEach(async () => {
    erp = await startFakeErp();
    client = new ErpHttpClient({
      baseUrl: erp.url,
      apiKey: erp.apiKey,
      timeoutMs: 300,
      retries: 2,
      retryDelayMs: 1,
      breaker: { volumeThreshold: 3, resetTimeoutMs: 60_000 },
    });
  });
  afterEach(() => erp.close());

  it('finds a company by invite code and sends the API key', async () => {
    expect(await client.findCompanyByInviteCode('REMOTE-INVITE')).toMatchObject({ companyId: 'ERP-C1', inviteCode: 'REMOTE-INVITE' });
    expect(erp.requests[0]?.headers['x-api-key']).toBe(erp.apiKey);
    expect(await client.findCompanyByInviteCode('nope')).toBeNull();
  });

  it("answers null for another company's order (404), passing ERP objects through", async () => {
    expect(await client.getOrderStatus('ERP-C1', 'R-1')).toEqual({ order_id: 'R-1', status: 'producing', erp_extra: 'kept as is' });
    expect(await client.getOrderStatus('OTHER', 'R-1')).toBeNull();
  });

  it('finds the order lines that shipped a lot, the lots sent as a JSON array', async () => {
    const odd = 'https://id.gs1.org/01/09520123456788/10/A,B';
    expect(await client.findShipmentsOfLots([odd, SHIPPED_LOT])).toEqual([
      expect.objectContaining({ lot: SHIPPED_LOT, company_id: 'ERP-C1', order_no: 'SO-R-1', quantity: 12.5, unit: '吨' }),
    ]);
    expect(JSON.parse(erp.requests.at(-1)?.query.get('lots') ?? '')).toEqual([odd, SHIPPED_LOT]);
    expect(await client.findShipmentsOfLots([odd])).toEqual([]);
    expect(await client.findShipmentsOfLots([])).toEqual([]);
  });

  it('retries idempotent GETs on 5xx and succeeds', async () => {
    erp.failNext(2, 503);
    const r = await client.searchOrders({ companyId: 'ERP-C1', page: 1, pageSize: 20 });
    expect(r.total).toBe(1);
    expect(erp.requests.filter((q) => q.path === '/orders')).toHaveLength(3);
  });

  it('gives up after the retries with ErpUnavailableError', async () => {
    erp.failNext(10, 500);
    await expect(client.searchOrders({ companyId: 'ERP-C1', page: 1, pageSize: 20 })).rejects.toBeInstanceOf(ErpUnavailableError);
    expect(erp.requests.filter((q) => q.path === '/orders')).toHaveLength(3);
  });

  it('times out a hanging ERP', async () => {
    erp.hang(true);
    await expect(client.getOrderStatus('ERP-C1', 'R-1')).rejects.toBeInstanceOf(ErpUnavailableError);
  });

  it('does not retry a refused call (401 wrong key)', async () => {
    const bad = new ErpHttpClient({ baseUrl: erp.url, apiKey: 'wrong', timeoutMs: 300, retries: 2, retryDelayMs: 1 });
    await expect(bad.getOrderStatus('ERP-C1', 'R-1')).rejects.toThrow(/HTTP 401/);
    expect(erp.requests).toHaveLength(1);
  });

  it('opens the circuit after repeated failures and then fails fast without calling the ERP', async () => {
    erp.failNext(1000, 503);
    for (let i = 0; i < 4; i++) await client.getOrderStatus('ERP-C1', 'R-1').catch(() => undefined);
    expect(client.circuitOpen).toBe(true);
    const before = erp.requests.length;
    await expect(client.getOrderStatus('ERP-C1', 'R-1')).rejects.toBeInstanceOf(ErpUnavailableError);
    expect(erp.requests.length).toBe(before);
    expect(await client.ping()).toBe(false);
  });
});
