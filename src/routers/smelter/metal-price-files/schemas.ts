import { z } from 'zod';
import type { FileOutput } from '../../../edge/files.ts';
import { PRICE_FILE_TYPES } from '../../../services/smelter/metal-price-export.ts';

/** The spreadsheet format of an export or template. */
export const format = z.enum(['xlsx', 'csv']).default('xlsx');

/** A spreadsheet download named `<name>.<format>`. */
export const download = (f: 'xlsx' | 'csv', name: string, body: ReadableStream<Uint8Array>): FileOutput => ({
  body,
  contentType: PRICE_FILE_TYPES[f],
  disposition: `attachment; filename="${name}.${f}"`,
  cacheControl: 'private, no-store',
});
