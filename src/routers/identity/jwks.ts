import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { publicProcedure } from '../../edge/trpc.ts';
import { publishedJwks } from '../../services/traces/record-keys.ts';

const publicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().describe('base64url'),
  y: z.string().describe('base64url'),
  kid: z.string(),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});

/**
 * GET /.well-known/jwks.json (RFC 7517 §5): the public keys access tokens are signed with under
 * ES256, for services that verify tokens themselves (spec 004's verify use case without a shared
 * secret; revocation still needs POST /api/v1/auth/verify), and the key of signed trace records
 * (issue 14 §4; under HS256 the only one, once a record was signed).
 */
export const jwksProcedure = publicProcedure
  .meta(
    operation('bi', 'GET /.well-known/jwks.json', 'Public keys of access tokens and signed trace records (JWK Set)', {
      dataShape: 'bare',
      rateLimit: { limit: 120 },
    }),
  )
  .input(z.void())
  .output(z.object({ keys: z.array(publicJwk) }))
  .query(({ ctx }) => {
    // keys change only with a restart (or a record key's first use); verifiers may cache them for a few minutes
    ctx.resHeaders.set('cache-control', 'public, max-age=300');
    return publishedJwks(ctx.deps.tokens, ctx.deps.recordKeys);
  });
