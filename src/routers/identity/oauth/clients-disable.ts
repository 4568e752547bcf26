import { z } from 'zod';
import { platformProcedure } from '../../../edge/trpc.ts';
import { disableClient } from '../../../services/identity/oauth/clients.ts';
import { clientsOperation, oauthClient } from './schemas.ts';

/** PUT /api/platform/oauth-clients/{clientId}/disable: no new grants; its refresh tokens are revoked. */
export const clientsDisableProcedure = platformProcedure
  .meta(
    clientsOperation('PUT /api/platform/oauth-clients/{clientId}/disable', 'Disable an OAuth client (revokes its refresh tokens)', {
      errors: ['NOT_FOUND'],
    }),
  )
  .input(z.object({ clientId: z.string().min(1).max(100) }))
  .output(z.object({ message: z.string().meta({ example: 'OAuth客户端已停用' }), client: oauthClient }))
  .mutation(async ({ ctx, input }) => ({ message: 'OAuth客户端已停用', client: await disableClient(ctx.deps.db, input.clientId) }));
