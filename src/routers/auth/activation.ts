import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../../edge/trpc.ts';
import { activateApp, validateActivation } from '../../services/identity/mobile/app-activation.ts';
import { batchCheck } from '../../services/identity/mobile/permission-check.ts';
import { deviceId } from './mobile/schemas.ts';

const activationCode = z.string().trim().min(1, '激活码不能为空').max(64);

/** POST /api/mobile/activation/activate (spec 002 §3.1). */
const activate = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/mobile/activation/activate', tags: ['mobile'], summary: 'Activate the app with a code' },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 10 },
  })
  .input(z.object({ activationCode, deviceInfo: z.object({ deviceId, deviceModel: z.string().max(100).optional() }) }))
  .output(
    z.object({
      message: z.string(),
      activated: z.literal(true),
      deviceId: z.string(),
      activatedAt: z.number().int().describe('epoch ms'),
      expiresAt: z.number().int().nullable().describe("the code's expiry, epoch ms"),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const r = await activateApp(ctx.deps.db, { code: input.activationCode, ...input.deviceInfo });
    return {
      message: r.alreadyActivated ? '设备已激活' : '激活成功',
      activated: true as const,
      deviceId: input.deviceInfo.deviceId,
      activatedAt: r.activatedAt,
      expiresAt: r.expiresAt,
    };
  });

/** POST /api/mobile/activation/validate (spec 002 §3.2). */
const validate = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/mobile/activation/validate', tags: ['mobile'], summary: "A device's activation status" },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 30 },
  })
  .input(z.object({ activationCode, deviceId }))
  .output(z.object({ valid: z.boolean(), activatedAt: z.number().int().nullable().describe('epoch ms') }))
  .mutation(({ ctx, input }) => validateActivation(ctx.deps.db, { code: input.activationCode, deviceId: input.deviceId }));

export const activationRouter = router({ activate, validate });

/** POST /api/mobile/permissions/batch-check (spec 002 §6.1). */
const batchCheckProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/mobile/permissions/batch-check',
      tags: ['mobile'],
      summary: 'Check several permissions at once',
      protect: true,
    },
    family: 'mobile',
    dataShape: 'spread',
  })
  .input(
    z.object({
      permissionChecks: z
        .array(
          z.object({
            type: z.enum(['permission', 'role', 'level']),
            values: z.array(z.string().max(64)).min(1).max(50),
            operator: z.enum(['AND', 'OR']).default('OR'),
          }),
        )
        .min(1)
        .max(50),
    }),
  )
  .output(
    z.object({
      results: z.array(
        z.object({
          type: z.string(),
          values: z.array(z.string()),
          operator: z.string(),
          passed: z.boolean(),
          details: z.record(z.string(), z.boolean()),
        }),
      ),
      allPassed: z.boolean(),
    }),
  )
  .mutation(({ ctx, input }) => batchCheck(ctx.user, input.permissionChecks));

export const permissionsRouter = router({ batchCheck: batchCheckProcedure });
