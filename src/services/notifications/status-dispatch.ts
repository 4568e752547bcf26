import type { ErpOrderStatus } from '../../integrations/erp/types.ts';
import { settingsOf } from './settings.ts';
import { type NotifierDeps, type StatusEvent, statusText } from './status-events.ts';
import { pushStatusChange } from './status-push.ts';

/** What one dispatch round did. */
export interface DispatchSummary {
  events: number;
  messages: number;
  /** Subscribe messages WeChat accepted. */
  sent: number;
}

/**
 * Turns recorded status changes into notices: one message-centre message per bound user and
 * change, and one WeChat subscribe message per consent. Each event is claimed by one instance at
 * a time (conditional UPDATE with a lease of `leaseMs`, so a crashed instance's events are taken
 * up again), and every effect is keyed (unique (user, event) messages and sends), so processing an
 * event twice changes nothing.
 * @returns counts of events processed, messages written and sends accepted by WeChat.
 */
export async function dispatchStatusEvents(
  deps: NotifierDeps,
  instanceId: string,
  opts: { batch?: number; leaseMs?: number } = {},
): Promise<DispatchSummary> {
  const { db } = deps;
  const now = Date.now();
  const leaseMs = opts.leaseMs ?? 120_000;
  const open = await db
    .selectFrom('order_status_events')
    .selectAll()
    .where('processed_at', 'is', null)
    .where((eb) => eb.or([eb('claim_until', 'is', null), eb('claim_until', '<', now)]))
    .orderBy('id')
    .limit(opts.batch ?? 100)
    .execute();
  const summary: DispatchSummary = { events: 0, messages: 0, sent: 0 };
  for (const event of open) {
    const claimed = await db
      .updateTable('order_status_events')
      .set({ claimed_by: instanceId, claim_until: now + leaseMs })
      .where('id', '=', event.id)
      .where('processed_at', 'is', null)
      .where((eb) => eb.or([eb('claim_until', 'is', null), eb('claim_until', '<', now)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another instance has it
    const done = await deliver(deps, event);
    summary.messages += done.messages;
    summary.sent += done.sent;
    summary.events++;
    await db
      .updateTable('order_status_events')
      .set({ processed_at: Date.now() })
      .where('id', '=', event.id)
      .where('claimed_by', '=', instanceId)
      .execute();
  }
  return summary;
}

async function deliver(deps: NotifierDeps, event: StatusEvent): Promise<{ messages: number; sent: number }> {
  const { db, config } = deps;
  const recipients = await db
    .selectFrom('company_bindings as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .select(['b.user_id', 'u.openid'])
    .where('b.company_id', '=', event.company_id)
    .where('u.is_active', '=', 1)
    .execute();
  const settings = await settingsOf(
    db,
    recipients.map((r) => Number(r.user_id)),
  );
  let messages = 0;
  let sent = 0;
  for (const r of recipients) {
    const userId = Number(r.user_id);
    const s = settings.get(userId);
    if (!s?.statuses.includes(event.to_status as ErpOrderStatus)) continue;
    if (s.orderStatus) {
      const written = await db
        .insertInto('user_messages')
        .values({
          user_id: userId,
          type: 'order_status',
          title: '订单状态更新',
          content: `订单 ${event.order_no} 状态由「${statusText(event.from_status)}」变为「${statusText(event.to_status)}」`,
          order_id: event.order_id,
          order_no: event.order_no,
          status: event.to_status,
          previous_status: event.from_status,
          event_id: event.id,
          created_at: Number(event.created_at),
        })
        .onConflict((oc) => oc.columns(['user_id', 'event_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (written) messages++;
    }
    if (s.wechatPush && config.WECHAT_ORDER_TEMPLATE_ID && r.openid) {
      if (await pushStatusChange(deps, event, userId, r.openid)) sent++;
    }
  }
  return { messages, sent };
}
