import { z } from 'zod';

const opt = (max: number) => z.string().trim().max(max).optional();

export const createFactoryInput = z.object({
  name: z.string().trim().min(1, '工厂名称不能为空').max(200),
  industry: opt(100),
  address: opt(300),
  contactName: opt(100),
  contactPhone: opt(32),
  contactEmail: z.string().trim().email().max(200).optional(),
  idPrefix: z
    .string()
    .regex(/^[A-Z]{2,12}$/, '2-12 upper-case letters')
    .meta({ example: 'ZHUZHOU' })
    .optional()
    .describe('id prefix: TEST → TEST_<year>_001 (not in spec 002; default FACTORY)'),
});
