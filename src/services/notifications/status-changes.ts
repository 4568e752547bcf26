import type { Selectable } from 'kysely';
import type { OrderStatusEventsTable } from '../../../db/database.ts';
import type { AppDeps } from '../../deps.ts';
import { type ErpOrderStatus, ORDER_STATUS_TEXT } from '../../integrations/erp/types.ts';
import { WechatError } from '../../integrations/wechat/types.ts';
import { returnConsent, takeConsent } from './consents.ts';
import { ORDER_DETAIL_PAGE } from './messages.ts';
import { settingsOf } from './settings.ts';

export type NotifierDeps = Pick<AppDeps, 'db' | 'erp' | 'wechat' | 'config' | 'logger'>;
type StatusEvent = Selectable<OrderStatusEventsTable>;

const statusText = (s: string) => ORDER_STATUS_TEXT[s as ErpOrderStatus] ?? s;

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
      if (await sendOnce(deps, event, userId, r.openid)) sent++;
    }
  }
  return { messages, sent };
}

/**
 * At most one subscribe message per event and user: the (event, user) send row is claimed first
 * (unique), then one consent is taken from the ledger; without one nothing is sent. A refusal
 * (errcode 43101: WeChat holds no consent) or a failure delivered nothing, so the consent goes
 * back; every outcome stays recorded on the send row.
 * @returns true when WeChat accepted the message.
 */
async function sendOnce(deps: NotifierDeps, event: StatusEvent, userId: number, openid: string): Promise<boolean> {
  const { db, config } = deps;
  const templateId = config.WECHAT_ORDER_TEMPLATE_ID;
  const claimed = await db
    .insertInto('subscribe_sends')
    .values({ event_id: event.id, user_id: userId, template_id: templateId, status: 'pending', created_at: Date.now() })
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return false;
  const finish = (set: { status: 'sent' | 'refused' | 'failed' | 'no_consent'; msgid?: string; errcode?: number; error?: string }) =>
    db
      .updateTable('subscribe_sends')
      .set({ ...set, finished_at: Date.now() })
      .where('id', '=', claimed.id)
      .execute();
  if (!(await takeConsent(db, userId, templateId))) {
    await finish({ status: 'no_consent' });
    return false;
  }
  try {
    const { msgid } = await deps.wechat.sendSubscribeMessage({
      touser: openid,
      templateId,
      page: `${ORDER_DETAIL_PAGE}?orderNo=${encodeURIComponent(event.order_no)}`,
      data: templateData(config, event),
    });
    await finish({ status: 'sent', msgid });
    return true;
  } catch (err) {
    await returnConsent(db, userId, templateId);
    const errcode = err instanceof WechatError ? err.errcode : -1;
    await finish({ status: errcode === 43101 ? 'refused' : 'failed', errcode, error: (err as Error).message.slice(0, 500) });
    if (errcode !== 43101) deps.logger.warn({ err, userId, eventId: event.id }, 'order status subscribe message failed');
    return false;
  }
}

/**
 * The template's data: WECHAT_ORDER_TEMPLATE_KEYS names the keys for the order number
 * (character_string, ≤32), the new status (phrase, ≤5), the time of the change and a note
 * (thing, ≤20), in that order, as the template configured in the WeChat console has them.
 */
function templateData(config: NotifierDeps['config'], event: StatusEvent): Record<string, { value: string }> {
  const [orderKey, statusKey, timeKey, noteKey] = config.WECHAT_ORDER_TEMPLATE_KEYS;
  const values = [
    event.order_no.slice(0, 32),
    statusText(event.to_status).slice(0, 5),
    localMinute(Number(event.created_at), config.TIME_ZONE),
    `原状态：${statusText(event.from_status)}`.slice(0, 20),
  ];
  const data: Record<string, { value: string }> = {};
  [orderKey, statusKey, timeKey, noteKey].forEach((key, i) => {
    if (key) data[key] = { value: values[i] as string };
  });
  return data;
}

/** `YYYY-MM-DD HH:mm` in an IANA zone (WeChat's `time` data type). */
function localMinute(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(ms)
    .replace('T', ' ');
}
