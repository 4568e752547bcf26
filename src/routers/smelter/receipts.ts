import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import { assayReceipt, deleteReceipt, sampleReceipt, updateReceipt } from '../../services/smelter/receipt-changes.ts';
import { createReceipt, getReceipt, listReceipts } from '../../services/smelter/receipts.ts';
import { crudProcedures } from '../master-data/crud-procedures.ts';
import { adminMeta, id } from '../master-data/schemas.ts';
import { receipt, receiptQuery, receiptWrite } from './schemas.ts';

const byId = z.object({ receipt_id: id });
/** A state step: POST, 200 (it creates nothing). */
const step = (path: `/api/receipts/{receipt_id}/${string}`, summary: string, message: string) =>
  adminMeta(`POST ${path}`, summary, 'receipt_update', message, { successStatus: 200 });

/** `admin.receipts`: material receipts of the caller's factory, weighing → sampling → assay (issue 15). */
export const receiptsRouter = router({
  ...crudProcedures(
    { list: listReceipts, get: getReceipt, create: createReceipt, update: updateReceipt, delete: deleteReceipt },
    {
      path: '/api/receipts/{receipt_id}',
      permission: 'receipt',
      dto: receipt,
      write: receiptWrite,
      update: receiptWrite.omit({ contract_id: true }).partial(),
      listInput: receiptQuery,
      listOutput: z.object({
        receipts: z.array(receipt),
        total: z.number().int(),
        pages: z.number().int(),
        current_page: z.number().int(),
      }),
      noun: 'receipt',
      zh: '收货单',
      summaries: {
        list: 'Material receipts, filtered and paged',
        create: 'Record a weighed truckload (state received)',
        update: 'Correct the weighing of an unsettled receipt',
        delete: 'Delete an unsettled receipt',
      },
    },
  ),
  sample: factoryProcedure
    .meta(step('/api/receipts/{receipt_id}/sample', 'received → sampled', '已取样'))
    .input(byId.extend({ sample_name: z.string().trim().min(1).max(100).meta({ example: '锌精矿样品001' }) }))
    .output(receipt)
    .mutation(({ ctx, input }) => sampleReceipt(ctx.deps.db, ctx.user, input.receipt_id, input.sample_name)),
  assay: factoryProcedure
    .meta(step('/api/receipts/{receipt_id}/assay', 'sampled → assayed: link the assay record', '已化验'))
    .input(byId.extend({ assay_id: id }))
    .output(receipt)
    .mutation(({ ctx, input }) => assayReceipt(ctx.deps.db, ctx.user, input.receipt_id, input.assay_id)),
});
