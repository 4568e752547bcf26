import { z } from 'zod';
import { listAttachments, RELATED_TYPES } from '../../../services/admin/attachments.ts';
import { factoryProcedure, router } from '../../../trpc/init.ts';
import { adminMeta, id, isoTime } from './shared.ts';

export const attachment = z.object({
  id: z.number().int(),
  related_type: z.string(),
  related_id: z.number().int(),
  file_path: z.string().describe('logical path by naming rule; download through /api/attachments/{id}/download'),
  original_name: z.string(),
  file_type: z.string(),
  file_size: z.number().int().describe('bytes'),
  created_at: isoTime,
});

/**
 * `admin.attachments`: the list; upload (multipart) and download (stream) are Hono routes in
 * src/http/routes/admin.ts, which also win for `/api/attachments/{id}/download`.
 */
export const attachmentsRouter = router({
  list: factoryProcedure
    .meta(
      adminMeta('GET', '/api/attachments/{related_type}/{related_id}', 'admin-attachments', "An object's attachments", 'attachment_read'),
    )
    .input(z.object({ related_type: z.enum(RELATED_TYPES), related_id: id }))
    .output(z.object({ attachments: z.array(attachment) }))
    .query(({ ctx, input }) => listAttachments(ctx.deps.db, ctx.user.factoryId, input.related_type, input.related_id)),
});
