import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { operation } from '../../edge/meta.ts';
import { wechatProcedure } from '../../edge/trpc.ts';
import type { OrderCaller } from '../../services/orders/orders.ts';

/** ERP objects are passed through as the ERP sends them (spec 000 "原样透传"). */
export const erpObject = z.record(z.string(), z.unknown());

/** An ERP order or material id in a path. */
export const erpId = z.string().trim().min(1).max(64);

type ErpRead = (deps: Pick<AppDeps, 'db' | 'erp' | 'orderCache'>, caller: OrderCaller, id: string) => Promise<Record<string, unknown>>;

/**
 * A spec 000 read that passes one ERP object through for the bound company: `GET path` with one
 * path parameter `param`, answered with the mini family's "查询成功", 60 a minute per user.
 */
export function erpPassThrough<K extends string>(path: `/${string}`, summary: string, param: K, read: ErpRead) {
  return wechatProcedure
    .meta(operation('mini', `GET ${path}`, summary, { message: '查询成功', rateLimit: { limit: 60 } }))
    .input(z.object({ [param]: erpId } as Record<K, typeof erpId>))
    .output(erpObject)
    .query(({ ctx, input }) => read(ctx.deps, ctx.user, (input as Record<K, string>)[param]));
}
