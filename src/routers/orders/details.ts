import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { getMaterialProgress, getOrderMaterials, getOrderStatus } from '../../services/orders/orders.ts';

/** ERP objects are passed through as the ERP sends them (spec 000 "原样透传"). */
const erpObject = z.record(z.string(), z.unknown());
const id = z.string().trim().min(1).max(64);
const meta = (path: `/${string}`, summary: string) => ({
  openapi: { method: 'GET' as const, path, tags: ['mini'], summary, protect: true },
  family: 'mini' as const,
  message: '查询成功',
  rateLimit: { limit: 60 },
});

/** GET /api/orders/{order_id}/status (spec 000) */
export const statusProcedure = wechatProcedure
  .meta(meta('/api/orders/{order_id}/status', "An order's ERP status"))
  .input(z.object({ order_id: id }))
  .output(erpObject)
  .query(({ ctx, input }) => getOrderStatus(ctx.deps, ctx.user.id, input.order_id));

/** GET /api/orders/{order_id}/materials (spec 000) */
export const materialsProcedure = wechatProcedure
  .meta(meta('/api/orders/{order_id}/materials', "An order's material list"))
  .input(z.object({ order_id: id }))
  .output(erpObject)
  .query(({ ctx, input }) => getOrderMaterials(ctx.deps, ctx.user.id, input.order_id));

/** GET /api/materials/{material_id}/progress (spec 000) */
export const materialProgressProcedure = wechatProcedure
  .meta(meta('/api/materials/{material_id}/progress', "A material's production progress"))
  .input(z.object({ material_id: id }))
  .output(erpObject)
  .query(({ ctx, input }) => getMaterialProgress(ctx.deps, ctx.user.id, input.material_id));
