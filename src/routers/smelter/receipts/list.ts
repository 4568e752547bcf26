import { z } from 'zod';
import { factoryProcedure, router } from '../../../edge/trpc.ts';
import { assayReceipt, deleteReceipt, sampleReceipt, updateReceipt } from '../../../services/smelter/receipt-changes.ts';
import { createReceipt, getReceipt, listReceipts } from '../../../services/smelter/receipts.ts';
import { adminMeta, id } from '../../master-data/schemas.ts';
import { receipt, receiptQuery, receiptWrite } from '../schemas.ts';

const tag = 'admin-receipts';
const byId = z.object({ receipt_id: id });

/** `admin.receipts`: material receipts of the caller's factory, weighing → sampling → assay (issue 15). */
export const receiptsRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/receipts', tag, 'Material receipts, filtered and paged', 'receipt_read'))
    .input(receiptQuery)
    .output(z.object({ receipts: z.array(receipt), total: z.number().int(), pages: z.number().int(), current_page: z.number().int() }))
    .query(({ ctx, input }) => listReceipts(ctx.deps.db, ctx.user.factoryId, input)),
  create: factoryProcedure
    .meta(adminMeta('POST', '/api/receipts', tag, 'Record a weighed truckload (state received)', 'receipt_create', '收货单创建成功'))
    .input(receiptWrite)
    .output(receipt)
    .mutation(({ ctx, input }) => createReceipt(ctx.deps.db, ctx.user, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/receipts/{receipt_id}', tag, 'One receipt', 'receipt_read'))
    .input(byId)
    .output(receipt)
    .query(({ ctx, input }) => getReceipt(ctx.deps.db, ctx.user.factoryId, input.receipt_id)),
  update: factoryProcedure
    .meta(
      adminMeta(
        'PUT',
        '/api/receipts/{receipt_id}',
        tag,
        'Correct the weighing of an unsettled receipt',
        'receipt_update',
        '收货单更新成功',
      ),
    )
    .input(byId.extend(receiptWrite.omit({ contract_id: true }).partial().shape))
    .output(receipt)
    .mutation(({ ctx, input: { receipt_id, ...patch } }) => updateReceipt(ctx.deps.db, ctx.user, receipt_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/receipts/{receipt_id}', tag, 'Delete an unsettled receipt', 'receipt_delete', '收货单删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteReceipt(ctx.deps.db, ctx.user, input.receipt_id)),
  sample: factoryProcedure
    .meta({
      ...adminMeta('POST', '/api/receipts/{receipt_id}/sample', tag, 'received → sampled', 'receipt_update', '已取样'),
      successStatus: 200,
    })
    .input(byId.extend({ sample_name: z.string().trim().min(1).max(100).meta({ example: '锌精矿样品001' }) }))
    .output(receipt)
    .mutation(({ ctx, input }) => sampleReceipt(ctx.deps.db, ctx.user, input.receipt_id, input.sample_name)),
  assay: factoryProcedure
    .meta({
      ...adminMeta('POST', '/api/receipts/{receipt_id}/assay', tag, 'sampled → assayed: link the assay record', 'receipt_update', '已化验'),
      successStatus: 200,
    })
    .input(byId.extend({ assay_id: id }))
    .output(receipt)
    .mutation(({ ctx, input }) => assayReceipt(ctx.deps.db, ctx.user, input.receipt_id, input.assay_id)),
});
