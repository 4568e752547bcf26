import { errorBodySchema } from '../trpc/envelopes.ts';

/**
 * OpenAPI entries for the operations Hono serves directly (multipart uploads, file streams,
 * OAuth form posts, HTML pages), which trpc-to-openapi cannot describe. Each family's issue adds
 * its routes here beside the route itself.
 */
export function honoRoutePaths(): Record<string, unknown> {
  return { ...mobileHonoPaths(), ...v1HonoPaths() };
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
