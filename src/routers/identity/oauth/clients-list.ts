import { z } from 'zod';
import { platformProcedure } from '../../../edge/trpc.ts';
import { listClients } from '../../../services/identity/oauth/clients.ts';
import { clientsOperation, oauthClient } from './schemas.ts';

/** GET /api/platform/oauth-clients: the device-flow clients, active or disabled. */
export const clientsListProcedure = platformProcedure
  .meta(clientsOperation('GET /api/platform/oauth-clients', 'OAuth clients of the device flow'))
  .input(z.void())
  .output(z.object({ clients: z.array(oauthClient) }))
  .query(async ({ ctx }) => ({ clients: await listClients(ctx.deps.db) }));
