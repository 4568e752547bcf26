import { errorBodySchema } from '../../trpc/envelopes.ts';

/** spec 003: the QR code image of a trace batch (src/http/routes/v1.ts). */
export function v1HonoPaths(): Record<string, unknown> {
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
