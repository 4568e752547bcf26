import { publicProcedure } from '../../../edge/trpc.ts';
import { startDeviceAuthorization } from '../../../services/identity/oauth/device-authorization.ts';
import { deviceAuthorizationInput, deviceAuthorizationOutput } from './device-authorization.types.ts';
import { FORM, formOperation } from './schemas.ts';

/** The RFC 8628 §3.1 device authorization request at a path: spec 004 §2's, or the BI CLI's (cli-device-authorization.ts). */
export const deviceAuthorization = (route: `POST /${string}`, summary: string, contentTypes: string[]) =>
  publicProcedure
    .meta(formOperation('oauth', route, summary, contentTypes, { rateLimit: { limit: 20, bucket: 'oauth.device' } }))
    .input(deviceAuthorizationInput)
    .output(deviceAuthorizationOutput)
    .mutation(({ ctx, input }) => startDeviceAuthorization(ctx.deps, { clientId: input.client_id, scope: input.scope }));

/** POST /oauth/device (spec 004 §2): a device_code and the user_code to enter at /device; form-encoded. */
export const deviceAuthorizationProcedure = deviceAuthorization('POST /oauth/device', 'Start a device authorization (RFC 8628 §3.1)', [
  FORM,
]);
