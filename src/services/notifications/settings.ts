import type { Db } from '../../db/connect.ts';
import { type ErpOrderStatus, ORDER_STATUSES } from '../../integrations/erp/types.ts';

/** What a mini-program user wants to be told when their company's orders change status. */
export interface NotificationSettings {
  /** Write a message to the message centre. */
  orderStatus: boolean;
  /** Send a WeChat subscribe message (when the user has granted one). */
  wechatPush: boolean;
  /** The new statuses worth a notice. */
  statuses: ErpOrderStatus[];
  /** Last change, epoch ms; null while the defaults apply. */
  updatedAt: number | null;
}

/** Everything on, every status: what a user who never chose gets. */
export const DEFAULT_SETTINGS: NotificationSettings = {
  orderStatus: true,
  wechatPush: true,
  statuses: [...ORDER_STATUSES],
  updatedAt: null,
};

const parseStatuses = (csv: string): ErpOrderStatus[] => ORDER_STATUSES.filter((s) => csv.split(',').includes(s)); // known statuses only, in their canonical order

/**
 * The settings of some users (defaults for those who never chose).
 * @returns a map user id → settings, with an entry for every id asked.
 */
export async function settingsOf(db: Db, userIds: readonly number[]): Promise<Map<number, NotificationSettings>> {
  const out = new Map<number, NotificationSettings>(userIds.map((id) => [id, DEFAULT_SETTINGS]));
  if (userIds.length === 0) return out;
  const rows = await db.selectFrom('notification_settings').selectAll().where('user_id', 'in', userIds).execute();
  for (const r of rows) {
    out.set(Number(r.user_id), {
      orderStatus: r.order_status === 1,
      wechatPush: r.wechat_push === 1,
      statuses: parseStatuses(r.statuses),
      updatedAt: Number(r.updated_at),
    });
  }
  return out;
}

/** `GET /api/user/notification-settings`: the caller's settings. */
export async function getNotificationSettings(db: Db, userId: number): Promise<NotificationSettings> {
  return (await settingsOf(db, [userId])).get(userId) ?? DEFAULT_SETTINGS;
}

/**
 * `POST /api/user/notification-settings`: changes the fields given, keeps the others.
 * @returns the settings now in force (`updatedAt` epoch ms).
 */
export async function updateNotificationSettings(
  db: Db,
  userId: number,
  patch: { orderStatus?: boolean | undefined; wechatPush?: boolean | undefined; statuses?: readonly ErpOrderStatus[] | undefined },
): Promise<NotificationSettings> {
  const current = await getNotificationSettings(db, userId);
  const next = {
    user_id: userId,
    order_status: (patch.orderStatus ?? current.orderStatus) ? 1 : 0,
    wechat_push: (patch.wechatPush ?? current.wechatPush) ? 1 : 0,
    statuses: ORDER_STATUSES.filter((s) => (patch.statuses ?? current.statuses).includes(s)).join(','),
    updated_at: Date.now(),
  };
  await db
    .insertInto('notification_settings')
    .values(next)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        order_status: next.order_status,
        wechat_push: next.wechat_push,
        statuses: next.statuses,
        updated_at: next.updated_at,
      }),
    )
    .execute();
  return getNotificationSettings(db, userId);
}
