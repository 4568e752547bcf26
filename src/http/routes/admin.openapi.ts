import { errorBodySchema, successBodySchema } from '../../trpc/envelopes.ts';

/** Spec 001 attachments: upload (multipart) and download (stream), src/http/routes/admin.ts. */
export function adminHonoPaths(): Record<string, unknown> {
  const errors = (codes: number[]) =>
    Object.fromEntries(
      codes.map((code) => [
        String(code),
        { description: ERROR_TEXT[code], content: { 'application/json': { schema: errorBodySchema('admin') } } },
      ]),
    );
  const attachment = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      related_type: { type: 'string' },
      related_id: { type: 'integer' },
      file_path: { type: 'string', description: 'logical path by naming rule; never a file-system path' },
      original_name: { type: 'string' },
      file_type: { type: 'string' },
      file_size: { type: 'integer', description: 'bytes' },
      created_at: { type: 'string', description: 'ISO 8601 UTC' },
    },
    required: ['id', 'related_type', 'related_id', 'file_path', 'original_name', 'file_type', 'file_size', 'created_at'],
  };
  return {
    '/api/attachments': {
      post: {
        operationId: 'admin-attachments-upload',
        tags: ['admin-attachments'],
        summary: 'Upload an attachment (multipart, at most ATTACHMENT_MAX_BYTES, default 10 MiB); permission attachment_create',
        security: [{ Authorization: [] }],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  file: { type: 'string', format: 'binary' },
                  related_type: { type: 'string', enum: ['contract', 'material', 'customer', 'department', 'assay_data', 'metal_price'] },
                  related_id: { type: 'integer' },
                  naming_rule: { type: 'string', enum: ['default', 'original', 'timestamp'], default: 'default' },
                },
                required: ['file', 'related_type', 'related_id'],
              },
            },
          },
        },
        responses: {
          '201': { description: 'Stored', content: { 'application/json': { schema: successBodySchema('admin', 'wrap', attachment) } } },
          ...errors([400, 401, 403, 413, 415, 500]),
        },
      },
    },
    '/api/attachments/{attachment_id}/download': {
      get: {
        operationId: 'admin-attachments-download',
        tags: ['admin-attachments'],
        summary: 'Download an attachment; Content-Disposition carries the original name (RFC 6266, RFC 8187); permission attachment_read',
        security: [{ Authorization: [] }],
        parameters: [{ name: 'attachment_id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: 'The file',
            headers: { 'Content-Disposition': { schema: { type: 'string' }, description: `attachment; filename="…"; filename*=UTF-8''…` } },
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          ...errors([400, 401, 403, 404, 500]),
        },
      },
    },
  };
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad input',
  401: 'Missing, invalid, expired or revoked token',
  403: 'Permission denied',
  404: 'Not found',
  413: 'File too large',
  415: 'multipart/form-data required',
  500: 'Internal error',
};
