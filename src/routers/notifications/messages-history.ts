import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { listMessages } from '../../services/notifications/messages.ts';
import { message } from './messages-history.types.ts';
import { messageOperation, ownUserIdQuery, unreadCount } from './schemas.ts';

/** GET /api/messages/history (the original mini-program's message centre; REAL-CLIENTS.md) */
export const messagesHistoryProcedure = wechatProcedure
  .meta(messageOperation('GET /api/messages/history', "The caller's messages, newest first, by type", 60, '查询成功'))
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
