import { z } from 'zod';
import { filePart } from '../../../edge/files.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { NAMING_RULES, RELATED_TYPES, storeAttachment } from '../../../services/master-data/attachments.ts';
import { adminMeta, id, multipart } from '../schemas.ts';
import { attachment } from './schemas.ts';

/** Multipart framing allowance on top of ATTACHMENT_MAX_BYTES. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** `admin.attachments.upload`: spec 001 `POST /api/attachments` (multipart). */
export const uploadAttachmentProcedure = factoryProcedure
  .meta(
    multipart(
      adminMeta('POST /api/attachments', 'Upload an attachment (multipart)', 'attachment_create', '文件上传成功', {
        maxBodyBytes: (config) => config.ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD,
        errors: ['FILE_UPLOAD_ERROR'],
      }),
    ),
  )
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
  );
