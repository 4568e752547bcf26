import { errorBodySchema } from '../../trpc/envelopes.ts';

const mobileError = {
  description: 'Error in the mobile envelope',
  content: { 'application/json': { schema: errorBodySchema('mobile') } },
};

/** Spec 002's multipart upload (src/http/routes/mobile.ts). */
export function mobileHonoPaths(): Record<string, unknown> {
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
