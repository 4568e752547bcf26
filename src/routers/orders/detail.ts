import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { wechatProcedure } from '../../edge/trpc.ts';
import { getOrderDetail } from '../../services/orders/orders.ts';
import { orderDetail } from './detail.types.ts';
import { erpId } from './schemas.ts';

const meta = operation('mini', 'GET /api/orders/{order_id}/detail', 'An order with its delivery orders, by order id or order number', {
  message: '查询成功',
  rateLimit: { limit: 60 },
  errors: ['COMPANY_NOT_BOUND', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'],
});
Object.assign(meta.openapi ?? {}, {
  description:
    "Only the bound company's orders; another company's answers the not-found business failure (HTTP 200, success:false, code NOT_FOUND). An unbound user gets code NEED_INVITE_BIND.",
});

/** GET /api/orders/{order_id}/detail (the original mini-program's order detail page; REAL-CLIENTS.md) */
export const detailProcedure = wechatProcedure
  .meta(meta)
  .input(z.object({ order_id: erpId.meta({ description: 'order id or order number', example: 'SO202611090012' }) }))
  .output(orderDetail)
  .query(({ ctx, input }) => getOrderDetail(ctx.deps, ctx.user, input.order_id));
