import { TRPCError } from '@trpc/server';
import { createContext } from '../../src/edge/context.ts';
import { createCallerFactory } from '../../src/edge/trpc.ts';
import { appRouter } from '../../src/routers/app-router.ts';
import type { TestApp } from './app.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * The tRPC face without HTTP: a caller on a context built as the edge builds it (src/edge/rest.ts),
 * so `createCaller` runs the same pipeline (token family, scope, permission, tenant) as REST and
 * /trpc, and hands back outputs, not envelopes. `token` is sent as a Bearer authorization.
 */
export const callerFor = (t: TestApp, token?: string, ip = '127.0.0.1') =>
  createCaller(createContext(t.deps, { requestId: 'test', ip, authorization: token ? `Bearer ${token}` : undefined }));

/**
 * How a call ended: `ok`, or the TRPCError's code with the AppError code it carries
 * (`NOT_FOUND/USER_NOT_FOUND`); anything else is rethrown, so an unexpected failure fails the test.
 */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const cause = (err.cause as { code?: unknown } | undefined)?.code;
    return typeof cause === 'string' ? `${err.code}/${cause}` : err.code;
  }
}
