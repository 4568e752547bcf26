import { z } from 'zod';
import { optionalParam } from './schemas.ts';

/** The fields the /device page's forms post (services/identity/oauth/device-page.ts `DeviceForm`). */
export const deviceSubmitInput = z.object({
  csrf_token: optionalParam,
  step: z.enum(['login', 'code', 'approve', 'deny']).or(z.string().max(20)).optional(),
  username: optionalParam,
  password: optionalParam,
  user_code: optionalParam,
});
