import { type FakeServer, sendJson, startFakeServer } from './http.ts';

export interface FakeErp extends FakeServer {
  apiKey: string;
  /** Answer the next N calls with this HTTP status (e.g. 503) before behaving again. */
  failNext(count: number, status?: number): void;
  /** Stop answering (hang) until `resume()`, to exercise timeouts. */
  hang(on: boolean): void;
}

/**
 * A fake ERP speaking tracehub's ERP HTTP protocol (src/integrations/erp/http-client.ts) with
 * `X-Api-Key` auth (401 when wrong), 404 for another company's order, and injectable 5xx/hangs.
 */
export async function startFakeErp(): Promise<FakeErp> {
  const apiKey = 'erp-test-key';
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let hanging = false;
  const company = { companyId: 'ERP-C1', companyName: '远程公司', customerId: 'RC-1', inviteCode: 'REMOTE-INVITE' };
  const orders = [
    {
      order_id: 'R-1',
      order_no: 'SO-R-1',
      customer_name: '远程公司',
      order_date: '2026-11-01T00:00:00Z',
      status: 'producing',
      materials: [{ material_id: 'R-1-M1', material_code: 'ZN-001', status: 'producing' }],
    },
  ];
  const server = await startFakeServer((req, res) => {
    if (hanging) return; // never answers; the client's timeout must fire
    if (req.path === '/health') return sendJson(res, 200, { ok: true });
    if (req.headers['x-api-key'] !== apiKey) return sendJson(res, 401, { error: 'bad api key' });
    if (failures.count > 0) {
      failures.count--;
      return sendJson(res, failures.status, { error: 'unavailable' });
    }
    const companyId = req.query.get('companyId');
    if (req.path === '/companies')
      return req.query.get('inviteCode') === company.inviteCode ? sendJson(res, 200, company) : sendJson(res, 404, { error: 'not found' });
    if (req.path === '/orders')
      return sendJson(res, 200, companyId === company.companyId ? { orders, total: orders.length } : { orders: [], total: 0 });
    const m = /^\/orders\/([^/]+)\/(status|materials)$/.exec(req.path);
    if (m && companyId === company.companyId && m[1] === 'R-1') {
      return sendJson(
        res,
        200,
        m[2] === 'status'
          ? { order_id: 'R-1', status: 'producing', erp_extra: 'kept as is' }
          : { order_id: 'R-1', materials: orders[0]?.materials },
      );
    }
    const p = /^\/materials\/([^/]+)\/progress$/.exec(req.path);
    if (p && companyId === company.companyId && p[1] === 'R-1-M1') return sendJson(res, 200, { material_id: 'R-1-M1', steps: [] });
    sendJson(res, 404, { error: 'not found' });
  });
  return Object.assign(server, {
    apiKey,
    failNext(count: number, status = 503) {
      failures = { count, status };
    },
    hang(on: boolean) {
      hanging = on;
    },
  });
}
