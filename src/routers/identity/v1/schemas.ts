import { z } from 'zod';

/** spec 003 §6: the auth tier, 20 calls a minute. */
export const AUTH_TIER = { limit: 20, bucket: 'v1-auth' };

/** spec 003 §2.3's token answer, sent without envelope. */
export const tokenAnswer = z.object({
  token: z.string(),
  expiresIn: z.number().int().describe('seconds'),
  tokenType: z.literal('Bearer'),
});
