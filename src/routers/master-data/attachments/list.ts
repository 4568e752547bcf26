import { z } from 'zod';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { listAttachments, RELATED_TYPES } from '../../../services/master-data/attachments.ts';
import { adminMeta, id } from '../schemas.ts';
import { attachment } from './schemas.ts';

/** `admin.attachments.list`: an object's attachments, oldest first. */
export const listAttachmentsProcedure = factoryProcedure
  .meta(adminMeta('GET /api/attachments/{related_type}/{related_id}', "An object's attachments", 'attachment_read'))
  .input(z.object({ related_type: z.enum(RELATED_TYPES), related_id: id }))
  .output(z.object({ attachments: z.array(attachment) }))
  .query(({ ctx, input }) => listAttachments(ctx.deps.db, ctx.user.factoryId, input.related_type, input.related_id));
