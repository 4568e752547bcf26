import contentDisposition from 'content-disposition';
import { z } from 'zod';
import { type FileOutput, fileOutput, filePart } from '../../../edge/files.ts';
import { factoryProcedure, router } from '../../../edge/trpc.ts';
import {
  listAttachments,
  NAMING_RULES,
  openAttachment,
  RELATED_TYPES,
  storeAttachment,
} from '../../../services/master-data/attachments.ts';
import { adminMeta, id, isoTime } from '../schemas.ts';

export const attachment = z
  .object({
    id: z.number().int().positive(),
    related_type: z.string(),
    related_id: z.number().int().positive(),
    file_path: z.string().describe('logical path by naming rule; download through /api/attachments/{id}/download'),
    original_name: z.string(),
    file_type: z.string(),
    file_size: z.number().int().nonnegative().describe('bytes'),
    created_at: isoTime,
  })
  .meta({ id: 'Attachment' });

/** Multipart framing allowance on top of ATTACHMENT_MAX_BYTES. */
const MULTIPART_OVERHEAD = 64 * 1024;
const tag = 'admin-attachments';

const uploadMeta = adminMeta('POST', '/api/attachments', tag, 'Upload an attachment (multipart)', 'attachment_create', '文件上传成功');

/** `admin.attachments`: spec 001 upload (multipart), download (a file stream) and list. */
export const attachmentsRouter = router({
  upload: factoryProcedure
    .meta({
      ...uploadMeta,
      openapi: { ...uploadMeta.openapi!, contentTypes: ['multipart/form-data'] },
      maxBodyBytes: (config) => config.ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD,
      errors: ['FILE_UPLOAD_ERROR'],
    })
    .input(
      z.object({
        related_type: z.enum(RELATED_TYPES),
        related_id: id,
        naming_rule: z.enum(NAMING_RULES).default('default'),
        file: filePart,
      }),
    )
    .output(attachment)
    .mutation(({ ctx, input }) =>
      storeAttachment(ctx.deps, ctx.user, {
        relatedType: input.related_type,
        relatedId: input.related_id,
        namingRule: input.naming_rule,
        fileName: input.file.name,
        mimeType: input.file.type,
        data: input.file,
      }),
    ),
  download: factoryProcedure
    .meta({
      ...adminMeta('GET', '/api/attachments/{attachment_id}/download', tag, 'Download an attachment', 'attachment_read'),
      response: 'file',
      produces: ['*/*'],
      errors: ['FILE_NOT_FOUND'],
    })
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
    }),
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/attachments/{related_type}/{related_id}', tag, "An object's attachments", 'attachment_read'))
    .input(z.object({ related_type: z.enum(RELATED_TYPES), related_id: id }))
    .output(z.object({ attachments: z.array(attachment) }))
    .query(({ ctx, input }) => listAttachments(ctx.deps.db, ctx.user.factoryId, input.related_type, input.related_id)),
});
