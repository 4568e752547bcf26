import { errorBodySchema, successBodySchema } from '../trpc/envelopes.ts';

/**
 * OpenAPI entries for the operations Hono serves directly (multipart uploads, file streams,
 * OAuth form posts, HTML pages), which trpc-to-openapi cannot describe. Each family's issue adds
 * its routes here beside the route itself.
 */
export function honoRoutePaths(): Record<string, unknown> {
  return { ...mobileHonoPaths(), ...v1HonoPaths(), ...adminHonoPaths() };
}

const mobileError = {
  description: 'Error in the mobile envelope',
  content: { 'application/json': { schema: errorBodySchema('mobile') } },
};

/** Spec 002's multipart upload (src/http/routes/mobile.ts). */
function mobileHonoPaths(): Record<string, unknown> {
  return {
    '/api/mobile/upload/mobile': {
      post: {
        tags: ['mobile'],
        summary: 'Upload up to 10 JPG/PNG/WebP images (10 MB each, type checked by content)',
        security: [{ Authorization: [] }],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  files: { type: 'array', maxItems: 10, items: { type: 'string', format: 'binary' } },
                  category: { type: 'string', maxLength: 64 },
                  metadata: { type: 'string', maxLength: 4096, description: 'free JSON text, stored as given' },
                },
                required: ['files'],
              },
            },
          },
        },
        responses: {
          201: {
            description: 'Stored',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    success: { const: true },
                    message: { type: 'string' },
                    count: { type: 'integer' },
                    files: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: { type: 'integer' },
                          originalName: { type: 'string' },
                          fileName: { type: 'string' },
                          mimeType: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/webp'] },
                          size: { type: 'integer', description: 'bytes' },
                          category: { type: ['string', 'null'] },
                          uploadedAt: { type: 'integer', description: 'epoch ms' },
                        },
                      },
                    },
                  },
                  required: ['success', 'message', 'count', 'files'],
                },
              },
            },
          },
          400: mobileError,
          401: mobileError,
          403: mobileError,
          413: mobileError,
          415: mobileError,
          429: mobileError,
        },
      },
    },
  };
}

/** spec 003: the QR code image of a trace batch (src/http/routes/v1.ts). */
function v1HonoPaths(): Record<string, unknown> {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: errorBodySchema('v1') } } });
  const rateHeaders = Object.fromEntries(
    ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'].map((h) => [h, { schema: { type: 'integer' } }]),
  );
  return {
    '/v1/traces/{id}/qrcode': {
      get: {
        operationId: 'orders-traces-qrCode',
        tags: ['v1'],
        summary: "QR code of a trace batch's public URL",
        description: 'Encodes `PUBLIC_BASE_URL + /v1/public/traces/{code}`. PNG (512 px) by default, SVG with `format=svg`.',
        security: [{ Authorization: [] }],
        parameters: [
          {
            in: 'path',
            name: 'id',
            required: true,
            schema: { type: 'string', maxLength: 40 },
            description: 'Trace batch id, e.g. `trace-456`',
          },
          { in: 'query', name: 'format', required: false, schema: { type: 'string', enum: ['png', 'svg'], default: 'png' } },
        ],
        responses: {
          '200': {
            description: 'The QR code image',
            headers: rateHeaders,
            content: {
              'image/png': { schema: { type: 'string', format: 'binary' } },
              'image/svg+xml': { schema: { type: 'string' } },
            },
          },
          '401': error('Missing, invalid, expired or revoked token'),
          '403': error('Permission denied'),
          '404': error('Not found'),
          '422': error('Validation failed: one `details` entry per bad field'),
          '429': error('Rate limit exceeded (Retry-After)'),
        },
      },
    },
  };
}

/** Spec 001 attachments: upload (multipart) and download (stream), src/http/routes/admin.ts. */
function adminHonoPaths(): Record<string, unknown> {
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
