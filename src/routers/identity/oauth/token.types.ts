import { z } from 'zod';
import { DEVICE_GRANT_TYPE } from '../../../services/identity/oauth/device-codes.ts';
import { optionalParam } from './schemas.ts';

/** RFC 6749 §4 / RFC 8628 §3.4 token request parameters. */
export const tokenInput = z.object({
  grant_type: optionalParam.describe(`\`${DEVICE_GRANT_TYPE}\` or \`refresh_token\``),
  client_id: optionalParam,
  device_code: optionalParam,
  refresh_token: optionalParam,
});

/** RFC 6749 §5.1 token response. */
export const tokenOutput = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive().describe('seconds'),
    scope: z.string().describe('space-separated granted scopes'),
  })
  .meta({ id: 'TokenResponse' });
