import { z } from 'zod';
import { filePart } from '../../../edge/files.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { AppError } from '../../../errors.ts';
import { importMetalPrices } from '../../../services/smelter/metal-price-import.ts';
import { adminMeta, multipart } from '../../master-data/schemas.ts';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** `admin.metalPriceFiles.import`: metal quotes from an XLSX or CSV file, all or nothing (issue 15). */
export const importMetalPricesProcedure = factoryProcedure
  .meta(
    multipart(
      adminMeta(
        'POST /api/metal-prices/import',
        'Import quotes from an XLSX or CSV file, all or nothing',
        'metal_price_create',
        '导入成功',
        {
          maxBodyBytes: MAX_FILE_BYTES,
          errors: ['FILE_UPLOAD_ERROR'],
        },
      ),
    ),
  )
  .input(z.object({ file: filePart.describe('XLSX or CSV laid out as GET /api/metal-prices/template') }))
  .output(z.object({ imported: z.number().int().meta({ example: 10000 }) }))
  .mutation(async ({ ctx, input }) => {
    const name = input.file.name.toLowerCase();
    const f = name.endsWith('.csv') || input.file.type.startsWith('text/csv') ? 'csv' : name.endsWith('.xlsx') ? 'xlsx' : null;
    if (!f) throw new AppError('FILE_UPLOAD_ERROR', { zh: '只支持 .xlsx 或 .csv 文件', en: 'Only .xlsx or .csv files' });
    return importMetalPrices(ctx.deps.db, ctx.user.factoryId, { data: new Uint8Array(await input.file.arrayBuffer()), format: f });
  });
