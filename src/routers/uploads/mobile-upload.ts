import { z } from 'zod';
import { filePart } from '../../edge/files.ts';
import { operation } from '../../edge/meta.ts';
import { authedProcedure } from '../../edge/trpc.ts';
import { saveMobileUploads, UPLOAD_RULES } from '../../services/uploads/mobile-uploads.ts';

/** Ten full files plus room for the other fields and the multipart framing. */
const MAX_BODY = UPLOAD_RULES.maxFiles * UPLOAD_RULES.maxBytes + 1024 * 1024;

const storedFile = z
  .object({
    id: z.number().int().positive(),
    originalName: z.string(),
    fileName: z.string().describe('random storage name'),
    mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    size: z.number().int().nonnegative().describe('bytes'),
    category: z.string().nullable(),
    uploadedAt: z.number().int().describe('epoch ms'),
  })
  .meta({ id: 'StoredFile' });

const meta = operation('mobile', 'POST /api/mobile/upload/mobile', 'Upload photos from the app (multipart)', {
  dataShape: 'spread',
  successStatus: 201,
  permission: 'attachment_create',
  rateLimit: { limit: 30 },
  maxBodyBytes: MAX_BODY,
});
// the document's request body is multipart/form-data, not operation()'s JSON
meta.openapi = { ...meta.openapi!, contentTypes: ['multipart/form-data'] };

/** POST /api/mobile/upload/mobile (spec 002 §4.1): up to 10 JPG/PNG/WebP images of 10 MB, by content. */
export const mobileUploadProcedure = authedProcedure
  .meta(meta)
  .input(
    z.object({
      // the app sends `files`, some HTML forms `files[]`; one file arrives as a single part
      files: z.union([filePart, z.array(filePart)]).optional(),
      'files[]': z.union([filePart, z.array(filePart)]).optional(),
      category: z.string().max(64).optional(),
      metadata: z.string().max(4096).optional().describe('client JSON, stored as given'),
    }),
  )
  .output(z.object({ message: z.string(), files: z.array(storedFile), count: z.number().int().nonnegative() }))
  .mutation(async ({ ctx, input }) => {
    const parts = [input.files, input['files[]']].flat().filter((f): f is File => f instanceof File);
    const files = parts.map((f) => ({ name: f.name || 'file', data: f }));
    const stored = await saveMobileUploads(ctx.deps, ctx.user, files, { category: input.category, metadata: input.metadata });
    return { message: '上传成功', files: stored, count: stored.length };
  });
