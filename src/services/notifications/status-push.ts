import { WechatError } from '../../integrations/wechat/types.ts';
import { returnConsent, takeConsent } from './consents.ts';
import { ORDER_DETAIL_PAGE } from './messages.ts';
import { type NotifierDeps, type StatusEvent, statusText } from './status-events.ts';

/**
 * At most one subscribe message per event and user: the (event, user) send row is claimed first
 * (unique), then one consent is taken from the ledger; without one nothing is sent. A refusal
 * (errcode 43101: WeChat holds no consent) or a failure delivered nothing, so the consent goes
 * back; every outcome stays recorded on the send row.
 * @returns true when WeChat accepted the message.
 */
export async function pushStatusChange(deps: NotifierDeps, event: StatusEvent, userId: number, openid: string): Promise<boolean> {
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
