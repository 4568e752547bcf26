import type { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { isoTime, requireFactory } from '../../../services/traces/common.ts';
import { queryEvents } from '../../../services/traces/epcis/query.ts';
import { eventsInput, eventsOutput } from './events.types.ts';
import { epcisOperation, type epcisQueryDocument } from './schemas.ts';

/**
 * GET /v1/epcis/events (EPCIS 2.0 REST bindings' event query): the caller's factory's events,
 * oldest first, as an EPCISQueryDocument under spec 003's `data`, the paging token in `meta`.
 */
export const epcisEventsProcedure = authedProcedure
  .meta(
    epcisOperation(
      'The EPCIS 2.0 REST bindings’ event query over the caller’s factory’s events, oldest eventTime first. The EPCISQueryDocument is `data` (spec 003’s envelope); while more events match, `meta.nextPageToken` continues the same query. Events come back as captured, with `recordTime` added.',
      'GET /v1/epcis/events',
      'Query EPCIS events (SimpleEventQuery filters, token paging)',
      'trace_read',
      { dataShape: 'spread' },
    ),
  )
  .input(eventsInput)
  .output(eventsOutput)
  .query(async ({ ctx, input }) => {
    const page = await queryEvents(ctx.deps.db, requireFactory(ctx.user.factoryId), input);
    const meta = {
      perPage: input.perPage,
      ...(page.nextPageToken && { nextPageToken: page.nextPageToken }),
      serverTime: isoTime(Date.now()),
    };
    return { data: page.document as z.infer<typeof epcisQueryDocument>, meta };
  });
