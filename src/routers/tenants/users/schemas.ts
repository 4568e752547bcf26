import { z } from 'zod';
import { FACTORY_ROLES } from '../../../services/identity/permissions.ts';

export const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[\p{L}\p{N}_.@-]+$/u, 'letters, digits, _ . @ - only');
export const email = z.email().max(120);
export const password = z.string().min(6).max(128);
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9-]{5,20}$/, 'phone number')
  .meta({ example: '13800138000' });

/** Spec 001's user object; the list and single reads add phone, role and is_active. */
export const adminUser = z
  .object({
    id: z.number().int(),
    username: z.string().nullable(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    phone: z.string().nullable().optional(),
    role: z.string().optional(),
    is_active: z.boolean().optional(),
  })
  .meta({ id: 'User' });

export const userId = z.object({ user_id: z.number().int().positive() });

export const userWrite = z.object({
  username: username.optional(),
  email: email.optional(),
  name: z.string().trim().min(1).max(64).optional(),
  phone: phone.optional(),
  password: password.optional(),
  role: z.enum(FACTORY_ROLES).optional().describe('Extension: no higher than the caller’s own role; default viewer'),
});
