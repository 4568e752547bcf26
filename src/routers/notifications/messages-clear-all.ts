import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { clearAllMessages } from '../../services/notifications/messages.ts';
import { messageOperation, ownUserId } from './schemas.ts';

/** POST /api/messages/clear-all */
export const messagesClearAllProcedure = wechatProcedure
  .meta(messageOperation('POST /api/messages/clear-all', "Empty the caller's message centre", 30, '消息已清空'))
  .input(z.object({ userId: ownUserId }))
  .output(z.object({ cleared: z.number().int().meta({ example: 12 }) }))
  .mutation(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return clearAllMessages(ctx.deps.db, ctx.user.id);
  });
