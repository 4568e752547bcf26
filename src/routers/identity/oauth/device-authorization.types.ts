import { z } from 'zod';
import { optionalParam } from './schemas.ts';

/** RFC 8628 §3.1 request parameters. */
export const deviceAuthorizationInput = z.object({
  client_id: optionalParam.describe('a registered OAuth client, e.g. `bi-cli-prod`'),
  scope: optionalParam,
});

/** RFC 8628 §3.2 response. */
export const deviceAuthorizationOutput = z
  .object({
    device_code: z.string(),
    user_code: z
      .string()
      .regex(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/)
      .meta({ example: 'WDJB-MJHT' }),
    verification_uri: z.url(),
    verification_uri_complete: z.url(),
    expires_in: z.number().int().positive().describe('seconds'),
    interval: z.number().int().positive().describe('seconds between polls'),
  })
  .meta({ id: 'DeviceAuthorizationResponse' });
