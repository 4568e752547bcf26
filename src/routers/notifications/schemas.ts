import { z } from 'zod';
import { type Meta, operation } from '../../edge/meta.ts';
import { ORDER_STATUSES } from '../../integrations/erp/types.ts';

const OWN_USER = "the caller's user id (from wx-login); refused when it is another user's";
/** Optional, and the token's own user when given (spec 000's bind-company rule); a string or a number in bodies. */
export const ownUserId = z
  .union([z.string().trim().max(32), z.number().int()])
  .optional()
  .meta({ description: OWN_USER, example: '42' });
/** The same in a query string. */
export const ownUserIdQuery = z.string().trim().max(32).meta({ description: OWN_USER, example: '42' }).optional();

export const unreadCount = z.number().int().meta({ description: 'unread messages of every type', example: 3 });

/** A mini operation (spec 000 family) with a description beyond its summary. */
export function miniOperation(
  route: Parameters<typeof operation>[1],
  summary: string,
  description: string,
  rest: Parameters<typeof operation>[3],
): Meta {
  const meta = operation('mini', route, summary, rest);
  Object.assign(meta.openapi ?? {}, { description });
  return meta;
}

/** The meta of a message-centre operation: reads may refuse a foreign `userId`, writes may also not find the message. */
export const messageOperation = (route: Parameters<typeof operation>[1], summary: string, limit: number, message: string) =>
  miniOperation(
    route,
    summary,
    "The token decides whose messages; a `userId` that is not the caller's is refused with HTTP 400 (code VALIDATION_FAILED), as bind-company refuses it.",
    { message, rateLimit: { limit }, errors: route.startsWith('GET') ? ['VALIDATION_FAILED'] : ['VALIDATION_FAILED', 'NOT_FOUND'] },
  );

/** A user's notification settings (GET and POST /api/user/notification-settings answer them). */
export const notificationSettings = z.object({
  orderStatus: z.boolean().meta({ description: 'write order-status messages to the message centre', example: true }),
  wechatPush: z.boolean().meta({ description: 'send WeChat subscribe messages (when consented)', example: true }),
  statuses: z.array(z.enum(ORDER_STATUSES)).meta({ description: 'the new statuses worth a notice', example: ['shipped', 'completed'] }),
  updatedAt: z.number().int().nullable().meta({ description: 'epoch ms; null while the defaults apply', example: null }),
});
