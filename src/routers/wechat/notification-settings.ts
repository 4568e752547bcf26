import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { ORDER_STATUSES } from '../../integrations/erp/types.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { getNotificationSettings, updateNotificationSettings } from '../../services/notifications/settings.ts';
import { ownUserId, ownUserIdQuery } from './messages.ts';

const settings = z.object({
  orderStatus: z.boolean().meta({ description: 'write order-status messages to the message centre', example: true }),
  wechatPush: z.boolean().meta({ description: 'send WeChat subscribe messages (when consented)', example: true }),
  statuses: z.array(z.enum(ORDER_STATUSES)).meta({ description: 'the new statuses worth a notice', example: ['shipped', 'completed'] }),
  updatedAt: z.number().int().nullable().meta({ description: 'epoch ms; null while the defaults apply', example: null }),
});

const path = '/api/user/notification-settings';

/** GET /api/user/notification-settings */
export const notificationSettingsProcedure = wechatProcedure
  .meta({
    openapi: { method: 'GET', path, tags: ['mini'], summary: 'Which order-status notices the caller receives', protect: true },
    family: 'mini',
    message: '查询成功',
    rateLimit: { limit: 30 },
  })
  .input(z.object({ userId: ownUserIdQuery }))
  .output(settings)
  .query(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return getNotificationSettings(ctx.deps.db, ctx.user.id);
  });

/** POST /api/user/notification-settings */
export const updateNotificationSettingsProcedure = wechatProcedure
  .meta({
    openapi: {
      method: 'POST',
      path,
      tags: ['mini'],
      summary: 'Choose which order-status notices to receive',
      description: 'Fields left out keep their value. Everything is on by default.',
      protect: true,
    },
    family: 'mini',
    message: '设置已保存',
    rateLimit: { limit: 10 },
    errors: ['VALIDATION_FAILED'],
  })
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
  .output(settings)
  .mutation(({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return updateNotificationSettings(ctx.deps.db, ctx.user.id, input);
  });
