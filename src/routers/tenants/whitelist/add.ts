import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { normalizeMainlandPhone } from '../../../services/identity/phone.ts';
import { addToWhitelist } from '../../../services/tenants/whitelist.ts';
import { whitelistAccess, whitelistEntry } from './schemas.ts';

/** POST /api/whitelist (spec 002 §2.2). */
export const addToWhitelistProcedure = factoryProcedure
  .meta(operation('mobile', 'POST /api/whitelist', 'Whitelist a phone number', { ...whitelistAccess, successStatus: 201 }))
  .input(
    z.object({
      phoneNumber: z.string().trim().min(1).max(32),
      expiresAt: z.iso.datetime({ offset: true }).optional().describe('ISO 8601; absent = never expires'),
    }),
  )
  .output(z.object({ message: z.string(), entry: whitelistEntry }))
  .mutation(async ({ ctx, input }) => ({
    message: '添加成功',
    entry: await addToWhitelist(ctx.deps.db, ctx.user.factoryId, ctx.user.id, {
      phone: normalizeMainlandPhone(input.phoneNumber),
      expiresAt: input.expiresAt === undefined ? undefined : Date.parse(input.expiresAt),
    }),
  }));
