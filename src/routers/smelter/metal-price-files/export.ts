import { z } from 'zod';
import { fileOutput } from '../../../edge/files.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { exportMetalPrices, PRICE_FILE_TYPES } from '../../../services/smelter/metal-price-export.ts';
import { adminMeta, isoDate } from '../../master-data/schemas.ts';
import { download, format } from './schemas.ts';

/** `admin.metalPriceFiles.export`: the filtered quotes as a spreadsheet, streamed (issue 15). */
export const exportMetalPricesProcedure = factoryProcedure
  .meta(
    adminMeta('GET /api/metal-prices/export', 'Export quotes as XLSX or CSV (streamed)', 'metal_price_read', undefined, {
      response: 'file',
      produces: Object.values(PRICE_FILE_TYPES),
    }),
  )
  .input(
    z.object({
      format,
      metal_type: z.string().trim().min(1).max(50).optional(),
      start_date: isoDate.optional(),
      end_date: isoDate.optional(),
    }),
  )
  .output(fileOutput)
  .query(({ ctx, input }) =>
    download(input.format, 'metal-prices', exportMetalPrices(ctx.deps.db, ctx.user.factoryId, input.format, input)),
  );
