import { z } from 'zod';
import { fileOutput } from '../../../edge/files.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { PRICE_FILE_TYPES, priceTemplate } from '../../../services/smelter/metal-price-export.ts';
import { adminMeta } from '../../master-data/schemas.ts';
import { download, format } from './schemas.ts';

/** `admin.metalPriceFiles.template`: the import template, an empty spreadsheet with the header row. */
export const metalPriceTemplateProcedure = factoryProcedure
  .meta(
    adminMeta('GET /api/metal-prices/template', 'The import template', 'metal_price_read', undefined, {
      response: 'file',
      produces: Object.values(PRICE_FILE_TYPES),
    }),
  )
  .input(z.object({ format }))
  .output(fileOutput)
  .query(({ input }) => download(input.format, 'metal-price-template', priceTemplate(input.format)));
