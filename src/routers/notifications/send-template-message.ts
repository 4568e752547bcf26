import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { wechatProcedure } from '../../edge/trpc.ts';
import { sendTemplateMessage } from '../../services/notifications/template-message.ts';

/** POST /api/wechat/template-msg (spec 000) */
export const sendTemplateMessageProcedure = wechatProcedure
  .meta(
    operation('mini', 'POST /api/wechat/template-msg', 'Send a subscribe message to the caller', {
      message: '消息发送成功',
      rateLimit: { limit: 10 },
    }),
  )
  .input(
    z.object({
      templateId: z.string().trim().min(1, '参数不完整: templateId').max(128),
      data: z
        .record(z.string().regex(/^[a-z_]+\d+$/, 'keys look like thing1, time2'), z.object({ value: z.string().max(200) }))
        .refine((d) => Object.keys(d).length > 0 && Object.keys(d).length <= 20, '参数不完整: data'),
      page: z.string().max(500).optional(),
    }),
  )
  .output(z.object({ msgid: z.string(), status: z.literal('sent'), sendTime: z.number().int().describe('epoch ms') }))
  .mutation(({ ctx, input }) => sendTemplateMessage(ctx.deps, ctx.user, input));
