import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { markMessageRead } from '../../services/notifications/messages.ts';
import { messageOperation, ownUserId, unreadCount } from './schemas.ts';

/** POST /api/messages/mark-read */
export const messagesMarkReadProcedure = wechatProcedure
  .meta(messageOperation('POST /api/messages/mark-read', 'Mark one message read', 60, '已标记为已读'))
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
