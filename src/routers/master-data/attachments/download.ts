import contentDisposition from 'content-disposition';
import { z } from 'zod';
import { type FileOutput, fileOutput } from '../../../edge/files.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { openAttachment } from '../../../services/master-data/attachments.ts';
import { adminMeta, id } from '../schemas.ts';

/** `admin.attachments.download`: spec 001's download, the stored file as a stream. */
export const downloadAttachmentProcedure = factoryProcedure
  .meta(
    adminMeta('GET /api/attachments/{attachment_id}/download', 'Download an attachment', 'attachment_read', undefined, {
      response: 'file',
      produces: ['*/*'],
      errors: ['FILE_NOT_FOUND'],
    }),
  )
  .input(z.object({ attachment_id: id }))
  .output(fileOutput)
  .query(async ({ ctx, input }): Promise<FileOutput> => {
    const file = await openAttachment(ctx.deps, ctx.user.factoryId, input.attachment_id);
    return {
      body: file.stream,
      contentType: file.mimeType,
      size: file.size,
      // RFC 6266 with an RFC 8187 `filename*` so Chinese names round-trip
      disposition: contentDisposition(file.name, { type: 'attachment' }),
      cacheControl: 'private, no-store',
    };
  });
