import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { getTraceBatch } from '../../services/traces/batch-queries.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { fieldsParam, traceBatchFields, traceId, traceOperation } from './schemas.ts';

/** GET /v1/traces/{id}: one batch of the caller's factory, trimmed to `fields`. */
export const getTraceProcedure = authedProcedure
  .meta(traceOperation('GET /v1/traces/{id}', 'One trace batch', 'trace_read'))
  .input(z.object({ id: traceId, fields: fieldsParam.optional() }))
  .output(traceBatchFields)
  .query(({ ctx, input }) => getTraceBatch(ctx.deps.db, ctx.user.factoryId, input.id, input.fields, gs1Settings(ctx.deps.config)));
