import { z } from 'zod';

/** The `{id}` path parameter of spec 002's user routes. */
export const userId = z.coerce.number().int().positive();
