import { z } from 'zod';
import { platformProcedure } from '../../../edge/trpc.ts';
import { registerClient } from '../../../services/identity/oauth/clients.ts';
import { clientId, clientsOperation, oauthClient } from './schemas.ts';

/** POST /api/platform/oauth-clients: registers a public client (the BI CLI's id is per deployment). */
export const clientsCreateProcedure = platformProcedure
  .meta(
    clientsOperation('POST /api/platform/oauth-clients', 'Register an OAuth client', {
      successStatus: 201,
      errors: ['DUPLICATE_RESOURCE'],
    }),
  )
  .input(z.object({ clientId, name: z.string().trim().min(1, '名称不能为空').max(100).meta({ example: 'BI CLI (production)' }) }))
  .output(z.object({ message: z.string().meta({ example: 'OAuth客户端已注册' }), client: oauthClient }))
  .mutation(async ({ ctx, input }) => ({
    message: 'OAuth客户端已注册',
    client: await registerClient(ctx.deps.db, { ...input, createdBy: ctx.user.id }),
  }));
