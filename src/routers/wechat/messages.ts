import { z } from 'zod';
import type { Meta } from '../../edge/meta.ts';
import { router, wechatProcedure } from '../../edge/trpc.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { clearAllMessages, listMessages, markAllMessagesRead, markMessageRead } from '../../services/notifications/messages.ts';

const OWN_USER = "the caller's user id (from wx-login); refused when it is another user's";
/** Optional, and the token's own user when given (spec 000's bind-company rule); a string or a number in bodies. */
export const ownUserId = z
  .union([z.string().trim().max(32), z.number().int()])
  .optional()
  .meta({ description: OWN_USER, example: '42' });
/** The same in a query string. */
export const ownUserIdQuery = z.string().trim().max(32).meta({ description: OWN_USER, example: '42' }).optional();

const unreadCount = z.number().int().meta({ description: 'unread messages of every type', example: 3 });

const message = z
  .object({
    messageId: z.string().meta({ example: '128' }),
    type: z.enum(['order_status', 'system']).meta({ example: 'order_status' }),
    title: z.string().meta({ example: '订单状态更新' }),
    content: z.string().meta({ example: '订单 SO202611090012 状态由「生产中」变为「已发货」' }),
    orderId: z.string().nullable().meta({ example: 'CODE001-ORD00012' }),
    orderNo: z.string().nullable().meta({ example: 'SO202611090012' }),
    status: z.string().nullable().meta({ description: "the order's new status", example: 'shipped' }),
    previousStatus: z.string().nullable().meta({ example: 'producing' }),
    isRead: z.boolean().meta({ example: false }),
    createTime: z.number().int().meta({ description: 'epoch ms', example: 1764230400000 }),
    readTime: z.number().int().nullable().meta({ description: 'epoch ms', example: null }),
    data: z.array(z.object({ key: z.string().meta({ example: '订单号' }), value: z.string().meta({ example: 'SO202611090012' }) })),
    action: z
      .object({
        type: z.literal('navigate'),
        text: z.string().meta({ example: '查看订单' }),
        url: z.string().meta({ example: '/pages/order-detail/order-detail?orderNo=SO202611090012' }),
        orderId: z.string().meta({ example: 'CODE001-ORD00012' }),
        orderNo: z.string().meta({ example: 'SO202611090012' }),
      })
      .nullable(),
  })
  .meta({ id: 'Message' });

const meta = (method: 'GET' | 'POST', path: `/${string}`, summary: string, limit: number, message: string): Meta => ({
  openapi: {
    method,
    path,
    tags: ['mini'],
    summary,
    description:
      "The token decides whose messages; a `userId` that is not the caller's is refused with HTTP 400 (code VALIDATION_FAILED), as bind-company refuses it.",
    protect: true,
  },
  family: 'mini',
  message,
  rateLimit: { limit },
  errors: method === 'GET' ? ['VALIDATION_FAILED'] : ['VALIDATION_FAILED', 'NOT_FOUND'],
});

/** GET /api/messages/history (the original mini-program's message centre; REAL-CLIENTS.md) */
export const historyProcedure = wechatProcedure
  .meta(meta('GET', '/api/messages/history', "The caller's messages, newest first, by type", 60, '查询成功'))
  .input(
    z.object({
      userId: ownUserIdQuery,
      page: z.number().int().min(1).max(10_000).default(1).meta({ example: 1 }),
      pageSize: z.number().int().min(1).max(100).default(20).meta({ example: 20 }),
      type: z
        .string()
        .trim()
        .max(32)
        .meta({ description: 'order_status (or order) | system; `all`, empty or absent: every type', example: 'all' })
        .optional(),
    }),
  )
  .output(
    z.object({
      messages: z.array(message),
      total: z.number().int().meta({ example: 12 }),
      page: z.number().int().meta({ example: 1 }),
      pageSize: z.number().int().meta({ example: 20 }),
      hasMore: z.boolean().meta({ example: false }),
      unreadCount,
    }),
  )
  .query(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return listMessages(ctx.deps.db, ctx.user.id, input);
  });

/** POST /api/messages/mark-read */
export const markReadProcedure = wechatProcedure
  .meta(meta('POST', '/api/messages/mark-read', 'Mark one message read', 60, '已标记为已读'))
  .input(
    z.object({
      userId: ownUserId,
      messageId: z.union([z.string().regex(/^\d{1,15}$/, 'messageId 无效'), z.number().int().positive()]).meta({ example: '128' }),
    }),
  )
  .output(z.object({ messageId: z.string().meta({ example: '128' }), isRead: z.literal(true), unreadCount }))
  .mutation(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return markMessageRead(ctx.deps.db, ctx.user.id, Number(input.messageId));
  });

/** POST /api/messages/mark-all-read */
export const markAllReadProcedure = wechatProcedure
  .meta(meta('POST', '/api/messages/mark-all-read', 'Mark every message read', 30, '已全部标记为已读'))
  .input(z.object({ userId: ownUserId }))
  .output(z.object({ updated: z.number().int().meta({ description: 'messages that were unread', example: 3 }), unreadCount }))
  .mutation(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return markAllMessagesRead(ctx.deps.db, ctx.user.id);
  });

/** POST /api/messages/clear-all */
export const clearAllProcedure = wechatProcedure
  .meta(meta('POST', '/api/messages/clear-all', "Empty the caller's message centre", 30, '消息已清空'))
  .input(z.object({ userId: ownUserId }))
  .output(z.object({ cleared: z.number().int().meta({ example: 12 }) }))
  .mutation(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return clearAllMessages(ctx.deps.db, ctx.user.id);
  });

export const messagesRouter = router({
  history: historyProcedure,
  markRead: markReadProcedure,
  markAllRead: markAllReadProcedure,
  clearAll: clearAllProcedure,
});
