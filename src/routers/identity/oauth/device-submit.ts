import { publicProcedure } from '../../../edge/trpc.ts';
import { submitDevicePage } from '../../../services/identity/oauth/device-page.ts';
import { deviceSubmitInput } from './device-submit.types.ts';
import { devicePageDeps, devicePageStep, deviceSessionCookie, FORM, formOperation } from './schemas.ts';

/** POST /device (RFC 8628 §3.3): one step of the page (sign in, enter the code, approve or deny); rendered by src/http/routes/device-page.ts. */
export const deviceSubmitProcedure = publicProcedure
  .meta(
    formOperation(
      'page',
      'POST /device',
      'Verification page form posts (CSRF-protected): sign in, enter the code, approve or deny',
      [FORM],
      {
        transport: 'hono',
        rateLimit: { limit: 60, bucket: 'device.page.post' },
        maxBodyBytes: 16 * 1024,
      },
    ),
  )
  .input(deviceSubmitInput)
  .output(devicePageStep)
  .mutation(({ ctx, input }) => submitDevicePage(devicePageDeps(ctx), { ...input, session: deviceSessionCookie(ctx), ip: ctx.ip }));
