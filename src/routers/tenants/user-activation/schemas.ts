import { z } from 'zod';
import type { Meta } from '../../../edge/meta.ts';

/** What spec 002's user-activation operations share: spread answers, one permission. */
export const activationAccess = { dataShape: 'spread', permission: 'user_activate' } satisfies Partial<Meta>;

/** The `{id}` path parameter of spec 002's user routes. */
export const userId = z.coerce.number().int().positive();
