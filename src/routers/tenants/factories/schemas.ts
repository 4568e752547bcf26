import { z } from 'zod';
import type { Meta } from '../../../edge/meta.ts';

/** What every `/api/platform/factories` operation shares: spec 002's spread answers, one permission. */
export const factoriesAccess = { dataShape: 'spread', permission: 'platform_factories' } satisfies Partial<Meta>;

/** A factory (tenant) as spec 002 §4 shows it to the platform console. */
export const factory = z
  .object({
    id: z.string(),
    name: z.string(),
    industry: z.string().nullable(),
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    isActive: z.boolean(),
    userCount: z.number().int(),
    createdAt: z.number().int().describe('epoch ms'),
  })
  .meta({ id: 'Factory' });
