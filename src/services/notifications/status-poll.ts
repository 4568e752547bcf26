import type { NotifierDeps } from './status-events.ts';

/**
 * The HTTP ERP's side of change detection: compares every order of every bound company with the
 * status last seen (`order_status_snapshots`) and records each change as an event. Orders seen
 * for the first time are remembered silently. Safe with several instances polling at once: the
 * event's key is the order and the snapshot version it moves from (unique), and the snapshot
 * moves only from the version read (conditional UPDATE), so one change makes one event.
 * @returns how many companies and orders were read and how many changes recorded.
 */
export async function pollOrderStatuses(
  deps: NotifierDeps,
  pageSize = 200,
): Promise<{ companies: number; orders: number; changes: number }> {
  const { db } = deps;
  const companies = await db.selectFrom('company_bindings').select('company_id').distinct().execute();
  let orders = 0;
  let changes = 0;
  for (const { company_id: companyId } of companies) {
    // snapshots first, the ERP after: its answer is then never older than what it is compared with
    const snapshots = await db
      .selectFrom('order_status_snapshots')
      .select(['order_id', 'status', 'version'])
      .where('company_id', '=', companyId)
      .execute();
    const known = new Map(snapshots.map((s) => [s.order_id, s]));
    try {
      for (let page = 1; ; page++) {
        const batch = await deps.erp.listOrderStatuses(companyId, page, pageSize);
        for (const o of batch.orders) {
          orders++;
          const seen = known.get(o.order_id);
          if (!seen) {
            await db
              .insertInto('order_status_snapshots')
              .values({ company_id: companyId, order_id: o.order_id, status: o.status, version: 0, updated_at: Date.now() })
              .onConflict((oc) => oc.columns(['company_id', 'order_id']).doNothing())
              .execute();
            continue;
          }
          if (seen.status === o.status) continue;
          const version = Number(seen.version) + 1;
          const inserted = await db
            .insertInto('order_status_events')
            .values({
              company_id: companyId,
              order_id: o.order_id,
              order_no: o.order_no,
              from_status: seen.status,
              to_status: o.status,
              source: 'poll',
              dedupe_key: `poll:${companyId}:${o.order_id}:${version}`,
              created_at: Date.now(),
            })
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (inserted) changes++;
          await db
            .updateTable('order_status_snapshots')
            .set({ status: o.status, version, updated_at: Date.now() })
            .where('company_id', '=', companyId)
            .where('order_id', '=', o.order_id)
            .where('version', '=', Number(seen.version))
            .execute();
        }
        if (batch.orders.length === 0 || page * pageSize >= batch.total) break;
      }
    } catch (err) {
      deps.logger.warn({ err, companyId }, 'order status poll failed for a company; next round retries');
    }
  }
  return { companies: companies.length, orders, changes };
}
