import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { showDevicePage } from '../../../services/identity/oauth/device-page.ts';
import { devicePageDeps, devicePageStep, deviceSessionCookie } from './schemas.ts';

/** GET /device (RFC 8628 §3.3): the page's first screen; src/http/routes/device-page.ts renders it as HTML. */
export const devicePageProcedure = publicProcedure
  .meta(
    operation('page', 'GET /device', 'Verification page (HTML): sign in, enter the user code', {
      transport: 'hono',
      rateLimit: { limit: 120, bucket: 'device.page' },
    }),
  )
  .input(z.object({ user_code: z.string().max(64).default('') }))
  .output(devicePageStep)
  .query(({ ctx, input }) => showDevicePage(devicePageDeps(ctx), { session: deviceSessionCookie(ctx), userCode: input.user_code }));
