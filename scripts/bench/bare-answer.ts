/** One row of an order material, as the bare servers read it. */
export interface MaterialRow {
  order_id: string;
  material_id: string;
  material_code: string;
  status: string;
}

/**
 * The mini-program's order-search answer the bare servers (bare-server.ts, bare-pg-server.ts)
 * send: a page of orders, each with its materials, in the mini envelope tracehub itself sends.
 */
export function searchAnswer(rows: { order_id: string }[], materials: MaterialRow[], total: number, page: number, pageSize: number) {
  const byOrder = new Map<string, unknown[]>();
  for (const x of materials) {
    const list = byOrder.get(x.order_id) ?? [];
    byOrder.set(x.order_id, list);
    list.push({ material_id: x.material_id, material_code: x.material_code, status: x.status });
  }
  const orders = rows.map((r) => ({ ...r, materials: byOrder.get(r.order_id) ?? [] }));
  return {
    success: true,
    message: '查询成功',
    timestamp: Date.now(),
    data: { orders, total, page, pageSize, queryTime: Date.now(), cacheHit: false },
  };
}
