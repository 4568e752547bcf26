import { z } from 'zod';
import { platformProcedure, router } from '../../edge/trpc.ts';
import { CLIENT_ID_PATTERN, disableClient, listClients, registerClient } from '../../services/oauth/clients.ts';

const clientId = z
  .string()
  .trim()
  .regex(CLIENT_ID_PATTERN, 'clientId须为3-100位字母、数字、点、下划线或连字符')
  .describe('the `client_id` the client sends (RFC 6749 §2.2)')
  .meta({ example: 'bi-cli-aqkutatj' });
const client = z
  .object({
    clientId,
    name: z.string().meta({ example: 'BI CLI (production)' }),
    isActive: z.boolean().meta({ example: true }),
    createdAt: z.number().int().describe('epoch ms').meta({ example: 1767225600000 }),
    updatedAt: z.number().int().describe('epoch ms').meta({ example: 1767225600000 }),
  })
  .meta({ id: 'OAuthClient' });
const tags = ['mobile'];
/** Platform console operations (spec 002 "平台管理"): platform admins, `admin` scope for delegated tokens. */
const platformMeta = { family: 'mobile', dataShape: 'spread', permission: 'platform_oauth_clients' } as const;

/** GET /api/platform/oauth-clients: the device-flow clients, active or disabled. */
const list = platformProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/platform/oauth-clients', tags, summary: 'OAuth clients of the device flow', protect: true },
    ...platformMeta,
  })
  .input(z.void())
  .output(z.object({ clients: z.array(client) }))
  .query(async ({ ctx }) => ({ clients: await listClients(ctx.deps.db) }));

/** POST /api/platform/oauth-clients: registers a public client (the BI CLI's id is per deployment). */
const create = platformProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/platform/oauth-clients', tags, summary: 'Register an OAuth client', protect: true },
    ...platformMeta,
    successStatus: 201,
    errors: ['DUPLICATE_RESOURCE'],
  })
  .input(z.object({ clientId, name: z.string().trim().min(1, '名称不能为空').max(100).meta({ example: 'BI CLI (production)' }) }))
  .output(z.object({ message: z.string().meta({ example: 'OAuth客户端已注册' }), client }))
  .mutation(async ({ ctx, input }) => ({
    message: 'OAuth客户端已注册',
    client: await registerClient(ctx.deps.db, { ...input, createdBy: ctx.user.id }),
  }));

/** PUT /api/platform/oauth-clients/{clientId}/disable: no new grants; its refresh tokens are revoked. */
const disable = platformProcedure
  .meta({
    openapi: {
      method: 'PUT',
      path: '/api/platform/oauth-clients/{clientId}/disable',
      tags,
      summary: 'Disable an OAuth client (revokes its refresh tokens)',
      protect: true,
    },
    ...platformMeta,
    errors: ['NOT_FOUND'],
  })
  .input(z.object({ clientId: z.string().min(1).max(100) }))
  .output(z.object({ message: z.string().meta({ example: 'OAuth客户端已停用' }), client }))
  .mutation(async ({ ctx, input }) => ({ message: 'OAuth客户端已停用', client: await disableClient(ctx.deps.db, input.clientId) }));

/** `admin.oauthClients`: the OAuth clients of spec 004's device flow, kept in the database. */
export const oauthClientsRouter = router({ list, create, disable });
