import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import { normalizeMainlandPhone } from '../../services/identity/phone.ts';
import { addToWhitelist, listWhitelist, removeFromWhitelist } from '../../services/mobile/whitelist.ts';

const entry = z
  .object({
    id: z.number().int(),
    phoneNumber: z.string(),
    expiresAt: z.number().int().nullable().describe('epoch ms; null = never'),
    status: z.enum(['active', 'expired']),
    createdAt: z.number().int().describe('epoch ms'),
  })
  .meta({ id: 'WhitelistEntry' });

/** GET /api/whitelist (spec 002 §2.1). */
const list = factoryProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/whitelist', tags: ['mobile'], summary: "The factory's phone whitelist", protect: true },
    family: 'mobile',
    dataShape: 'spread',
    permission: 'whitelist_manage',
  })
  .input(z.void())
  .output(z.object({ whitelist: z.array(entry) }))
  .query(async ({ ctx }) => ({ whitelist: await listWhitelist(ctx.deps.db, ctx.user.factoryId) }));

/** POST /api/whitelist (spec 002 §2.2). */
const add = factoryProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/whitelist', tags: ['mobile'], summary: 'Whitelist a phone number', protect: true },
    family: 'mobile',
    dataShape: 'spread',
    successStatus: 201,
    permission: 'whitelist_manage',
  })
  .input(
    z.object({
      phoneNumber: z.string().trim().min(1).max(32),
      expiresAt: z.iso.datetime({ offset: true }).optional().describe('ISO 8601; absent = never expires'),
    }),
  )
  .output(z.object({ message: z.string(), entry }))
  .mutation(async ({ ctx, input }) => ({
    message: '添加成功',
    entry: await addToWhitelist(ctx.deps.db, ctx.user.factoryId, ctx.user.id, {
      phone: normalizeMainlandPhone(input.phoneNumber),
      expiresAt: input.expiresAt === undefined ? undefined : Date.parse(input.expiresAt),
    }),
  }));

/** DELETE /api/whitelist/{id} (spec 002 §2.3). */
const remove = factoryProcedure
  .meta({
    openapi: { method: 'DELETE', path: '/api/whitelist/{id}', tags: ['mobile'], summary: 'Remove a whitelist entry', protect: true },
    family: 'mobile',
    dataShape: 'spread',
    permission: 'whitelist_manage',
  })
  .input(z.object({ id: z.coerce.number().int().positive() }))
  .output(z.object({ message: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await removeFromWhitelist(ctx.deps.db, ctx.user.factoryId, input.id);
    return { message: '删除成功' };
  });

export const whitelistRouter = router({ list, add, remove });
