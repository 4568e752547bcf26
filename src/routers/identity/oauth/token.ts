import { publicProcedure } from '../../../edge/trpc.ts';
import { tokenRequest } from '../../../services/identity/oauth/token-endpoint.ts';
import { FORM, formOperation } from './schemas.ts';
import { tokenInput, tokenOutput } from './token.types.ts';

/** The RFC 6749 token endpoint at a path: spec 004 §3's, or the BI CLI's (cli-token.ts). Failures are `{error, error_description}`. */
export const tokenEndpoint = (route: `POST /${string}`, summary: string, contentTypes: string[]) =>
  publicProcedure
    .meta(formOperation('oauth', route, summary, contentTypes, { rateLimit: { limit: 120, bucket: 'oauth.token' } }))
    .input(tokenInput)
    .output(tokenOutput)
    .mutation(({ ctx, input }) => tokenRequest(ctx.deps, input));

/** POST /oauth/token (spec 004 §3): the device_code grant's polls and refresh_token grants; form-encoded. */
export const tokenProcedure = tokenEndpoint(
  'POST /oauth/token',
  'Token endpoint: device_code and refresh_token grants (RFC 8628 §3.4, RFC 6749 §6)',
  [FORM],
);
