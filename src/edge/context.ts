import type { AppDeps } from '../deps.ts';
import type { Principal } from '../services/identity/principal.ts';

/**
 * What every procedure sees. Built per request by the REST edge, the /trpc endpoint and the
 * /device route alike (`createContext`), and without HTTP in tests.
 */
export interface Context {
  deps: AppDeps;
  requestId: string;
  /** The client address used for rate limits and logs. */
  ip: string;
  /** The raw `Authorization` header, if any: only the pipeline (src/edge/trpc.ts) reads it. */
  authorization: string | undefined;
  /** The raw `Cookie` header, if any (the /device page's session). */
  cookie?: string | undefined;
  /** Headers to add to the answer (rate-limit headers). */
  resHeaders: Headers;
  /** Set by the pipeline for protected operations. */
  user: Principal | null;
  /** Hints for the REST envelope: a success message or status that depends on the outcome (the health check's 503). */
  response: { message?: string; status?: number };
}

export function createContext(
  deps: AppDeps,
  req: { requestId: string; ip: string; authorization: string | undefined; cookie?: string | undefined; resHeaders?: Headers },
): Context {
  return {
    deps,
    requestId: req.requestId,
    ip: req.ip,
    authorization: req.authorization,
    cookie: req.cookie,
    resHeaders: req.resHeaders ?? new Headers(),
    user: null,
    response: {},
  };
}
