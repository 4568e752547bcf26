import { type FakeServer, sendJson, startFakeServer } from './http.ts';

export interface FakeErp extends FakeServer {
  apiKey: string;
  /** Answer the next N calls with this HTTP status (e.g. 503) before behaving again. */
  failNext(count: number, status?: number): void;
  /** Stop answering (hang) until `resume()`, to exercise timeouts. */
  hang(on: boolean): void;
  /** Changes an order's status, as the ERP's own users would. */
  setStatus(orderId: string, status: string): void;
}

/** The one delivery order of order R-1, as the ERP answers it. */
export const R1_DELIVERY = {
  delivery_no: 'FY-R-1-1',
  delivery_date: '2026-11-10',
  logistics_company: '顺丰速运',
  logistics_code: 'SF1234567890',
  address: '上海市浦东新区张江路 100 号',
  remark: '第一批',
  attachments: ['https://erp.example.com/photos/FY-R-1-1.jpg'],
  products: [{ productName: '锌精矿', spec: 'ZN-001-2', quantity: 12.5 }],
};

/**
 * A fake ERP speaking tracehub's ERP HTTP protocol (src/integrations/erp/http-client.ts) with
 * `X-Api-Key` auth (401 when wrong), 404 for another company's order, and injectable 5xx/hangs.
 * Company ERP-C1 (invite REMOTE-INVITE) has order R-1 (SO-R-1, one delivery order so far);
 * company ERP-C2 (REMOTE-INVITE-2) has R-9. R-1's line R-1-M1 shipped lot SHIPPED_LOT
 * (`GET /shipments?lots=["…"]`; 400 when `lots` is not a JSON array of strings).
 */
export const SHIPPED_LOT = 'urn:epc:class:lgtin:952012.0345678.LOT-42';

export async function startFakeErp(): Promise<FakeErp> {
  const apiKey = 'erp-test-key';
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let hanging = false;
  const companies = [
    { companyId: 'ERP-C1', companyName: '远程公司', customerId: 'RC-1', inviteCode: 'REMOTE-INVITE' },
    { companyId: 'ERP-C2', companyName: '远程二公司', customerId: 'RC-2', inviteCode: 'REMOTE-INVITE-2' },
  ];
  const orders = [
    {
      company_id: 'ERP-C1',
      order_id: 'R-1',
      order_no: 'SO-R-1',
      customer_name: '远程公司',
      order_date: '2026-11-01T00:00:00Z',
      status: 'producing',
      materials: [{ material_id: 'R-1-M1', material_code: 'ZN-001', status: 'producing' }],
    },
    {
      company_id: 'ERP-C2',
      order_id: 'R-9',
      order_no: 'SO-R-9',
      customer_name: '远程二公司',
      order_date: '2026-11-02T00:00:00Z',
      status: 'pending',
      materials: [],
    },
  ];
  const summary = ({ company_id: _, ...o }: (typeof orders)[number]) => o;
  const detail = (o: (typeof orders)[number]) => ({
    order_id: o.order_id,
    order_no: o.order_no,
    customer_name: o.customer_name,
    rmb_amount: o.order_id === 'R-1' ? '12345.60' : '0.10', // the ERP's decimals, as text
    order_date: o.order_date,
    created_at: '2026-10-31T09:30:00Z',
    status: o.status,
    delivery_date: '2026-11-20',
    remark: null,
    delivery_orders: o.order_id === 'R-1' ? [R1_DELIVERY] : [],
  });
  const server = await startFakeServer((req, res) => {
    if (hanging) return; // never answers; the client's timeout must fire
    if (req.path === '/health') return sendJson(res, 200, { ok: true });
    if (req.headers['x-api-key'] !== apiKey) return sendJson(res, 401, { error: 'bad api key' });
    if (failures.count > 0) {
      failures.count--;
      return sendJson(res, failures.status, { error: 'unavailable' });
    }
    const companyId = req.query.get('companyId');
    const own = orders.filter((o) => o.company_id === companyId);
    if (req.path === '/companies') {
      const c = companies.find((x) => x.inviteCode === req.query.get('inviteCode'));
      return c ? sendJson(res, 200, c) : sendJson(res, 404, { error: 'not found' });
    }
    if (req.path === '/orders') return sendJson(res, 200, { orders: own.map(summary), total: own.length });
    if (req.path === '/shipments') {
      const lots = (() => {
        try {
          return JSON.parse(req.query.get('lots') ?? '') as unknown;
        } catch {
          return undefined;
        }
      })();
      if (!Array.isArray(lots) || !lots.every((l) => typeof l === 'string')) return sendJson(res, 400, { error: 'lots: a JSON array' });
      const line = { material_id: 'R-1-M1', material_name: '锌精矿', quantity: 12.5, unit: '吨' };
      const shipped = lots.includes(SHIPPED_LOT)
        ? [
            {
              lot: SHIPPED_LOT,
              company_id: 'ERP-C1',
              company_name: '远程公司',
              order_id: 'R-1',
              order_no: 'SO-R-1',
              order_date: '2026-11-01T00:00:00Z',
              ...line,
            },
          ]
        : [];
      return sendJson(res, 200, { shipments: shipped });
    }
    if (req.path === '/orders/statuses') {
      const page = Number(req.query.get('page') ?? 1);
      const size = Number(req.query.get('pageSize') ?? 100);
      const rows = own.slice((page - 1) * size, page * size).map((o) => ({ order_id: o.order_id, order_no: o.order_no, status: o.status }));
      return sendJson(res, 200, { orders: rows, total: own.length });
    }
    const m = /^\/orders\/([^/]+)\/(status|materials|detail)$/.exec(req.path);
    const order =
      m && own.find((o) => o.order_id === decodeURIComponent(m[1]!) || (m[2] === 'detail' && o.order_no === decodeURIComponent(m[1]!)));
    if (m && order) {
      if (m[2] === 'detail') return sendJson(res, 200, detail(order));
      return sendJson(
        res,
        200,
        m[2] === 'status'
          ? { order_id: order.order_id, status: order.status, erp_extra: 'kept as is' }
          : { order_id: order.order_id, materials: order.materials },
      );
    }
    const p = /^\/materials\/([^/]+)\/progress$/.exec(req.path);
    if (p && companyId === 'ERP-C1' && p[1] === 'R-1-M1') return sendJson(res, 200, { material_id: 'R-1-M1', steps: [] });
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
    setStatus(orderId: string, status: string) {
      const o = orders.find((x) => x.order_id === orderId);
      if (!o) throw new Error(`no order ${orderId}`);
      o.status = status;
    },
  });
}
