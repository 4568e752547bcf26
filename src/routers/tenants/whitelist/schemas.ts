import { z } from 'zod';

/** A whitelisted phone number of the caller's factory (spec 002 §2). */
export const whitelistEntry = z
  .object({
    id: z.number().int(),
    phoneNumber: z.string(),
    expiresAt: z.number().int().nullable().describe('epoch ms; null = never'),
    status: z.enum(['active', 'expired']),
    createdAt: z.number().int().describe('epoch ms'),
  })
  .meta({ id: 'WhitelistEntry' });
