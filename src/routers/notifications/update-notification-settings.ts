import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { ORDER_STATUSES } from '../../integrations/erp/types.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { updateNotificationSettings } from '../../services/notifications/settings.ts';
import { miniOperation, notificationSettings, ownUserId } from './schemas.ts';

/** POST /api/user/notification-settings */
export const updateNotificationSettingsProcedure = wechatProcedure
  .meta(
    miniOperation(
      'POST /api/user/notification-settings',
      'Choose which order-status notices to receive',
      'Fields left out keep their value. Everything is on by default.',
      { message: '设置已保存', rateLimit: { limit: 10 }, errors: ['VALIDATION_FAILED'] },
    ),
  )
  .input(
    z.object({
      userId: ownUserId,
      orderStatus: z.boolean().optional().meta({ example: true }),
      wechatPush: z.boolean().optional().meta({ example: false }),
      statuses: z
        .array(z.enum(ORDER_STATUSES))
        .max(ORDER_STATUSES.length)
        .optional()
        .meta({ example: ['shipped', 'completed'] }),
    }),
  )
  .output(notificationSettings)
  .mutation(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return updateNotificationSettings(ctx.deps.db, ctx.user.id, input);
  });
