import { platformProcedure } from '../../edge/trpc.ts';
import { monthOrCurrent } from '../../services/analytics/scope.ts';
import { platformOverviewInput, platformOverviewOutput } from './platform-overview.types.ts';
import { biOperation, settingsOf } from './schemas.ts';

/** GET /api/v1/platform/overview (spec 004 bi §5), platform administrators only. */
export const platformOverviewProcedure = platformProcedure
  .meta(biOperation('GET /api/v1/platform/overview', 'Platform overview (administrators)'))
  .input(platformOverviewInput)
  .output(platformOverviewOutput)
  .query(({ ctx, input }) => {
    const s = settingsOf(ctx.deps.config);
    return ctx.deps.heavyReads.run('platformOverview', monthOrCurrent(input.month, s.timeZone), s);
  });
