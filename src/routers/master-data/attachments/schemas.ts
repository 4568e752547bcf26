import { z } from 'zod';
import { isoTime } from '../schemas.ts';

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
