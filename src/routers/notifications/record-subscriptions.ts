import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { assertOwnUserId } from '../../services/identity/wechat/own-user.ts';
import { recordSubscribeResults } from '../../services/notifications/consents.ts';
import { miniOperation, ownUserId } from './schemas.ts';

const result = z.enum(['accept', 'reject', 'ban', 'filter']);

/** POST /api/wechat/subscriptions: what wx.requestSubscribeMessage answered, into the consent ledger. */
export const recordSubscriptionsProcedure = wechatProcedure
  .meta(
    miniOperation(
      'POST /api/wechat/subscriptions',
      'Record subscribe-message consents',
      'Called after `wx.requestSubscribeMessage` with its per-template results (its `errMsg` may be left in). Each `accept` allows one subscribe message of that template; a refused send (errcode 43101) uses none.',
      { message: '订阅结果已记录', rateLimit: { limit: 20 }, errors: ['VALIDATION_FAILED'] },
    ),
  )
  .input(
    z.object({
      userId: ownUserId,
      results: z
        .preprocess(
          (v) =>
            v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'errMsg')) : v,
          z.record(z.string().trim().min(1).max(128), result),
        )
        .refine((r) => Object.keys(r).length > 0 && Object.keys(r).length <= 10, '需要 1–10 个模板的订阅结果')
        .meta({ description: 'template id → accept | reject | ban | filter', example: { ORDER_TEMPLATE_ID: 'accept' } }),
    }),
  )
  .output(
    z.object({
      subscriptions: z.array(
        z.object({
          templateId: z.string().meta({ example: 'ORDER_TEMPLATE_ID' }),
          result: result.meta({ example: 'accept' }),
          remaining: z.number().int().meta({ description: 'subscribe messages this template may still send', example: 1 }),
        }),
      ),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    assertOwnUserId(ctx.user.id, input.userId);
    return { subscriptions: await recordSubscribeResults(ctx.deps.db, ctx.user.id, input.results) };
  });
