import { z } from 'zod';
import { type FileOutput, fileOutput, filePart } from '../../../edge/files.ts';
import { factoryProcedure, router } from '../../../edge/trpc.ts';
import { AppError } from '../../../errors.ts';
import { exportMetalPrices, PRICE_FILE_TYPES, priceTemplate } from '../../../services/smelter/metal-price-export.ts';
import { importMetalPrices } from '../../../services/smelter/metal-price-import.ts';
import { adminMeta, isoDate } from '../../master-data/schemas.ts';

const tag = 'admin-metal-prices';
const format = z.enum(['xlsx', 'csv']).default('xlsx');
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const importMeta = adminMeta(
  'POST',
  '/api/metal-prices/import',
  tag,
  'Import quotes from an XLSX or CSV file, all or nothing',
  'metal_price_create',
  '导入成功',
);
const download = (f: 'xlsx' | 'csv', name: string, body: ReadableStream<Uint8Array>): FileOutput => ({
  body,
  contentType: PRICE_FILE_TYPES[f],
  disposition: `attachment; filename="${name}.${f}"`,
  cacheControl: 'private, no-store',
});

/** `admin.metalPriceFiles`: metal quotes in and out as spreadsheets (issue 15). */
export const metalPriceFilesRouter = router({
  import: factoryProcedure
    .meta({
      ...importMeta,
      openapi: { ...importMeta.openapi!, contentTypes: ['multipart/form-data'] },
      maxBodyBytes: MAX_FILE_BYTES,
      errors: ['FILE_UPLOAD_ERROR'],
    })
    .input(z.object({ file: filePart.describe('XLSX or CSV laid out as GET /api/metal-prices/template') }))
    .output(z.object({ imported: z.number().int().meta({ example: 10000 }) }))
    .mutation(async ({ ctx, input }) => {
      const name = input.file.name.toLowerCase();
      const f = name.endsWith('.csv') || input.file.type.startsWith('text/csv') ? 'csv' : name.endsWith('.xlsx') ? 'xlsx' : null;
      if (!f) throw new AppError('FILE_UPLOAD_ERROR', { zh: '只支持 .xlsx 或 .csv 文件', en: 'Only .xlsx or .csv files' });
      return importMetalPrices(ctx.deps.db, ctx.user.factoryId, { data: new Uint8Array(await input.file.arrayBuffer()), format: f });
    }),
  export: factoryProcedure
    .meta({
      ...adminMeta('GET', '/api/metal-prices/export', tag, 'Export quotes as XLSX or CSV (streamed)', 'metal_price_read'),
      response: 'file',
      produces: Object.values(PRICE_FILE_TYPES),
    })
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
    ),
  template: factoryProcedure
    .meta({
      ...adminMeta('GET', '/api/metal-prices/template', tag, 'The import template', 'metal_price_read'),
      response: 'file',
      produces: Object.values(PRICE_FILE_TYPES),
    })
    .input(z.object({ format }))
    .output(fileOutput)
    .query(({ input }) => download(input.format, 'metal-price-template', priceTemplate(input.format))),
});
