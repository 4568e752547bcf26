import { z } from 'zod';

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
