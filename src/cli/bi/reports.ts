/** The BI reports `bi` prints (spec 004 bi §1–5): which endpoint each reads and how it renders as text. */
import Table from 'cli-table3';

/** The parsed options a report may pass on. */
export interface ReportOptions {
  days?: string;
  limit?: string;
  month?: string;
  merchant?: string;
}

export interface Report {
  path: string;
  query: (o: ReportOptions) => Record<string, string | undefined>;
  /** The report's `data` as text (tables). */
  render: (data: any) => string;
}

export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  t.push(...rows.map((r) => r.map(String)));
  return t.toString();
}
const money = (n: number) => n.toFixed(2);

/** One row of figures under its headings: each `[heading, value]`. */
const figures = (pairs: [string, string | number][]) =>
  table(
    pairs.map((p) => p[0]),
    [pairs.map((p) => p[1])],
  );

export const REPORTS: Record<string, Report> = {
  sales: {
    path: '/api/v1/sales',
    query: (o) => ({ days: o.days, merchant_id: o.merchant }),
    render: (data) =>
      [
        `${data.period.start} … ${data.period.end}: revenue ${money(data.total_revenue)}, ${data.order_count} orders, average ${money(data.avg_order_value)}`,
        table(
          ['date', 'revenue', 'orders'],
          data.daily_breakdown.map((d: any) => [d.date, money(d.revenue), d.orders]),
        ),
      ].join('\n'),
  },
  products: {
    path: '/api/v1/products/top',
    query: (o) => ({ days: o.days, limit: o.limit, merchant_id: o.merchant }),
    render: (data) =>
      table(
        ['#', 'product', 'quantity', 'revenue', 'orders'],
        data.products.map((p: any, i: number) => [i + 1, p.product_name, p.quantity_sold, money(p.revenue), p.order_count]),
      ),
  },
  customers: {
    path: '/api/v1/customers',
    query: (o) => ({ days: o.days, merchant_id: o.merchant }),
    render: (data) =>
      [
        `customers ${data.total_customers}, new ${data.new_customers}, repeat ${data.repeat_customers} (${(data.repeat_rate * 100).toFixed(1)} %)`,
        table(
          ['customer', 'orders', 'spent', 'first order', 'last order'],
          data.top_customers.map((c: any) => [
            c.customer_email,
            c.order_count,
            money(c.total_spent),
            c.first_order_date,
            c.last_order_date,
          ]),
        ),
      ].join('\n'),
  },
  financial: {
    path: '/api/v1/financial',
    query: (o) => ({ month: o.month, merchant_id: o.merchant }),
    render: (data) =>
      figures([
        ['gross revenue', money(data.gross_revenue)],
        ['platform fee', money(data.platform_fee)],
        ['net revenue', money(data.net_revenue)],
        ['pending transfers', money(data.pending_transfers)],
        ['completed transfers', money(data.completed_transfers)],
        ['transfers', data.transfer_count],
      ]),
  },
  overview: {
    path: '/api/v1/platform/overview',
    query: (o) => ({ month: o.month }),
    render: (data) =>
      figures([
        ['GMV', money(data.platform_gmv)],
        ['orders', data.total_orders],
        ['active merchants', data.active_merchants],
        ['new merchants', data.new_merchants],
        ['platform revenue', money(data.platform_revenue)],
        ['subscription MRR', money(data.subscription_mrr)],
      ]),
  },
};
