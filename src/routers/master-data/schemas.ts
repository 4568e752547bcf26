import { z } from 'zod';
import { type Meta, operation } from '../../edge/meta.ts';
import type { Permission } from '../../services/identity/permissions.ts';

/** `YYYY-MM-DD` that is a real calendar date (spec 001 "注意事项" 3). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'not a calendar date')
  .meta({ format: 'date', example: '2026-11-30' });

export const id = z.number().int().positive();
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9-]{5,20}$/, 'phone number')
  .meta({ example: '0731-88886666' })
  .nullable()
  .optional();
export const isoTime = z.string().describe('ISO 8601 UTC, seconds').meta({ format: 'date-time', example: '2026-11-30T08:00:00Z' });

/**
 * Meta of a spec 001 back-office operation (src/edge/meta.ts `operation` of the admin family) with
 * the permission guard, 201 for creations, and the bare array/object spec 001 shows for reads:
 * `adminMeta('GET /api/materials', "The factory's materials", 'material_read')`.
 */
export function adminMeta(
  route: `${'GET' | 'POST' | 'PUT' | 'DELETE'} /api/${string}`,
  summary: string,
  permission: Permission,
  message?: string,
  rest: Omit<Meta, 'openapi' | 'family' | 'permission' | 'message'> = {},
): Meta {
  return operation('admin', route, summary, {
    permission,
    ...(route.startsWith('GET ') ? { dataShape: 'bare' as const } : {}),
    ...(route.startsWith('POST ') ? { successStatus: 201 as const } : {}),
    ...(message ? { message } : {}),
    ...rest,
  });
}

/** `meta` of an operation whose body is `multipart/form-data` (file uploads). */
export function multipart(meta: Meta): Meta {
  return { ...meta, openapi: { ...meta.openapi!, contentTypes: ['multipart/form-data'] } };
}

/**
 * The answer schema of a tenant-scoped record, named `schemaId` in the document: `id`, the
 * entity's own fields in order, then `created_at` and `updated_at`.
 */
export function recordSchema<T extends z.ZodRawShape>(schemaId: string, fields: T) {
  return z.object({ id: z.number().int(), ...fields, created_at: isoTime, updated_at: isoTime }).meta({ id: schemaId });
}

/** The name, code and full name of a coded entity (materials, customers): as answered, and as written. */
export const coded = { name: z.string(), code: z.string(), full_name: z.string().nullable() };
export const codedWrite = {
  name: z.string().trim().min(1).max(100),
  code: z.string().trim().min(1).max(50),
  full_name: optionalText(200),
};
