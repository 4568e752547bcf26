import { z } from 'zod';
import { wireRoleSchema } from './schemas.ts';

/** Spec 004 §1 request: the token, and a scope it must carry. */
export const verifyTokenInput = z.object({ token: z.string().max(4096), required_scope: z.string().max(64).nullish() });

/** Spec 004 §1 answer: a bad token is `valid:false` with the reason, not an error. */
export const verifyTokenOutput = z.union([
  z.object({
    valid: z.literal(true),
    user_id: z.string(),
    role: wireRoleSchema,
    scopes: z.array(z.string()),
    delegated: z.boolean(),
    error: z.null(),
  }),
  z.object({
    valid: z.literal(false),
    error: z.string().describe('`Token expired`, `Invalid token`, `Token blacklisted` or `Insufficient scope`'),
  }),
]);
