import { type FileOutput, fileOutput } from '../../edge/files.ts';
import { authedProcedure } from '../../edge/trpc.ts';
import { getTracePublicLink, renderQrCode } from '../../services/traces/qrcode.ts';
import { qrInput, traceOperation } from './schemas.ts';

/** GET /v1/traces/{id}/qrcode: a PNG (or SVG with `?format=svg`) QR code of the batch's Digital Link, or of its public URL without a GTIN and lot. */
export const qrCodeProcedure = authedProcedure
  .meta(
    traceOperation('GET /v1/traces/{id}/qrcode', "QR code of a batch's public page", 'trace_read', {
      response: 'file',
      produces: ['image/png', 'image/svg+xml'],
    }),
  )
  .input(qrInput)
  .output(fileOutput)
  .query(async ({ ctx, input }): Promise<FileOutput> => {
    const link = await getTracePublicLink(ctx.deps.db, ctx.user.factoryId, input.id, ctx.deps.config.PUBLIC_BASE_URL);
    const image = await renderQrCode(link.url, input.format);
    return { body: image.body, contentType: image.contentType, cacheControl: 'private, max-age=3600' };
  });
