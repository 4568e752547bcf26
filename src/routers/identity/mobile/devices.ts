import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { listDevices } from '../../../services/identity/mobile/devices.ts';
import { deviceView, mobileOperation } from './schemas.ts';

/** GET /api/mobile/auth/devices (spec 002 §2.3): the caller's bound devices, newest first. */
export const devicesProcedure = authedProcedure
  .meta(mobileOperation('GET /api/mobile/auth/devices', "The caller's bound devices"))
  .input(z.void())
  .output(z.object({ devices: z.array(deviceView) }))
  .query(async ({ ctx }) => ({ devices: await listDevices(ctx.deps.db, ctx.user.id) }));
