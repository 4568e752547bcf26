import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { wechatProcedure } from '../../edge/trpc.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { getNotificationSettings } from '../../services/notifications/settings.ts';
import { notificationSettings, ownUserIdQuery } from './schemas.ts';

/** GET /api/user/notification-settings */
export const notificationSettingsProcedure = wechatProcedure
  .meta(
    operation('mini', 'GET /api/user/notification-settings', 'Which order-status notices the caller receives', {
      message: '查询成功',
      rateLimit: { limit: 30 },
    }),
  )
  .input(z.object({ userId: ownUserIdQuery }))
  .output(notificationSettings)
  .query(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return getNotificationSettings(ctx.deps.db, ctx.user.id);
  });
