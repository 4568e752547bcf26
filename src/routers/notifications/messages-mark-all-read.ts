import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { markAllMessagesRead } from '../../services/notifications/messages.ts';
import { messageOperation, ownUserId, unreadCount } from './schemas.ts';

/** POST /api/messages/mark-all-read */
export const messagesMarkAllReadProcedure = wechatProcedure
  .meta(messageOperation('POST /api/messages/mark-all-read', 'Mark every message read', 30, '已全部标记为已读'))
  .input(z.object({ userId: ownUserId }))
  .output(z.object({ updated: z.number().int().meta({ description: 'messages that were unread', example: 3 }), unreadCount }))
  .mutation(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return markAllMessagesRead(ctx.deps.db, ctx.user.id);
  });
