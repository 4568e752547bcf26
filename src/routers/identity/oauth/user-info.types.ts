import { z } from 'zod';
import { wireRoleSchema } from './schemas.ts';

/** Spec 004 §5 answer, bare (services/identity/oauth/token-introspection.ts `UserInfo`). */
export const userInfoOutput = z.object({
  id: z.string().meta({ example: '42' }),
  email: z.string().nullable().meta({ example: 'merchant@example.com' }),
  name: z.string().nullable().meta({ example: 'John Doe' }),
  role: wireRoleSchema.meta({ example: 'merchant' }),
  is_active: z.boolean().meta({ example: true }),
  created_at: z.string().describe('ISO 8601').meta({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' }),
  merchant_id: z.string().optional().describe('merchants only: their merchant (factory) id').meta({ example: 'TEST_2024_001' }),
});
