import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { UserMessagesTable, UserMessageType } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { pageOf } from '../../db/paging.ts';
import { notFound } from '../../errors.ts';
import { type ErpOrderStatus, ORDER_STATUS_TEXT } from '../../integrations/erp/types.ts';

/** One message as the mini-program's message centre shows it. */
export interface MessageView {
  messageId: string;
  type: UserMessageType;
  title: string;
  content: string;
  orderId: string | null;
  orderNo: string | null;
  /** The order's new status, for order-status messages. */
  status: string | null;
  previousStatus: string | null;
  isRead: boolean;
  /** Epoch ms. */
  createTime: number;
  readTime: number | null;
  /** Label/value lines for the message card. */
  data: { key: string; value: string }[];
  /** Where tapping the message leads (the order detail page), or null. */
  action: { type: 'navigate'; text: string; url: string; orderId: string; orderNo: string } | null;
}

export interface MessagePage {
  messages: MessageView[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** Unread messages of every type (the tab badge). */
  unreadCount: number;
}

/** The page the mini-program opens for an order (it reads `orderNo`, else `orderId`). */
export const ORDER_DETAIL_PAGE = 'pages/order-detail/order-detail';

const statusText = (s: string | null) => (s ? (ORDER_STATUS_TEXT[s as ErpOrderStatus] ?? s) : '');

function view(m: Selectable<UserMessagesTable>): MessageView {
  const orderLink =
    m.order_id && m.order_no
      ? {
          type: 'navigate' as const,
          text: '查看订单',
          url: `/${ORDER_DETAIL_PAGE}?orderNo=${encodeURIComponent(m.order_no)}`,
          orderId: m.order_id,
          orderNo: m.order_no,
        }
      : null;
  const data =
    m.type === 'order_status' && m.order_no
      ? [
          { key: '订单号', value: m.order_no },
          { key: '订单状态', value: statusText(m.status) },
          ...(m.previous_status ? [{ key: '原状态', value: statusText(m.previous_status) }] : []),
        ]
      : [];
  return {
    messageId: String(m.id),
    type: m.type,
    title: m.title,
    content: m.content,
    orderId: m.order_id,
    orderNo: m.order_no,
    status: m.status,
    previousStatus: m.previous_status,
    isRead: Number(m.is_read) === 1,
    createTime: Number(m.created_at),
    readTime: m.read_at === null ? null : Number(m.read_at),
    data,
    action: orderLink,
  };
}

async function unreadCount(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('user_messages')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('cleared_at', 'is', null)
    .where('is_read', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Tab names a client may use for a type. */
const TYPE_ALIASES: Record<string, UserMessageType> = {
  order: 'order_status',
  orders: 'order_status',
  order_status: 'order_status',
  system: 'system',
};

/**
 * `GET /api/messages/history`: the caller's messages, newest first, not cleared.
 * @param q.type a message type (`order_status` or its tab name `order`, `system`); `all`, empty or
 *   absent: every type; an unknown type lists nothing.
 */
export async function listMessages(
  db: Db,
  userId: number,
  q: { page: number; pageSize: number; type?: string | undefined },
): Promise<MessagePage> {
  let base = db.selectFrom('user_messages').where('user_id', '=', userId).where('cleared_at', 'is', null);
  if (q.type && q.type !== 'all') base = base.where('type', '=', TYPE_ALIASES[q.type] ?? (q.type as UserMessageType));
  const [{ rows, total }, unread] = await Promise.all([
    pageOf(base, q, (b) => b.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc')),
    unreadCount(db, userId),
  ]);
  return { messages: rows.map(view), total, page: q.page, pageSize: q.pageSize, hasMore: q.page * q.pageSize < total, unreadCount: unread };
}

/**
 * `POST /api/messages/mark-read`: one of the caller's messages is read (again: no change).
 * @throws AppError NOT_FOUND (absent, cleared or another user's).
 */
export async function markMessageRead(
  db: Db,
  userId: number,
  messageId: number,
): Promise<{ messageId: string; isRead: true; unreadCount: number }> {
  const exists = await db
    .selectFrom('user_messages')
    .select(['id', 'is_read'])
    .where('id', '=', messageId)
    .where('user_id', '=', userId)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  if (!exists) throw notFound('Message', messageId);
  if (Number(exists.is_read) === 0) {
    await db
      .updateTable('user_messages')
      .set({ is_read: 1, read_at: Date.now() })
      .where('id', '=', messageId)
      .where('is_read', '=', 0)
      .execute();
  }
  return { messageId: String(messageId), isRead: true, unreadCount: await unreadCount(db, userId) };
}

/** `POST /api/messages/mark-all-read`: every unread message of the caller is read. @returns how many changed. */
export async function markAllMessagesRead(db: Db, userId: number): Promise<{ updated: number; unreadCount: number }> {
  const r = await db
    .updateTable('user_messages')
    .set({ is_read: 1, read_at: Date.now() })
    .where('user_id', '=', userId)
    .where('cleared_at', 'is', null)
    .where('is_read', '=', 0)
    .executeTakeFirst();
  return { updated: Number(r.numUpdatedRows), unreadCount: 0 };
}

/**
 * `POST /api/messages/clear-all`: empties the caller's message centre. Messages are kept as
 * cleared, not deleted, so a status change processed again never brings one back.
 * @returns how many were cleared.
 */
export async function clearAllMessages(db: Db, userId: number): Promise<{ cleared: number }> {
  const r = await db
    .updateTable('user_messages')
    .set({ cleared_at: Date.now() })
    .where('user_id', '=', userId)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return { cleared: Number(r.numUpdatedRows) };
}
