import { z } from 'zod';
import type { Meta } from '../../../edge/meta.ts';

/** What every `/api/whitelist` operation shares: spec 002's spread answers, one permission. */
export const whitelistAccess = { dataShape: 'spread', permission: 'whitelist_manage' } satisfies Partial<Meta>;

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
