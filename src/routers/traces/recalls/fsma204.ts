import { z } from 'zod';
import { fileOutput } from '../../../edge/files.ts';
import { authedProcedure } from '../../../edge/trpc.ts';
import { requireFactory } from '../../../services/traces/common.ts';
import { fsma204File, SHEET_TYPES } from '../../../services/traces/recall/fsma204.ts';
import { getRecall } from '../../../services/traces/recall/recall.ts';
import { traceOperation } from '../schemas.ts';
import { recallId } from './schemas.ts';

/** GET /v1/recalls/{id}/fsma204: the recall's FSMA 204 sortable spreadsheet, XLSX or CSV. */
export const recallSheetProcedure = authedProcedure
  .meta(
    traceOperation('GET /v1/recalls/{id}/fsma204', 'The recall’s FSMA 204 sortable spreadsheet', 'trace_read', {
      response: 'file',
      produces: Object.values(SHEET_TYPES),
    }),
  )
  .input(z.object({ id: recallId, format: z.enum(['xlsx', 'csv']).default('xlsx') }))
  .output(fileOutput)
  .query(async ({ ctx, input }) => {
    const r = await getRecall(ctx.deps.db, requireFactory(ctx.user.factoryId), input.id);
    const body = await fsma204File(r.fsma204, input.format);
    return {
      body: new Uint8Array(body),
      contentType: SHEET_TYPES[input.format],
      size: body.length,
      disposition: `attachment; filename="recall-${r.id}-fsma204.${input.format}"`,
    };
  });
