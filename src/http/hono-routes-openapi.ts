import { errorBodySchema, successBodySchema } from '../trpc/envelopes.ts';

/**
 * OpenAPI entries for the operations Hono serves directly (multipart uploads, file streams,
 * OAuth form posts, HTML pages), which trpc-to-openapi cannot describe. Each family's issue adds
 * its routes here beside the route itself.
 */
export function honoRoutePaths(): Record<string, unknown> {
  return { ...mobileHonoPaths(), ...v1HonoPaths(), ...adminHonoPaths(), ...oauthPaths() };
}

const str = { type: 'string' };
const int = { type: 'integer' };
const oauthError = {
  type: 'object',
  properties: { error: str, error_description: str },
  required: ['error', 'error_description'],
};
const formBody = (properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties, required } } },
});
const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });

/** Spec 004 §2–4 (RFC 8628 device flow, RFC 6749 token endpoint) and the /device page. */
function oauthPaths(): Record<string, unknown> {
  const tokenBody = {
    type: 'object',
    properties: { access_token: str, refresh_token: str, token_type: { const: 'Bearer' }, expires_in: int, scope: str },
    required: ['access_token', 'refresh_token', 'token_type', 'expires_in'],
  };
  return {
    '/oauth/device': {
      post: {
        tags: ['bi'],
        summary: 'Start a device authorization (RFC 8628 §3.1)',
        requestBody: formBody({ client_id: str, scope: str }, ['client_id']),
        responses: {
          '200': json('Device and user codes', {
            type: 'object',
            properties: {
              device_code: str,
              user_code: { type: 'string', pattern: '^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$' },
              verification_uri: str,
              verification_uri_complete: str,
              expires_in: int,
              interval: int,
            },
            required: ['device_code', 'user_code', 'verification_uri', 'verification_uri_complete', 'expires_in', 'interval'],
          }),
          '400': json('invalid_request', oauthError),
          '401': json('invalid_client', oauthError),
          '429': json('Too many requests (Retry-After)', oauthError),
        },
      },
    },
    '/oauth/token': {
      post: {
        tags: ['bi'],
        summary: 'Token endpoint: device_code and refresh_token grants (RFC 8628 §3.4, RFC 6749 §6)',
        requestBody: formBody(
          {
            grant_type: { type: 'string', enum: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'] },
            client_id: str,
            device_code: str,
            refresh_token: str,
          },
          ['grant_type', 'client_id'],
        ),
        responses: {
          '200': json('Tokens (Cache-Control: no-store)', tokenBody),
          '400': json(
            'authorization_pending, slow_down, access_denied, expired_token, invalid_grant, invalid_request, unsupported_grant_type',
            oauthError,
          ),
          '401': json('invalid_client', oauthError),
          '429': json('Too many requests (Retry-After)', oauthError),
        },
      },
    },
    '/device': {
      get: {
        tags: ['bi'],
        summary: 'Verification page (HTML): sign in, enter the user code, approve or deny',
        parameters: [{ name: 'user_code', in: 'query', required: false, schema: str }],
        responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: str } } } },
      },
      post: {
        tags: ['bi'],
        summary: 'Verification page form posts (CSRF-protected)',
        requestBody: formBody(
          {
            csrf_token: str,
            step: { type: 'string', enum: ['login', 'code', 'approve', 'deny'] },
            username: str,
            password: str,
            user_code: str,
          },
          ['csrf_token', 'step'],
        ),
        responses: {
          '200': { description: 'HTML page', content: { 'text/html': { schema: str } } },
          '400': { description: 'Wrong or expired user code (HTML)' },
          '401': { description: 'Wrong credentials (HTML)' },
          '403': { description: 'Missing or bad CSRF token (HTML)' },
          '429': { description: 'Too many wrong codes or sign-ins (HTML)' },
        },
      },
    },
  };
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
