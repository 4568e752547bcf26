/** OpenAPI entries of the RFC 8628 device flow and the /device page (src/http/routes/oauth.ts). */
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
export function oauthPaths(): Record<string, unknown> {
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
